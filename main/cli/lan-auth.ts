import { UserError } from '../../shared/errors';
import { loadConfig } from '../core/config';
import { createCore, type Core } from '../core/container';
import type { LanActor } from '../core/lan';
import { createLogger } from '../core/log';
import type { UserDirectory } from '../core/users';
import { dataDirFrom, passphraseFrom, stringFlag, UsageError, type CommandContext } from './command';

export const USER_PASSWORD_ENV = 'CONFIDANT_USER_PASSWORD';

/**
 * The one place a CLI command turns `--as USER` and CONFIDANT_USER_PASSWORD into an actor. It resolves the
 * user by name (or id), refuses disabled users and users without one of `roles`. The password is passed in
 * so the accounts work can verify it here without touching any command; this branch has no stored
 * passwords, so it is not checked yet.
 */
export function authenticateCliUser(
  users: Pick<UserDirectory, 'findByName' | 'get'>,
  input: { name: string; password: string | undefined },
  roles: readonly string[],
): LanActor {
  const user = users.findByName(input.name) ?? users.get(input.name);
  if (!user || user.disabled) throw new UserError('UNAUTHORIZED', 'Unknown or disabled user.');
  if (!roles.includes(user.role))
    throw new UserError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}.`);
  return { kind: 'user', id: user.id, name: user.name, role: user.role };
}

export const AS_OPTION = { as: { type: 'string' } } as const;

export function asNameFrom(ctx: CommandContext): string {
  const name = stringFlag(ctx, 'as');
  if (!name) throw new UsageError('--as USER is required: the user who takes this action.');
  return name;
}

/** Opens the core for one command (store, ledger, users, LAN ports) and closes it after `fn`. */
export async function withCore<T>(ctx: CommandContext, fn: (core: Core) => Promise<T>): Promise<T> {
  const dataDir = dataDirFrom(ctx);
  const passphrase = passphraseFrom(ctx);
  const log = createLogger({ level: process.env.CONFIDANT_LOG_LEVEL ?? 'warn' });
  const core = await createCore({ config: loadConfig({ dataDir, mode: 'cli' }), passphrase, log });
  try {
    return await fn(core);
  } finally {
    await core.shutdown();
  }
}

export function actorFrom(ctx: CommandContext, core: Core, roles: readonly string[]): LanActor {
  return authenticateCliUser(
    core.users,
    { name: asNameFrom(ctx), password: ctx.io.env[USER_PASSWORD_ENV] },
    roles,
  );
}

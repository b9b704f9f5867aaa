import { UserError } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import { loadConfig } from '../core/config';
import { createCore, type Core } from '../core/container';
import type { LanActor } from '../core/lan';
import { createLogger } from '../core/log';
import { credentialsFrom } from './admin';
import { dataDirFrom, passphraseFrom, type CommandContext } from './command';

export { AS_OPTION } from './admin';

/** `--as USER` and that user's password (CONFIDANT_USER_PASSWORD or a prompt), before the store opens. */
export const cliCredentials = (ctx: CommandContext) => credentialsFrom(ctx);

/**
 * The one place a LAN or escalation command turns `--as USER` and its password into an actor: the user signs
 * in (back-off, lock-out and auth.* audit entries as everywhere else) and must hold one of `roles`. A wrong
 * password or a locked account is UNAUTHORIZED, a wrong role FORBIDDEN: both exit 3.
 */
export async function authenticateCliUser(
  core: Pick<Core, 'accounts' | 'audit'>,
  who: { name: string; password: string },
  roles: readonly Role[],
  action: string,
): Promise<LanActor> {
  const user = await core.accounts.signIn(who.name, who.password);
  if (!roles.includes(user.role)) {
    core.audit.append({
      type: 'auth.denied',
      actor: { kind: 'user', id: user.id, role: user.role },
      subject: null,
      payload: { procedure: `cli:${action}`, role: user.role },
    });
    throw new UserError('FORBIDDEN', `Only ${roles.join(' or ')} may ${action}.`);
  }
  return { kind: 'user', id: user.id, name: user.name, role: user.role };
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

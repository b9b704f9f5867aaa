import { Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { UserError } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import { openLedger, type AuditLedger } from '../core/audit';
import { openStore, type Store } from '../core/store';
import { createAccounts, openUserDirectory } from '../core/users';
import { dataDirFrom, passphraseFrom, stringFlag, UsageError, type CommandContext } from './command';

/** `--as NAME`: the user a CLI action is taken by, signed in with their own password. */
export const AS_OPTION = { as: { type: 'string' } } as const;
export const USER_PASSWORD_ENV = 'CONFIDANT_USER_PASSWORD';

export interface AdminActor {
  kind: 'user';
  id: string;
  role: string;
}

/** The `--as` name, checked before any store is opened, so a usage error touches nothing. */
export function adminNameFrom(ctx: CommandContext): string {
  const name = stringFlag(ctx, 'as');
  if (!name) throw new UsageError('--as NAME is required: the user who takes this action.');
  return name;
}

/**
 * A secret from the environment, or typed at a terminal with echo off; never a flag (shell history,
 * `ps`). Without either it is an auth error (exit 3), raised before anything touches the disk.
 */
export async function secretFrom(ctx: CommandContext, envName: string, prompt: string): Promise<string> {
  const value = ctx.io.env[envName];
  if (value) return value;
  const stdin = ctx.io.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY) throw new UserError('UNAUTHORIZED', `No password: set ${envName} or run on a terminal.`);
  ctx.io.stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: stdin, output: muted, terminal: true });
  try {
    return await new Promise<string>((resolvePromise) => rl.question('', resolvePromise));
  } finally {
    rl.close();
    ctx.io.stderr.write('\n');
  }
}

/** `--as NAME` and that user's password, both gathered before the store opens. */
export async function credentialsFrom(ctx: CommandContext): Promise<{ name: string; password: string }> {
  const name = adminNameFrom(ctx);
  return { name, password: await secretFrom(ctx, USER_PASSWORD_ENV, `Password for ${name}: `) };
}

/**
 * Signs the user in (back-off, lock-out and the auth.* audit entries as in the app) and checks the role.
 * A wrong password or a locked account is UNAUTHORIZED and a wrong role FORBIDDEN: both exit 3.
 */
export async function signInAs(
  store: Store,
  ledger: Pick<AuditLedger, 'append'>,
  who: { name: string; password: string },
  roles: readonly Role[],
  action: string,
): Promise<AdminActor> {
  const users = openUserDirectory(store, { audit: ledger });
  const user = await createAccounts(users, { audit: ledger }).signIn(who.name, who.password);
  if (!roles.includes(user.role)) {
    ledger.append({
      type: 'auth.denied',
      actor: { kind: 'user', id: user.id, role: user.role },
      subject: null,
      payload: { procedure: `cli:${action}`, role: user.role },
    });
    throw new UserError('FORBIDDEN', `Only ${roles.join(' or ')} may ${action}.`);
  }
  return { kind: 'user', id: user.id, role: user.role };
}

/** signInAs with its own short-lived ledger, for commands that open their ledger later themselves. */
export async function requireUser(
  store: Store,
  who: { name: string; password: string },
  roles: readonly Role[],
  action: string,
): Promise<AdminActor> {
  const ledger = openLedger(store);
  try {
    return await signInAs(store, ledger, who, roles, action);
  } finally {
    ledger.close();
  }
}

/**
 * Opens the store and its ledger for one command and closes both after `fn`. With `adminAction`, `--as`
 * must name an admin who signs in with their password (gathered before the store opens), and `fn` gets
 * that actor; without it, the actor is null (read-only commands).
 */
export async function withLedgerStore<T>(
  ctx: CommandContext,
  adminAction: string | null,
  fn: (store: Store, ledger: AuditLedger, actor: AdminActor | null) => T | Promise<T>,
): Promise<T> {
  const dataDir = dataDirFrom(ctx);
  const passphrase = passphraseFrom(ctx);
  const who = adminAction === null ? null : await credentialsFrom(ctx);
  const store = openStore({ dataDir, passphrase });
  try {
    const ledger = openLedger(store);
    try {
      const actor = who === null ? null : await signInAs(store, ledger, who, ['admin'], adminAction ?? '');
      return await fn(store, ledger, actor);
    } finally {
      ledger.close();
    }
  } finally {
    store.close();
  }
}

import { UserError } from '../../shared/errors';
import { openLedger, type AuditLedger } from '../core/audit';
import { openStore, type Store } from '../core/store';
import { openUserDirectory } from '../core/users';
import { dataDirFrom, passphraseFrom, stringFlag, UsageError, type CommandContext } from './command';

/** `--as NAME`: the admin a CLI admin action is attributed to in the audit ledger. */
export const AS_OPTION = { as: { type: 'string' } } as const;

export interface AdminActor {
  kind: 'user';
  id: string;
  role: string;
}

/** The `--as` name, checked before any store is opened, so a usage error touches nothing. */
export function adminNameFrom(ctx: CommandContext): string {
  const name = stringFlag(ctx, 'as');
  if (!name) throw new UsageError('--as NAME is required: the admin who takes this action.');
  return name;
}

/** Resolves `name` to an enabled admin in the store's user directory, or refuses with FORBIDDEN. */
export function requireAdmin(store: Store, name: string, action: string): AdminActor {
  const user = openUserDirectory(store).findByName(name);
  if (!user || user.disabled || user.role !== 'admin')
    throw new UserError('FORBIDDEN', `Only an enabled admin may ${action}.`);
  return { kind: 'user', id: user.id, role: user.role };
}

/**
 * Opens the store and its ledger for one command and closes both after `fn`. With `adminAction`, `--as`
 * must name an enabled admin (checked before the store opens for usage, after for the role), and `fn`
 * gets that actor; without it, the actor is null (read-only commands).
 */
export async function withLedgerStore<T>(
  ctx: CommandContext,
  adminAction: string | null,
  fn: (store: Store, ledger: AuditLedger, actor: AdminActor | null) => T,
): Promise<T> {
  const dataDir = dataDirFrom(ctx);
  const passphrase = passphraseFrom(ctx);
  const asName = adminAction === null ? null : adminNameFrom(ctx);
  const store = openStore({ dataDir, passphrase });
  try {
    const actor = asName === null ? null : requireAdmin(store, asName, adminAction ?? '');
    const ledger = openLedger(store);
    try {
      return fn(store, ledger, actor);
    } finally {
      ledger.close();
    }
  } finally {
    store.close();
  }
}

import type { RetentionTarget, Store } from '../store';

const DAY_MS = 86_400_000;

/**
 * The pseudonym vault holds sealed originals, so it follows the pack's `pii_vault` window and is emptied
 * for a subject on erasure (the subject key is shredded too; deleting the rows also drops the tokens).
 */
export function vaultRetentionTarget(store: Pick<Store, 'db'>, windowDays: number): RetentionTarget {
  const purge = store.db.prepare<[number]>('DELETE FROM privacy_vault WHERE created_at < ?');
  const erase = store.db.prepare<[string]>('DELETE FROM privacy_vault WHERE subject_id = ?');
  return {
    name: 'pii_vault',
    purgeExpired: (now) => purge.run(now - windowDays * DAY_MS).changes,
    eraseSubject: (subjectId) => erase.run(subjectId).changes,
  };
}

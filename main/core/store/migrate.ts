import { BugError } from '../../../shared/errors';
import type { Database } from './db';
import { migrations as allMigrations, type Migration } from './migrations';

/** Applies pending migrations, each in its own transaction, and records progress in user_version. */
export function migrate(
  db: Database,
  migrations: readonly Migration[] = allMigrations,
  target?: number,
): number {
  let previous = 0;
  for (const m of migrations) {
    if (m.version <= previous) throw new BugError(`migrations out of order at ${m.version}`);
    previous = m.version;
  }
  let current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    if (target !== undefined && m.version > target) break;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

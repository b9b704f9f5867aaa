import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openKeyed, SqliteDatabase, type Database } from '../core/store/db';
import { newKey } from '../core/store/wrap';
import { tempDir } from './fs';

export interface TempDbOptions {
  /** Turn on foreign keys, as the store does, for tests of cascades and references. */
  foreignKeys?: boolean;
  /** Page-encrypt the file under a fresh key, as the store does. */
  keyed?: boolean;
}

/**
 * A bare SQLite file in its own temp folder, for migration tests that must see a schema without the store
 * around it. Closed and removed when the calling test finishes, so a test cannot leak one into the next.
 */
export function tempDb(options: TempDbOptions = {}): Database {
  const t = tempDir();
  const path = join(t.dir, 'm.db');
  const db = options.keyed ? openKeyed(path, newKey()) : new SqliteDatabase(path);
  if (options.foreignKeys) db.pragma('foreign_keys = ON');
  onTestFinished(() => {
    if (db.open) db.close();
    t.cleanup();
  });
  return db;
}

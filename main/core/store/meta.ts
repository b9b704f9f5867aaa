import type { Database } from './db';

/**
 * `store_meta` (migration 001): small settings of this store, key -> text value (the admin's idle lock).
 * The store owns the table; other modules read and write settings here.
 */
export function storeMeta(db: Database) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?');
  const write = db.prepare<[string, string]>(
    'INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key: string): string | null => read.get(key)?.value ?? null,
    set: (key: string, value: string): void => void write.run(key, value),
  };
}
export type StoreMeta = ReturnType<typeof storeMeta>;

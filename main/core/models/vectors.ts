/**
 * Embeddings in sqlite-vec: one vec0 table per embedding space and model (see migration 010), because
 * vec0 columns have fixed dimensions and vectors from two models are not comparable.
 */
import { load as loadSqliteVec } from 'sqlite-vec';
import { UserError } from '../../../shared/errors';
import type { Database } from '../store';

function ensureVec(db: Database): void {
  try {
    db.prepare('SELECT vec_version()').get();
  } catch {
    loadSqliteVec(db);
  }
}

export interface VectorIndex {
  readonly table: string;
  readonly dims: number;
  upsert(id: number, vector: Float32Array): void;
  remove(id: number): void;
  /** Nearest first; distance is L2 on normalised vectors (0 = identical, 2 = opposite). */
  knn(vector: Float32Array, k: number): Array<{ id: number; distance: number }>;
  count(): number;
}

/**
 * Opens (creating on first use) the vector table for `space`. A space already bound to another model or
 * size is refused: re-embedding under a new model needs a new space name, never a silent mix.
 */
export function openVectorIndex(db: Database, space: string, modelId: string, dims: number): VectorIndex {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(space)) throw new UserError('VALIDATION', 'bad embedding space name');
  if (!Number.isInteger(dims) || dims < 1 || dims > 8192)
    throw new UserError('VALIDATION', 'bad embedding size');
  ensureVec(db);
  const existing = db
    .prepare<[string], { model_id: string; dims: number; table_name: string }>(
      'SELECT model_id, dims, table_name FROM embedding_spaces WHERE name = ?',
    )
    .get(space);
  let table: string;
  if (existing) {
    if (existing.model_id !== modelId || existing.dims !== dims)
      throw new UserError(
        'CONFLICT',
        `embedding space ${space} holds ${existing.dims}-d vectors of ${existing.model_id}; re-embed into a new space`,
      );
    table = existing.table_name;
  } else {
    table = `vec_${space}_${dims}`;
    db.transaction(() => {
      // Identifiers cannot be bound; both parts are validated above.
      db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${table} USING vec0(embedding float[${dims}])`);
      db.prepare(
        'INSERT INTO embedding_spaces (name, model_id, dims, table_name, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(space, modelId, dims, table, new Date().toISOString());
    })();
  }
  const del = db.prepare(`DELETE FROM ${table} WHERE rowid = ?`);
  const ins = db.prepare(`INSERT INTO ${table} (rowid, embedding) VALUES (?, ?)`);
  const knn = db.prepare<[Float32Array, number], { rowid: number; distance: number }>(
    `SELECT rowid, distance FROM ${table} WHERE embedding MATCH ? AND k = ? ORDER BY distance`,
  );
  const count = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`);
  const check = (v: Float32Array): void => {
    if (v.length !== dims) throw new UserError('VALIDATION', `expected a ${dims}-d vector, got ${v.length}`);
  };
  return {
    table,
    dims,
    upsert: (id, vector) => {
      check(vector);
      // vec0 has no UPSERT; delete-then-insert in one transaction keeps it atomic.
      db.transaction(() => {
        del.run(BigInt(id));
        ins.run(BigInt(id), vector);
      })();
    },
    remove: (id) => void del.run(BigInt(id)),
    knn: (vector, k) => {
      check(vector);
      return knn.all(vector, k).map((r) => ({ id: Number(r.rowid), distance: r.distance }));
    },
    count: () => count.get()?.n ?? 0,
  };
}

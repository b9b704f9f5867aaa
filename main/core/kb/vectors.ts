import * as sqliteVec from 'sqlite-vec';
import { UserError } from '../../../shared/errors';
import type { Database } from '../store';

/** Structurally the models module's Embedder; injected so kb never loads a model itself. */
export interface Embedder {
  info: { modelId: string; dims: number };
  embed(texts: string[]): Promise<Float32Array[]>;
}

const loaded = new WeakSet<Database>();

/** Loads sqlite-vec into this connection once (a no-op when another module already did). */
export function ensureVecLoaded(db: Database): void {
  if (loaded.has(db)) return;
  try {
    db.prepare('SELECT vec_version()').get();
  } catch {
    sqliteVec.load(db);
  }
  loaded.add(db);
}

export function vecTableName(dims: number): string {
  if (!Number.isInteger(dims) || dims < 1 || dims > 8192)
    throw new UserError('VALIDATION', `Embedding size ${dims} is not supported (1..8192).`);
  return `kb_vec_${dims}`;
}

/** One vec0 table per embedding size; `domain` is a partition key so a KNN query never crosses domains. */
export function ensureVecTable(db: Database, dims: number): string {
  ensureVecLoaded(db);
  const table = vecTableName(dims);
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${table} USING vec0(` +
      `chunk_rowid INTEGER PRIMARY KEY, domain TEXT PARTITION KEY, embedding FLOAT[${dims}] distance_metric=cosine)`,
  );
  return table;
}

export function checkVector(v: Float32Array | undefined, dims: number): Float32Array {
  if (!(v instanceof Float32Array) || v.length !== dims)
    throw new UserError('INTERNAL', `Embedder returned a vector of the wrong size (expected ${dims}).`);
  for (let i = 0; i < v.length; i += 1)
    if (!Number.isFinite(v[i])) throw new UserError('INTERNAL', 'Embedder returned a non-finite value.');
  return v;
}

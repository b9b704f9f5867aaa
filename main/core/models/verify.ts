/**
 * Verified loading: a model file is used only when its size and sha256 match the pinned values.
 * Hashing a 2 GB GGUF takes seconds, so results are cached by (path, size, mtime); any change to the
 * file changes the key and forces a fresh hash.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../shared/errors';
import { expectedFor, filePath, readPins, type ManifestEntry, type ModelDirs } from './manifest';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface CacheRow {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** A small JSON file under <modelsDir>/cache; losing it only costs a re-hash. */
export class HashCache {
  private rows: Record<string, CacheRow> = {};
  private readonly path: string;
  /** Counts real hash computations (tests assert the cache is used). */
  hashesComputed = 0;

  constructor(cacheDir: string) {
    this.path = join(cacheDir, 'verify.json');
    try {
      if (existsSync(this.path))
        this.rows = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, CacheRow>;
    } catch {
      this.rows = {};
    }
  }

  async hash(path: string): Promise<{ sha256: string; size: number; cached: boolean }> {
    const st = statSync(path);
    const row = this.rows[path];
    if (row && row.size === st.size && row.mtimeMs === st.mtimeMs)
      return { sha256: row.sha256, size: st.size, cached: true };
    const sha256 = await sha256File(path);
    this.hashesComputed++;
    // Re-stat: a file rewritten while we hashed must not be cached under the new mtime.
    const after = statSync(path);
    if (after.size === st.size && after.mtimeMs === st.mtimeMs) {
      this.rows[path] = { size: st.size, mtimeMs: st.mtimeMs, sha256 };
      this.save();
    }
    return { sha256, size: st.size, cached: false };
  }

  private save(): void {
    try {
      mkdirSync(join(this.path, '..'), { recursive: true });
      writeFileSync(`${this.path}.tmp`, JSON.stringify(this.rows));
      renameSync(`${this.path}.tmp`, this.path);
    } catch {
      // A read-only models folder still works; it just re-hashes next time.
    }
  }
}

export type FileStatus = 'ok' | 'missing' | 'size-mismatch' | 'hash-mismatch' | 'unpinned';

export interface FileReport {
  path: string;
  status: FileStatus;
  expectedSha256: string | null;
  actualSha256: string | null;
  expectedSize: number | null;
  actualSize: number | null;
}

export interface EntryReport {
  id: string;
  installed: boolean;
  ok: boolean;
  files: FileReport[];
}

export function isInstalled(dirs: ModelDirs, entry: ManifestEntry): boolean {
  return entry.files.every((f) => existsSync(filePath(dirs, entry, f)));
}

/** Checks every file of an entry. Size is checked first (cheap, and catches truncated downloads). */
export async function verifyEntry(
  dirs: ModelDirs,
  entry: ManifestEntry,
  cache: HashCache,
): Promise<EntryReport> {
  const pins = readPins(dirs);
  const files: FileReport[] = [];
  for (const file of entry.files) {
    const path = filePath(dirs, entry, file);
    const expected = expectedFor(entry, file, pins);
    const report: FileReport = {
      path: file.path,
      status: 'ok',
      expectedSha256: expected.sha256,
      actualSha256: null,
      expectedSize: expected.size,
      actualSize: null,
    };
    files.push(report);
    if (!existsSync(path)) {
      report.status = 'missing';
      continue;
    }
    report.actualSize = statSync(path).size;
    if (expected.size !== null && report.actualSize !== expected.size) {
      report.status = 'size-mismatch';
      continue;
    }
    report.actualSha256 = (await cache.hash(path)).sha256;
    if (expected.sha256 === null) report.status = 'unpinned';
    else if (report.actualSha256 !== expected.sha256) report.status = 'hash-mismatch';
  }
  const installed = files.every((f) => f.status !== 'missing');
  return { id: entry.id, installed, ok: files.every((f) => f.status === 'ok'), files };
}

/** Turns a failed report into the error a user sees: expected and actual values, and what to do. */
export function assertVerified(report: EntryReport): void {
  for (const f of report.files) {
    switch (f.status) {
      case 'ok':
        break;
      case 'missing':
        throw new UserError(
          'NOT_FOUND',
          `model ${report.id}: ${f.path} is not installed (confidant models pull ${report.id})`,
        );
      case 'size-mismatch':
        throw new UserError(
          'CORRUPT',
          `model ${report.id}: ${f.path} is ${f.actualSize} bytes, expected ${f.expectedSize} (truncated or partial download); refused`,
        );
      case 'hash-mismatch':
        throw new UserError(
          'CORRUPT',
          `model ${report.id}: ${f.path} sha256 mismatch: expected ${f.expectedSha256}, actual ${f.actualSha256}; refused`,
        );
      case 'unpinned':
        throw new UserError(
          'VALIDATION',
          `model ${report.id}: ${f.path} has no published sha256 (actual ${f.actualSha256}); check it and run confidant models pin ${report.id}`,
        );
    }
  }
}

/** Refuses before loading when the machine cannot hold the model (manifest minimum or file size + 20%). */
export function assertFitsInRam(
  entry: ManifestEntry,
  fileBytes: number,
  totalBytes: number = totalmem(),
): void {
  const needMb = Math.max(entry.minRamMb, Math.ceil((fileBytes * 1.2) / 2 ** 20));
  const haveMb = Math.floor(totalBytes / 2 ** 20);
  if (needMb > haveMb)
    throw new UserError(
      'UNAVAILABLE',
      `model ${entry.id} needs about ${needMb} MB of RAM; this machine has ${haveMb} MB; refused before loading`,
    );
}

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Test support only (imported by *.test.ts in store, memory and retention). */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(root);
  return out.sort();
}

/** sha256 of every file under root, keyed by relative path: proves "nothing written". */
export function hashTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of listFiles(root))
    out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  return out;
}

export function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The detector as it was at a git ref, for side-by-side speed and quality in the same run. The ref's
 * privacy module and shared/ are extracted with `git archive` into bench/.baseline/<commit>/ (ignored by
 * git) and imported from there, so the comparison needs no frozen copy in the tree and always measures
 * the real previous code. Default ref: PII_BASELINE_REF, else the merge base with main (today's detector
 * on main, before this branch's changes).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PiiSpan, DetectOptions } from '../../main/core/privacy';

// bench/lib/ → the repository root; not a benchmark itself, so it lives outside bench/'s top level.
const ROOT = join(import.meta.dirname, '..', '..');

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

export interface Baseline {
  commit: string;
  detectPii: (text: string, options?: DetectOptions) => PiiSpan[];
}

export async function loadBaseline(ref = process.env.PII_BASELINE_REF): Promise<Baseline> {
  const commit = git(['rev-parse', ref ?? git(['merge-base', 'HEAD', 'refs/heads/main'])]);
  const dir = join(ROOT, 'bench', '.baseline', commit);
  if (!existsSync(join(dir, 'main', 'core', 'privacy', 'detect.ts'))) {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', commit, 'main/core/privacy', 'shared'], {
      cwd: ROOT,
      maxBuffer: 1 << 28,
    });
    // Without the tests: vitest and eslint would otherwise pick the copy up.
    execFileSync('tar', ['-x', '-C', dir, '--exclude=*.test.ts', '--exclude=corpus.jsonl'], { input: tar });
  }
  const mod = (await import(pathToFileURL(join(dir, 'main', 'core', 'privacy', 'detect.ts')).href)) as Pick<
    Baseline,
    'detectPii'
  >;
  return { commit, detectPii: mod.detectPii };
}

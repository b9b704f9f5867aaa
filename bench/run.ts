/**
 * Benchmark runner: `npm run bench` runs every bench/*.ts script (except this one) in turn;
 * `npm run bench -- <name> [...]` runs bench/<name>.ts only. Each benchmark is a plain script that prints
 * its own comparisons and ratios; it runs in its own process so one bench's native state (models, SQLite
 * caches, JIT warm-up) cannot skew the next. Exit code is non-zero if any benchmark failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const benchDir = import.meta.dirname;
const SELF = basename(import.meta.filename);

export function listBenchmarks(dir: string = benchDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== SELF && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

function run(names: string[]): number {
  let failed = 0;
  for (const name of names) {
    const file = join(benchDir, `${name}.ts`);
    if (!/^[\w.-]+$/.test(name) || !existsSync(file)) {
      console.error(`bench: no benchmark '${name}'. Available: ${listBenchmarks().join(', ') || '(none)'}`);
      failed += 1;
      continue;
    }
    console.log(`\n=== bench ${name} ===`);
    const started = performance.now();
    const res = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (res.status === 0) console.log(`=== ${name}: ok in ${seconds} s ===`);
    else {
      failed += 1;
      console.error(`=== ${name}: FAILED (exit ${res.status ?? res.signal}) after ${seconds} s ===`);
    }
  }
  return failed;
}

if (process.argv[1] === import.meta.filename) {
  const requested = process.argv.slice(2).filter((a) => a !== '--');
  const names = requested.length > 0 ? requested : listBenchmarks();
  if (names.length === 0) console.log('bench: no benchmarks in bench/ yet.');
  const failed = run(names);
  console.log(`\nbench: ${names.length - failed} ok, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

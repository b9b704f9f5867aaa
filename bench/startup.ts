/**
 * CLI start-up, peers in the same run:
 *   1. `confidant --help` and `confidant models list --json` (the compiled build in dist/cli) against
 *      `node -e 0` (the floor: Node itself) and against the same commands run from source with tsx
 *      (what every start cost before the build); interleaved rounds with rotating order, medians,
 *      ratios to `node -e 0` (target ≤ 4×);
 *   2. `confidant web`: from spawn to the address printed, and to the first page served.
 *
 *   npm run bench -- startup
 *   node --import tsx bench/startup.ts [--runs N] [--web-runs N]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCliInProcess } from '../main/cli/testing';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { runs: { type: 'string' }, 'web-runs': { type: 'string' } },
  allowPositionals: true,
});
const runs = Number(values.runs ?? 9);
const webRuns = Number(values['web-runs'] ?? 3);
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'confidant.js');
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

// A fresh build, so the compiled peers measure the build and not bin's fallback to tsx.
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(`build-cli failed: ${built.stderr}`);

interface Peer {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}
const tsxSource = [
  '--import',
  'tsx',
  '-e',
  "const { main } = await import('./main/cli/index.ts'); process.exitCode = await main(process.argv.slice(1));",
];
const peers: Peer[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'confidant --help', args: [bin, '--help'] },
  { name: 'confidant models list --json', args: [bin, 'models', 'list', '--json'] },
  // `--` keeps Node from reading --help as its own option.
  { name: 'from source (tsx): --help', args: [...tsxSource, '--', '--help'] },
  { name: 'from source (tsx): models list --json', args: [...tsxSource, '--', 'models', 'list', '--json'] },
];

const times = new Map<string, number[]>(peers.map((p) => [p.name, []]));
for (let round = 0; round < runs; round++) {
  // Rotate the order each round so no peer always runs first (cold caches) or last.
  for (let i = 0; i < peers.length; i++) {
    const peer = peers[(i + round) % peers.length]!;
    const started = performance.now();
    const res = spawnSync(process.execPath, peer.args, {
      cwd: root,
      env: { ...process.env, ...peer.env },
      encoding: 'utf8',
    });
    const ms = performance.now() - started;
    if (res.status !== 0) throw new Error(`${peer.name} exited ${res.status}: ${res.stderr.slice(0, 300)}`);
    if (peer.args[0] === bin && res.stderr !== '')
      throw new Error(`${peer.name} did not run the build: ${res.stderr}`);
    times.get(peer.name)!.push(ms);
  }
}
const floor = median(times.get('node -e 0')!);
console.log(`start-up, median of ${runs} interleaved runs (Node ${process.version}):`);
for (const peer of peers) {
  const ms = median(times.get(peer.name)!);
  console.log(
    `  ${peer.name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / floor).toFixed(2)}× node -e 0`,
  );
}
for (const cmd of ['--help', 'models list --json']) {
  const compiled = median(times.get(`confidant ${cmd}`)!);
  const source = median(times.get(`from source (tsx): ${cmd}`)!);
  console.log(`  ${cmd}: the build starts ${(source / compiled).toFixed(1)}× faster than tsx from source`);
}

// `confidant web` on an existing store: spawn → address printed → first page (index.html) served.
const work = mkdtempSync(join(tmpdir(), 'confidant-bench-startup-'));
try {
  const dataDir = join(work, 'data');
  const passphrase = 'bench-startup';
  const init = await runCliInProcess(['init', '--data-dir', dataDir], { CONFIDANT_PASSPHRASE: passphrase });
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const listening: number[] = [];
  const served: number[] = [];
  for (let i = 0; i < webRuns; i++) {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, 'web', '--data-dir', dataDir, '--port', '0'], {
      cwd: root,
      env: { ...process.env, CONFIDANT_PASSPHRASE: passphrase, CONFIDANT_LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    const origin = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`web exited ${code}`)));
    });
    listening.push(performance.now() - started);
    const page = await fetch(`${origin}/`);
    await page.text();
    if (page.status !== 200) throw new Error(`first page: HTTP ${page.status} (is renderer/dist built?)`);
    served.push(performance.now() - started);
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
  const floorMs = floor;
  console.log(`confidant web, median of ${webRuns} (existing store):`);
  console.log(
    `  address printed  ${median(listening).toFixed(0).padStart(6)} ms   ${(median(listening) / floorMs).toFixed(1)}× node -e 0`,
  );
  console.log(
    `  first page served ${median(served).toFixed(0).padStart(5)} ms   ${(median(served) / floorMs).toFixed(1)}× node -e 0`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

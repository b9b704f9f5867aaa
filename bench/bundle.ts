/**
 * `bundle verify` on the hostile corpus: wall time and peak memory (VmHWM) of each verification in its
 * own process, next to two peers in the same run: a process that only loads the verifier (baseline
 * memory) and a plain full gunzip of the same file (time to read every byte, no checks).
 *
 *   npm run bench -- bundle        (BENCH_BUNDLE_ENTRIES=20000 sets the genuine bundle's size)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { openLedger } from '../main/core/audit';
import { readTar, verifyBundle, type BundleReport } from '../main/core/bundle-verify';
import { openStore } from '../main/core/store';
import { buildTar, membersOf, tarHeader, writeGzipBomb } from '../main/test-support';

const ENTRIES = Number(process.env.BENCH_BUNDLE_ENTRIES ?? 20_000);

function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/u.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

/** Child mode: verify one file (or, with no file, only load the module) and report on stdout. */
async function child(file: string | undefined): Promise<void> {
  const t0 = performance.now();
  let report: BundleReport | null = null;
  if (file) report = await verifyBundle({ path: file });
  const ms = performance.now() - t0;
  process.stdout.write(
    JSON.stringify({ ms, peak: peakRssMiB(), ok: report?.ok, problem: report?.problems[0] ?? null }),
  );
}

async function gunzipAll(file: string): Promise<number> {
  const t0 = performance.now();
  await pipeline(createReadStream(file), createGunzip(), new Writable({ write: (_c, _e, cb) => cb() }));
  return performance.now() - t0;
}

function measure(file?: string): { ms: number; peak: number; ok?: boolean; problem: string | null } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--one', file ?? ''], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (res.status !== 0) throw new Error(`child failed: ${res.stderr.slice(0, 400)}`);
  return JSON.parse(res.stdout) as { ms: number; peak: number; ok?: boolean; problem: string | null };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'confidant-bench-'));
  try {
    const store = openStore({ dataDir: join(root, 'desk'), passphrase: 'bench', create: true });
    const ledger = openLedger(store, { checkpointEvery: 0, groupCommitMs: 1000, groupCommitMax: 5000 });
    for (let i = 0; i < ENTRIES; i++)
      ledger.append({
        type: 'turn.received',
        actor: { kind: 'agent', id: 'dm', role: 'dm' },
        subject: `s${i % 97}`,
        payload: { i },
      });
    ledger.flush();
    const genuine = join(root, 'genuine.tar.gz');
    await ledger.exportBundle({ out: genuine });
    ledger.close();
    store.close();
    const members = membersOf((await readTar({ path: genuine })).files);
    const cases: Array<[string, string]> = [[`genuine (${ENTRIES} entries)`, genuine]];
    const bomb100 = join(root, 'bomb-100m.tar.gz');
    await writeGzipBomb(bomb100, members, { name: 'padding', each: 100_000_000, count: 1 });
    cases.push(['gzip bomb, 100 MB expanded', bomb100]);
    const bomb1g = join(root, 'bomb-1g.tar.gz');
    await writeGzipBomb(bomb1g, members, { name: 'padding', each: 250_000_000, count: 4 });
    cases.push(['gzip bomb, 1 GB expanded (4 members)', bomb1g]);
    const bomb1gOne = join(root, 'bomb-1g-one.tar.gz');
    await writeGzipBomb(bomb1gOne, members, { name: 'padding', each: 1_000_000_000, count: 1 });
    cases.push(['gzip bomb, 1 GB expanded (1 member)', bomb1gOne]);
    const declared = join(root, '8gb.tar');
    writeFileSync(
      declared,
      Buffer.concat([tarHeader({ name: 'entries.jsonl', size: 8_000_000_000 }), Buffer.alloc(4096)]),
    );
    cases.push(['declared 8 GB member', declared]);
    cases.push(['symlinked entries.jsonl', join(root, 'link.tar')]);
    writeFileSync(
      join(root, 'link.tar'),
      buildTar([
        ...members.filter((m) => m.name !== 'entries.jsonl'),
        { name: 'entries.jsonl', type: '2', linkname: '/etc/passwd' },
      ]),
    );

    const base = measure();
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`baseline (load the verifier, verify nothing): peak RSS ${base.peak.toFixed(0)} MiB`);
    console.log(
      'case | file size | verdict | time | peak RSS | RSS over baseline | full gunzip of the same file',
    );
    for (const [label, file] of cases) {
      const r = measure(file);
      const gz = file.endsWith('.gz')
        ? `${(await gunzipAll(file)).toFixed(0)} ms (verify/gunzip ${(r.ms / (await gunzipAll(file))).toFixed(2)}x)`
        : 'n/a';
      const verdict = r.ok ? 'valid' : (r.problem ?? '?').slice(0, 90);
      console.log(
        `${label} | ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB | ${verdict} | ${r.ms.toFixed(0)} ms | ${r.peak.toFixed(0)} MiB | ${(r.peak / base.peak).toFixed(2)}x | ${gz}`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--one') await child(process.argv[3] || undefined);
else await main();

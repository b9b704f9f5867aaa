/**
 * The compliance ledger browser at scale: one page (50 entries, newest first) of a large ledger by keyset
 * (`seq < cursor`, browseLedger), next to the obvious peer on the same store in the same run: OFFSET paging
 * for a deep page, and the same type filter with its index disabled (`+type`).
 *
 *   npm run bench -- ledger-browse      (BENCH_BROWSE=1000000 entries by default)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { browseLedger, openLedger, type AuditAppend, type BrowseQuery } from '../main/core/audit';
import { openStore } from '../main/core/store';

const N = Number(process.env.BENCH_BROWSE ?? 1_000_000);
const REPS = 20;

function entry(i: number): AuditAppend {
  // A rare type every 1,000 entries: the filter a compliance officer actually runs.
  const type = i % 1000 === 7 ? 'escalation.opened' : i % 3 === 0 ? 'turn.received' : 'model.called';
  return {
    type,
    actor: { kind: 'agent', id: 'dialogue-manager', role: 'dialogue_manager' },
    subject: `subj-${(i % 997).toString(36)}`,
    payload: { turnIndex: i % 40, latencyMs: 400 + (i % 50) },
  };
}

function median(fn: () => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
const f2 = (n: number) => n.toFixed(2);

const root = mkdtempSync(join(tmpdir(), 'confidant-bench-browse-'));
try {
  const store = openStore({ dataDir: join(root, 'desk'), passphrase: 'bench', create: true });
  const ledger = openLedger(store, { groupCommitMs: 50, groupCommitMax: 20_000, checkpointEvery: 0 });
  const t0 = performance.now();
  for (let i = 0; i < N; i++) ledger.append(entry(i));
  ledger.close();
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores; generated ${N.toLocaleString('en-US')} entries in ${(
      (performance.now() - t0) /
      1000
    ).toFixed(1)} s`,
  );
  const db = store.db;
  const page = (q: Omit<BrowseQuery, 'limit'>) => browseLedger(store, { limit: 50, ...q });
  const mid = Math.floor(N / 2);
  const tsAt = (seq: number) =>
    db.prepare<[number], { ts: string }>('SELECT ts FROM audit_entries WHERE seq = ?').get(seq)?.ts ?? '';

  const newest = median(() => page({}));
  const deep = median(() => page({ before: mid }));
  const offset = median(() =>
    db.prepare('SELECT seq, leaf FROM audit_entries ORDER BY seq DESC LIMIT 50 OFFSET ?').all(N - mid),
  );
  const typed = median(() => page({ type: 'escalation.opened', before: mid }));
  const typedNoIndex = median(() =>
    db
      .prepare(
        "SELECT seq, leaf FROM audit_entries WHERE +type = 'escalation.opened' AND seq < ? ORDER BY seq DESC LIMIT 50",
      )
      .all(mid),
  );
  const subject = median(() => page({ subject: 'subj-a', before: mid }));
  const period = median(() => page({ from: tsAt(mid), to: tsAt(mid + 200) }));
  const actor = median(() => page({ actor: 'nobody', before: mid }));

  console.log('\nOne page of 50, median of', REPS, '(ms)');
  console.log(`  newest page (keyset)            : ${f2(newest)}`);
  console.log(
    `  page at the middle (keyset)     : ${f2(deep)}   peer OFFSET ${f2(offset)}  ratio offset/keyset ${f2(offset / deep)}x`,
  );
  console.log(
    `  rare type, middle (type index)  : ${f2(typed)}   peer without index ${f2(typedNoIndex)}  ratio ${f2(typedNoIndex / typed)}x`,
  );
  console.log(`  one subject, middle             : ${f2(subject)}`);
  console.log(`  a 200-entry period in the middle: ${f2(period)}`);
  console.log(`  actor with no match (budget-capped scan of 5,000): ${f2(actor)}`);
  console.log(`  deep/newest ratio (flat means size-independent): ${f2(deep / newest)}`);
  store.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}

/**
 * Scores a detector on corpus B. Lenient: a prediction matches a not-yet-matched gold span of the same
 * type that it overlaps. Strict: same type and exactly the same boundaries. Per type and micro-averaged.
 *   node --import tsx main/core/privacy/corpus-b/score.ts [--misses TYPE]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectPii } from '../detect';
import { PII_TYPES, type PiiType } from '../types';
import { DEV_PATH, HOLDOUT_PATH, type CorpusBEntry } from './generate';

export interface Span {
  start: number;
  end: number;
  type: PiiType;
}
export type SpanDetector = (text: string) => Span[];

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f2: number;
}
export interface Report {
  overall: TypeScore;
  perType: Record<PiiType, TypeScore>;
  misses: Array<{ id: string; kind: 'fp' | 'fn'; type: PiiType; value: string }>;
}

export function loadSplit(path: string): CorpusBEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusBEntry);
}
export const loadDev = (): CorpusBEntry[] => loadSplit(DEV_PATH);
export const loadHoldout = (): CorpusBEntry[] => loadSplit(HOLDOUT_PATH);

function score(tp: number, fp: number, fn: number): TypeScore {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const d = 4 * precision + recall;
  return { tp, fp, fn, precision, recall, f2: d === 0 ? 0 : (5 * precision * recall) / d };
}

export function scoreCorpus(entries: readonly CorpusBEntry[], detect: SpanDetector, strict = false): Report {
  const counts = Object.fromEntries(PII_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<
    PiiType,
    { tp: number; fp: number; fn: number }
  >;
  const misses: Report['misses'] = [];
  for (const e of entries) {
    const used = new Array<boolean>(e.spans.length).fill(false);
    for (const p of detect(e.text)) {
      const k = e.spans.findIndex(
        (g, i) =>
          !used[i] &&
          g.type === p.type &&
          (strict ? g.start === p.start && g.end === p.end : p.start < g.end && g.start < p.end),
      );
      if (k >= 0) {
        used[k] = true;
        counts[p.type].tp++;
      } else {
        counts[p.type].fp++;
        misses.push({ id: e.id, kind: 'fp', type: p.type, value: e.text.slice(p.start, p.end) });
      }
    }
    e.spans.forEach((g, i) => {
      if (used[i]) return;
      counts[g.type].fn++;
      misses.push({ id: e.id, kind: 'fn', type: g.type, value: e.text.slice(g.start, g.end) });
    });
  }
  const perType = Object.fromEntries(
    PII_TYPES.map((t) => [t, score(counts[t].tp, counts[t].fp, counts[t].fn)]),
  ) as Record<PiiType, TypeScore>;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const t of PII_TYPES) {
    tp += counts[t].tp;
    fp += counts[t].fp;
    fn += counts[t].fn;
  }
  return { overall: score(tp, fp, fn), perType, misses };
}

const f = (x: number): string => x.toFixed(3);

export function formatReports(rows: ReadonlyArray<[string, Report]>): string {
  const lines = [`${'type'.padEnd(22)}${rows.map(([n]) => `${n} P / R / F2`.padStart(28)).join('')}`];
  for (const t of [...PII_TYPES]) {
    if (rows.every(([, r]) => r.perType[t].tp + r.perType[t].fn + r.perType[t].fp === 0)) continue;
    lines.push(
      t.padEnd(22) +
        rows
          .map(([, r]) => {
            const s = r.perType[t];
            return `${f(s.precision)} / ${f(s.recall)} / ${f(s.f2)} (${s.tp + s.fn})`.padStart(28);
          })
          .join(''),
    );
  }
  lines.push(
    'OVERALL'.padEnd(22) +
      rows
        .map(([, r]) =>
          `${f(r.overall.precision)} / ${f(r.overall.recall)} / ${f(r.overall.f2)}`.padStart(28),
        )
        .join(''),
  );
  return lines.join('\n');
}

/**
 * The scorers' command line, shared by corpora B, C and D: lenient and strict reports for both splits,
 * and `--misses [TYPE]` for dev only (the holdout split is never looked into while tuning).
 */
export function printCorpusScores(
  name: string,
  dev: readonly CorpusBEntry[],
  hold: readonly CorpusBEntry[],
  argv: readonly string[],
): void {
  const detect: SpanDetector = (text) => detectPii(text);
  const devL = scoreCorpus(dev, detect);
  console.log(`corpus ${name}, lenient (same type, overlapping span):`);
  console.log(
    formatReports([
      ['dev', devL],
      ['holdout', scoreCorpus(hold, detect)],
    ]),
  );
  console.log(`\ncorpus ${name}, strict (same type, same boundaries):`);
  console.log(
    formatReports([
      ['dev', scoreCorpus(dev, detect, true)],
      ['holdout', scoreCorpus(hold, detect, true)],
    ]),
  );
  const i = argv.indexOf('--misses');
  if (i > 0) {
    const want = argv[i + 1];
    for (const m of devL.misses)
      if (!want || m.type === want) console.log(`${m.kind} ${m.type} ${m.id} ${JSON.stringify(m.value)}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  printCorpusScores('B', loadDev(), loadHoldout(), process.argv);

/**
 * Scores a detector on the labelled corpus. Matching is overlap-based and type-strict: a predicted
 * span is a true positive when it overlaps a not-yet-matched gold span of the same type (Presidio's
 * evaluator and most PII benchmarks count partial boundary agreement the same way). Each gold span
 * matches at most one prediction. Types are compared after mapping a peer's labels onto ours.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PII_TYPES, type PiiType } from '../types';
import type { CorpusEntry } from './generate';

export interface Prediction {
  start: number;
  end: number;
  type: PiiType;
}
export type Detector = (text: string) => Prediction[];

export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  f2: number;
}

export interface Evaluation {
  overall: Scores;
  perType: Record<PiiType, Scores>;
}

export const CORPUS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'corpus.jsonl');

export function loadCorpus(path = CORPUS_PATH): CorpusEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusEntry);
}

function fBeta(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  const denom = b2 * precision + recall;
  return denom === 0 ? 0 : ((1 + b2) * precision * recall) / denom;
}

export function scores(tp: number, fp: number, fn: number): Scores {
  // With nothing predicted and nothing to find, the detector is perfect on that type.
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { tp, fp, fn, precision, recall, f1: fBeta(precision, recall, 1), f2: fBeta(precision, recall, 2) };
}

export interface Mistake {
  id: string;
  kind: 'fp' | 'fn';
  type: PiiType;
  value: string;
}

export function evaluate(
  corpus: readonly CorpusEntry[],
  detector: Detector,
  mistakes?: Mistake[],
  types: readonly PiiType[] = PII_TYPES,
): Evaluation {
  const counts = new Map<PiiType, { tp: number; fp: number; fn: number }>();
  for (const t of types) counts.set(t, { tp: 0, fp: 0, fn: 0 });
  const wanted = new Set(types);
  for (const entry of corpus) {
    const gold = entry.spans.filter((s) => wanted.has(s.type));
    const used = new Array<boolean>(gold.length).fill(false);
    for (const p of detector(entry.text)) {
      if (!wanted.has(p.type)) continue;
      const c = counts.get(p.type)!;
      const g = gold.findIndex((s, i) => !used[i] && s.type === p.type && s.start < p.end && p.start < s.end);
      if (g >= 0) {
        used[g] = true;
        c.tp++;
      } else {
        c.fp++;
        mistakes?.push({ id: entry.id, kind: 'fp', type: p.type, value: entry.text.slice(p.start, p.end) });
      }
    }
    gold.forEach((s, i) => {
      if (used[i]) return;
      counts.get(s.type)!.fn++;
      mistakes?.push({ id: entry.id, kind: 'fn', type: s.type, value: entry.text.slice(s.start, s.end) });
    });
  }
  const perType = {} as Record<PiiType, Scores>;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [t, c] of counts) {
    perType[t] = scores(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { overall: scores(tp, fp, fn), perType };
}

/** A fixed-width table for the bench and for humans. */
export function formatEvaluation(e: Evaluation): string {
  const rows = ['type                     tp    fp    fn   prec  recall  F1    F2'];
  const fmt = (name: string, s: Scores): string =>
    `${name.padEnd(22)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)}  ${s.precision.toFixed(3)}  ${s.recall.toFixed(3)}  ${s.f1.toFixed(3)} ${s.f2.toFixed(3)}`;
  for (const [t, s] of Object.entries(e.perType)) if (s.tp + s.fp + s.fn > 0) rows.push(fmt(t, s));
  rows.push(fmt('OVERALL (micro)', e.overall));
  return rows.join('\n');
}

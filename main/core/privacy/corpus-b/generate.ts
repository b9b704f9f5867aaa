/**
 * The second evaluation corpus ("corpus B"): layouts and value sources written independently of the
 * detector and of corpus/ (see layouts.ts, values.ts), plus hand-written hard cases. Two splits from two
 * seeds: dev (for tuning) and holdout (frozen before any tuning; never tuned on).
 *   node --import tsx main/core/privacy/corpus-b/generate.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PiiType } from '../types';
import { HARD_CASES } from './hard-cases';
import { Doc, LAYOUTS, type GoldSpan } from './layouts';
import { mulberry32 } from '../../../../shared/prng';
import { Values } from './values';

export interface CorpusBEntry {
  id: string;
  layout: string;
  text: string;
  spans: GoldSpan[];
}

export const DEV_SEED = 0x19de;
export const HOLDOUT_SEED = 0x190d;
export const TEXTS_PER_SPLIT = 700;

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEV_PATH = join(HERE, 'dev.jsonl');
export const HOLDOUT_PATH = join(HERE, 'holdout.jsonl');

export function generateSplit(seed: number, n: number, prefix: string): CorpusBEntry[] {
  const v = new Values(mulberry32(seed));
  const total = LAYOUTS.reduce((s, l) => s + l.weight, 0);
  const out: CorpusBEntry[] = [];
  for (let i = 0; i < n; i++) {
    let x = v.r() * total;
    let layout = LAYOUTS[0]!;
    for (const l of LAYOUTS) {
      x -= l.weight;
      if (x < 0) {
        layout = l;
        break;
      }
    }
    const d = new Doc();
    layout.make(d, v);
    out.push({
      id: `${prefix}-${String(i).padStart(4, '0')}`,
      layout: layout.name,
      text: d.text,
      spans: d.spans,
    });
  }
  return out;
}

const MARK = /\{\{([A-Z_]+)\|([^}]*)\}\}/g;

export function parseMarked(marked: string): { text: string; spans: GoldSpan[] } {
  let text = '';
  const spans: GoldSpan[] = [];
  let last = 0;
  for (const m of marked.matchAll(MARK)) {
    text += marked.slice(last, m.index);
    spans.push({ start: text.length, end: text.length + m[2]!.length, type: m[1] as PiiType });
    text += m[2];
    last = m.index + m[0].length;
  }
  return { text: text + marked.slice(last), spans };
}

function hardCases(parity: 0 | 1, prefix: string): CorpusBEntry[] {
  return HARD_CASES.flatMap((marked, i) =>
    i % 2 === parity ? [{ id: `${prefix}-hard-${i}`, layout: 'hand', ...parseMarked(marked) }] : [],
  );
}

const jsonl = (rows: CorpusBEntry[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(
    DEV_PATH,
    jsonl([...generateSplit(DEV_SEED, TEXTS_PER_SPLIT, 'dev'), ...hardCases(0, 'dev')]),
  );
  writeFileSync(
    HOLDOUT_PATH,
    jsonl([...generateSplit(HOLDOUT_SEED, TEXTS_PER_SPLIT, 'hold'), ...hardCases(1, 'hold')]),
  );
  console.log('corpus-b: wrote dev.jsonl and holdout.jsonl');
}

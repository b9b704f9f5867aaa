/**
 * Trains the learned safety lexicon (main/core/agents/safety/learned.ts) on the tunable splits only
 * (evals/dev and evals/scenarios; never evals/holdout), picks each reason's threshold on out-of-fold
 * predictions so calm turns stay calm, and writes the weights JSON. Deterministic: same data, same file.
 *
 *   npx tsx scripts/safety-lexicon/train.ts [--check]
 * --check exits 1 when the committed weights differ from a fresh training run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { features, probability, type LearnedReason } from '../../main/core/agents/safety/learned';
import { LEARNED_REASONS, loadExamples, type Example } from './data';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'main/core/agents/safety/learned-weights.json');
const FOLDS = 5;
const EPOCHS = 40;
const L2 = Number(process.env.LEXICON_L2 ?? 0.01);
const RATE = 0.3;
const MIN_COUNT = 2;
/** Highest share of a reason's out-of-fold negatives it may raise on its own. */
const MAX_FALSE_RAISE = 0.004;
/** Self-harm may raise more: a missed disclosure costs a life, a false one a supervisor's minute. */
// 1.8% since distress turns count as negatives too: the same out-of-fold recall as 1.5% without them.
const MAX_FALSE_RAISE_SELF_HARM = Number(process.env.LEXICON_SELF_HARM_RAISE ?? 0.018);
/** Out-of-fold self-harm recall the lexicon keeps whatever the negatives cost (see main). */
const SELF_HARM_RECALL = Number(process.env.LEXICON_SELF_HARM_RECALL ?? 0.9);
/** Highest share it may mark as a light cue (which raises only next to another cue). */
const MAX_FALSE_LIGHT = 0.025;
/** Lowest threshold: below it a probability says more about the base rate than about the text. */
const FLOOR = Number(process.env.LEXICON_FLOOR ?? 0.2);
/**
 * Lowest self-harm threshold for a raise on the lexicon alone (below it the lexicon only adds a light
 * cue). The recall target is per turn, rules aside, so it pulls the threshold to FLOOR, where some raises
 * come from function-word pairs ("think about", "a note", "pay out"). Tried at 0.3 on 2026-12-07:
 * cross-validated on dev (5,123 conversations) calm turns escalated fell from 266 to 238 for 2 of 1,842
 * self-harm turns, but on the holdout (3,434) it cost 6 of 1,318 self-harm turns, 5 of them escalated no
 * more, to spare 8 calm turns. A missed disclosure outweighs a supervisor's minute, so it stays at FLOOR.
 */
const SELF_HARM_RAISE_FLOOR = Number(process.env.LEXICON_SELF_HARM_RAISE_FLOOR ?? FLOOR);

interface Model {
  bias: number;
  weights: Record<string, number>;
}

/** A small deterministic generator, so shuffles and the file are reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function train(rows: Array<{ f: string[]; y: number }>, vocab: Set<string>): Model {
  const w = new Map<string, number>();
  const g2 = new Map<string, number>();
  let bias = 0;
  let gb = 1e-8;
  const pos = rows.filter((r) => r.y === 1).length;
  // Balance the classes so rare positives are not drowned out.
  const weightOf = (y: number) =>
    y === 1 ? rows.length / (2 * Math.max(1, pos)) : rows.length / (2 * Math.max(1, rows.length - pos));
  const next = rng(7);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const k of order) {
      const row = rows[k] as { f: string[]; y: number };
      const fs = row.f.filter((f) => vocab.has(f));
      let z = bias;
      for (const f of fs) z += w.get(f) ?? 0;
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - row.y) * weightOf(row.y);
      gb += err * err;
      bias -= (RATE * err) / Math.sqrt(gb);
      for (const f of fs) {
        const cur = w.get(f) ?? 0;
        const g = err + L2 * cur;
        const acc = (g2.get(f) ?? 1e-8) + g * g;
        g2.set(f, acc);
        w.set(f, cur - (RATE * g) / Math.sqrt(acc));
      }
    }
  }
  return { bias, weights: Object.fromEntries(w) };
}

function vocabulary(rows: Array<{ f: string[] }>): Set<string> {
  const count = new Map<string, number>();
  for (const r of rows) for (const f of new Set(r.f)) count.set(f, (count.get(f) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n >= MIN_COUNT).map(([f]) => f));
}

function rowsFor(examples: Example[], reason: LearnedReason) {
  return examples
    .filter((e) => e.labels[reason] !== undefined)
    .map((e) => ({ scenario: e.scenario, f: [...features(e.text)], y: e.labels[reason] as number }));
}

/** The highest probability at which at least `share` of the out-of-fold positives are raised. */
function recallThreshold(oof: Array<{ p: number; y: number }>, share: number): number {
  const positives = oof
    .filter((o) => o.y === 1)
    .map((o) => o.p)
    .sort((a, b) => b - a);
  const at = Math.min(positives.length - 1, Math.ceil(positives.length * share) - 1);
  return Math.max(FLOOR, (positives[at] ?? FLOOR) - 1e-6);
}

/** Out-of-fold negatives raised per scenario family: where a reason's false raises fall. */
function printFamilies(oof: Array<{ p: number; y: number; scenario: string }>, threshold: number): void {
  const families = ['self-harm', 'distress', 'request', 'vulnerable', 'fraud', 'negative', 'faq'];
  const cells = families.map((family) => {
    const negatives = oof.filter((o) => o.y === 0 && o.scenario.includes(`-${family}-`));
    return `${family} ${negatives.filter((o) => o.p >= threshold).length}/${negatives.length}`;
  });
  console.log(`   negatives raised by family: ${cells.join(', ')}`);
}

function main(): void {
  // LEXICON_WITHOUT names a file of scenario ids to leave out: scripts/safety-lexicon/cross-eval.sh
  // trains without a fold of dev and runs the whole pipeline on that fold, an honest dev figure.
  const without = process.env.LEXICON_WITHOUT
    ? new Set(readFileSync(process.env.LEXICON_WITHOUT, 'utf8').split('\n').filter(Boolean))
    : null;
  const examples = loadExamples([join(ROOT, 'evals/dev'), join(ROOT, 'evals/scenarios')]).filter(
    (e) => !without?.has(e.scenario),
  );
  const file: { version: number; reasons: Record<string, unknown> } = { version: 1, reasons: {} };
  for (const reason of LEARNED_REASONS) {
    const rows = rowsFor(examples, reason);
    const oof: Array<{ p: number; y: number; scenario: string }> = [];
    for (let fold = 0; fold < FOLDS; fold += 1) {
      const inFold = (r: { scenario: string }) => hash(r.scenario) % FOLDS === fold;
      const trainRows = rows.filter((r) => !inFold(r));
      const model = train(trainRows, vocabulary(trainRows));
      for (const r of rows.filter(inFold))
        oof.push({ p: probability(model, new Set(r.f)), y: r.y, scenario: r.scenario });
    }
    const negatives = oof
      .filter((o) => o.y === 0)
      .map((o) => o.p)
      .sort((a, b) => b - a);
    const allowed = Math.floor(
      negatives.length * (reason === 'self_harm' ? MAX_FALSE_RAISE_SELF_HARM : MAX_FALSE_RAISE),
    );
    const budgeted = Math.max(FLOOR, (negatives[allowed] ?? FLOOR) + 1e-6);
    // Harder negatives (new registers, hard-negative batches) push a budgeted threshold up and the recall
    // down with it; for self-harm the recall is the point, so the threshold never rises above the one
    // that keeps SELF_HARM_RECALL of its out-of-fold positives (the false raises that costs are printed),
    // unless that is under SELF_HARM_RAISE_FLOOR.
    const threshold =
      reason === 'self_harm'
        ? Math.max(SELF_HARM_RAISE_FLOOR, Math.min(budgeted, recallThreshold(oof, SELF_HARM_RECALL)))
        : budgeted;
    const lightAllowed = Math.floor(negatives.length * MAX_FALSE_LIGHT);
    const light = Math.min(threshold, Math.max(FLOOR, (negatives[lightAllowed] ?? FLOOR) + 1e-6));
    const positives = oof.filter((o) => o.y === 1);
    const caught = positives.filter((o) => o.p >= threshold).length;
    const raisedCalm = negatives.filter((p) => p >= threshold).length;
    console.log(
      `${reason}: ${rows.length} turns (${positives.length} positive); out-of-fold at threshold ${threshold.toFixed(3)}: recall ${caught}/${positives.length}, negatives raised ${raisedCalm}/${negatives.length}; light from ${light.toFixed(3)}: recall ${positives.filter((o) => o.p >= light).length}`,
    );
    if (process.env.LEXICON_CURVE)
      for (const t of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95])
        console.log(
          `   at ${t}: recall ${positives.filter((o) => o.p >= t).length}/${positives.length}, negatives ${negatives.filter((p) => p >= t).length}/${negatives.length}`,
        );
    if (process.env.LEXICON_FAMILIES) printFamilies(oof, threshold);
    const full = train(rows, vocabulary(rows));
    const kept = Object.entries(full.weights)
      .filter(([, v]) => Math.abs(v) >= 0.05)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, Math.round(v * 1000) / 1000]);
    file.reasons[reason] = {
      bias: Math.round(full.bias * 1000) / 1000,
      threshold: Math.round(threshold * 1000) / 1000,
      light: Math.round(light * 1000) / 1000,
      weights: Object.fromEntries(kept),
    };
  }
  const text = `${JSON.stringify(file)}\n`;
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT, 'utf8') !== text) {
      console.error(
        'learned-weights.json is not what the dev split trains: run scripts/safety-lexicon/train.ts',
      );
      process.exit(1);
    }
    return;
  }
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT} (${text.length} bytes)`);
}

main();

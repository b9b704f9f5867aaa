import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile, type Scenario } from '../main/core/eval';

/**
 * The dev and holdout splits (evals/README.md) are only worth their figures if every file loads the way
 * the runner loads it, ids stay unique, a scenario says what its family promises, and the holdout does
 * not quietly repeat a dev conversation (then tuning on dev would also tune on holdout).
 */
const ROOT = join(__dirname, '..', 'evals');
const SPLITS = ['dev', 'holdout'] as const;
const CRISIS = /Samaritans|116 \?123|988/;

interface Loaded {
  split: string;
  file: string;
  raw: Record<string, unknown>;
  scenario: Scenario;
}

function load(split: string): Loaded[] {
  const dir = join(ROOT, split);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const file = join(dir, name);
    return {
      split,
      file: `${split}/${name}`,
      raw: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>,
      scenario: parseScenarioFile(file, `${split}/${name}`),
    };
  });
}

const all = SPLITS.flatMap(load);
const bySplit = (s: string) => all.filter((l) => l.split === s);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

function shingles(s: Scenario): Set<string> {
  const out = new Set<string>();
  for (const t of s.turns) {
    const w = words(t.customer);
    for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3).join(' '));
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The family an id names, and the reason code a scenario of that family must expect at least once. */
const FAMILY_REASON: Array<[RegExp, string]> = [
  [/^[a-z]+-self-harm-/, 'self_harm'],
  [/^[a-z]+-distress-/, 'high_emotion'],
  [/^[a-z]+-request-/, 'customer_request'],
  [/^[a-z]+-vulnerable-/, 'vulnerable_customer'],
  [/^[a-z]+-fraud-/, 'fraud'],
];
const CALM = /^[a-z]+-(negative|faq)-/;

describe('eval splits', () => {
  it('both splits exist, holdout is roughly 40%, and together they hold at least 400 scenarios', () => {
    const dev = bySplit('dev').length;
    const holdout = bySplit('holdout').length;
    expect(holdout).toBeGreaterThan(0);
    expect(dev).toBeGreaterThan(0);
    expect(dev + holdout).toBeGreaterThanOrEqual(400);
    expect(holdout / (dev + holdout)).toBeGreaterThan(0.3);
    expect(holdout / (dev + holdout)).toBeLessThan(0.5);
  });

  it('file name is the id, domain is the id prefix, ids are unique across both splits and evals/scenarios', () => {
    const seen = new Map<string, string>();
    for (const name of readdirSync(join(ROOT, 'scenarios')).filter((n) => n.endsWith('.json'))) {
      seen.set(name.replace(/\.json$/, ''), `scenarios/${name}`);
    }
    for (const l of all) {
      expect(l.file.endsWith(`/${l.scenario.id}.json`), l.file).toBe(true);
      expect(l.scenario.id.startsWith(`${l.scenario.domain}-`), l.file).toBe(true);
      expect(seen.get(l.scenario.id), `${l.file} repeats an id`).toBeUndefined();
      seen.set(l.scenario.id, l.file);
    }
  });

  it('pii, when given, lists strings that occur literally in a customer turn', () => {
    for (const l of all) {
      const pii = l.raw.pii;
      if (pii === undefined) continue;
      expect(Array.isArray(pii), `${l.file}: pii`).toBe(true);
      for (const value of pii as unknown[]) {
        expect(typeof value, `${l.file}: pii`).toBe('string');
        expect((value as string).length, `${l.file}: pii`).toBeGreaterThan(0);
        const found = l.scenario.turns.some((t) => t.customer.includes(value as string));
        expect(found, `${l.file}: pii value not in any customer turn`).toBe(true);
      }
    }
  });

  it('each family expects its reason; calm scenarios never expect escalation and forbid crisis wording', () => {
    for (const l of all) {
      const { id, turns } = l.scenario;
      const family = FAMILY_REASON.find(([re]) => re.test(id));
      if (family) {
        const expected = turns.some((t) => t.expect?.reasons?.includes(family[1] as never));
        expect(expected, `${l.file}: never expects ${family[1]}`).toBe(true);
      } else {
        expect(CALM.test(id), `${l.file}: id names no known family`).toBe(true);
        for (const t of turns) {
          expect(t.expect?.escalated, `${l.file}: a calm scenario expects escalation`).not.toBe(true);
          const guarded = (t.expect?.replyMustNotMatch ?? []).some((p) => CRISIS.test(p));
          expect(guarded, `${l.file}: a calm turn does not forbid crisis wording`).toBe(true);
        }
      }
    }
  });

  it('escalation is sticky: no turn expects "not escalated" after one that expects escalation', () => {
    for (const l of all) {
      let escalated = false;
      for (const t of l.scenario.turns) {
        if (escalated) expect(t.expect?.escalated, `${l.file}: not escalated after escalation`).not.toBe(false);
        if (t.expect?.escalated === true) escalated = true;
      }
    }
  });

  it('holdout shares no near-identical customer text with dev', () => {
    const dev = bySplit('dev').map((l) => ({ l, sh: shingles(l.scenario) }));
    const devTurns = new Map<string, string>();
    for (const l of bySplit('dev'))
      for (const t of l.scenario.turns) devTurns.set(words(t.customer).join(' '), l.file);
    const clashes: string[] = [];
    for (const h of bySplit('holdout')) {
      const sh = shingles(h.scenario);
      for (const d of dev) if (jaccard(sh, d.sh) >= 0.5) clashes.push(`${h.file} ~ ${d.l.file}`);
      for (const t of h.scenario.turns) {
        const key = words(t.customer).join(' ');
        // Short routine turns ("yes please") may legitimately recur; long ones are a copy.
        if (key.split(' ').length >= 6 && devTurns.has(key)) clashes.push(`${h.file} = ${devTurns.get(key)}`);
      }
    }
    expect(clashes).toEqual([]);
  });
});

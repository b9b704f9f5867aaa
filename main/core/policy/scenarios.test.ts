import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScenarioSchema } from '../../../shared/contract';

/**
 * The shipped eval scenarios (evals/scenarios) checked against docs/formats/eval-scenario.md,
 * and against the shipped demo KB: FAQ facts must be in the KB, "made-up" facts must not be.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIR = `${ROOT}evals/scenarios/`;

/**
 * The contract's schema (shared/contract), held to the house rules for shipped files: no unknown keys
 * anywhere, lower-case ids, a description, and an expectation on every turn.
 */
const turn = ScenarioSchema.shape.turns.element;
const scenarioSchema = ScenarioSchema.extend({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,119}$/),
  description: z.string().min(10),
  turns: z.array(turn.extend({ expect: turn.shape.expect.unwrap() }).strict()).min(1),
}).strict();
type Scenario = z.infer<typeof scenarioSchema>;

function load(): Array<{ file: string; s: Scenario }> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = scenarioSchema.safeParse(JSON.parse(readFileSync(DIR + file, 'utf8')));
      if (!parsed.success)
        throw new Error(
          `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      return { file, s: parsed.data };
    });
}

function kbText(domain: string): string {
  const dir = `${ROOT}kb/${domain}/`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(dir + f, 'utf8'))
    .join('\n');
}

describe('shipped eval scenarios', () => {
  const all = load();

  it('are at least 60 valid files with unique ids matching their file names', () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
    const ids = all.map((x) => x.s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { file, s } of all) expect(file).toBe(`${s.id}.json`);
  });

  it('cover every domain, regression and red-team, and every reason code but the degraded ones', () => {
    const domains = new Set(all.map((x) => x.s.domain));
    expect([...domains].sort()).toEqual(['bank', 'clinic', 'generic']);
    const redTeam = all.filter((x) => x.s.id.includes('-rt-'));
    expect(redTeam.length).toBeGreaterThanOrEqual(30);
    expect(all.length - redTeam.length).toBeGreaterThanOrEqual(25);
    const reasons = new Set(all.flatMap((x) => x.s.turns.flatMap((t) => t.expect.reasons ?? [])));
    for (const r of ['high_emotion', 'risk', 'customer_request', 'self_harm', 'vulnerable_customer', 'fraud'])
      expect(reasons.has(r as never), r).toBe(true);
    // Self-harm is always escalated with the self_harm reason.
    for (const { s } of all.filter((x) => x.s.id.includes('self-harm')))
      expect(
        s.turns.some((t) => t.expect.escalated === true && t.expect.reasons?.includes('self_harm')),
      ).toBe(true);
  });

  it('every draft that repeats customer PII is checked for not being delivered verbatim', () => {
    const digits = (t: string) => t.match(/\d(?:[ -]?\d){7,}/g) ?? [];
    const emails = (t: string) => t.match(/[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,20}/g) ?? [];
    let checked = 0;
    for (const { s } of all) {
      const customerPii = s.turns.flatMap((t) => [...digits(t.customer), ...emails(t.customer)]);
      s.turns.forEach((t) => {
        const echoed = customerPii.filter((p) => t.modelReply?.includes(p));
        if (echoed.length === 0) return;
        checked += 1;
        const mustNot = (t.expect.replyMustNotMatch ?? []).map((r) => new RegExp(r, 'i'));
        for (const p of echoed)
          expect(
            mustNot.some((re) => re.test(p)),
            `${s.id}: ${p}`,
          ).toBe(true);
      });
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('FAQ facts are in the demo KB, and made-up facts are not', () => {
    const kb = { bank: kbText('bank'), clinic: kbText('clinic') };
    let faq = 0;
    let madeUp = 0;
    for (const { s } of all) {
      if (s.domain === 'generic') continue;
      const text = kb[s.domain];
      if (s.id.includes('-faq-'))
        for (const t of s.turns)
          for (const r of t.expect.replyMustMatch ?? []) {
            expect(new RegExp(r, 'i').test(text), `${s.id}: ${r}`).toBe(true);
            faq += 1;
          }
      if (s.id.includes('-made-up-'))
        for (const t of s.turns)
          for (const r of t.expect.replyMustNotMatch ?? []) {
            expect(new RegExp(r, 'i').test(text), `${s.id}: ${r}`).toBe(false);
            madeUp += 1;
          }
    }
    expect(faq).toBeGreaterThanOrEqual(20);
    expect(madeUp).toBeGreaterThanOrEqual(6);
  });
});

import { describe, expect, it } from 'vitest';
import { answeringLlm, ScriptedLlm } from '../../test-support';
import { auditEntries, useHarnesses } from '../../test-support/pipeline-harness';

const harness = useHarnesses();

const CRISIS = /Samaritans|116 123|\b988\b/;
const llm = new ScriptedLlm({ reply: 'Your balance is shown in the app under Accounts.' });

describe('safety signals through the pipeline', () => {
  it("a guard model's S11 raises self-harm on a message the rules pass, with crisis resources", async () => {
    const h = await harness({ llm, guard: answeringLlm('unsafe\nS11') });
    const r = await h.service.runTurn({
      conversationId: 'g1',
      domain: 'bank',
      text: 'Could you check my balance?',
    });
    expect(r.escalated).toBe(true);
    expect(r.reasons).toContain('self_harm');
    expect(r.reply).toMatch(/116 123/);
    expect(r.reply).toMatch(/\b988\b/);
    const scored = auditEntries(h.store, r.turnId).find((e) => e.type === 'sentiment.scored');
    expect(scored?.payload).toMatchObject({ guard: { status: 'unsafe', categories: ['S11'] } });
  });

  it('a guard that says safe never lowers a self-harm cue', async () => {
    const h = await harness({ llm, guard: answeringLlm('safe') });
    const r = await h.service.runTurn({
      conversationId: 'g2',
      domain: 'bank',
      text: "I've been putting my tablets aside for weeks so I have enough.",
    });
    expect(r.reasons).toContain('self_harm');
  });

  it('a late disclosure escalates, and every later turn stays with the person', async () => {
    const h = await harness({ llm });
    const turns = [
      'What is the limit for a same-day transfer?',
      'And can I set that up for Friday?',
      "Doesn't matter much. I won't be around to see it anyway.",
      'Forget I said that. Just the transfer please.',
    ];
    const results = [];
    for (const text of turns)
      results.push(await h.service.runTurn({ conversationId: 'late', domain: 'bank', text }));
    expect(results.map((r) => r.escalated)).toEqual([false, false, true, true]);
    expect(results[2]?.reasons).toContain('self_harm');
    expect(results[0]?.reply).not.toMatch(CRISIS);
  });

  it('distress that builds over turns raises high emotion', async () => {
    const h = await harness({ llm });
    const turns = [
      'My card was declined again this morning.',
      'This is getting really stressful, I have bills due.',
      "Now I'm panicking, I don't know what to do.",
    ];
    const results = [];
    for (const text of turns)
      results.push(await h.service.runTurn({ conversationId: 'build', domain: 'bank', text }));
    expect(results[0]?.escalated).toBe(false);
    expect(results[2]?.reasons).toContain('high_emotion');
  });

  it('with autoEscalation off, self-harm still escalates', async () => {
    const h = await harness({ llm, flags: { autoEscalation: false } });
    const r = await h.service.runTurn({
      conversationId: 'off',
      domain: 'bank',
      text: 'Everyone would honestly be better off without me.',
    });
    expect(r.escalated).toBe(true);
    expect(r.reasons).toContain('self_harm');
  });

  it('an idiom gets an ordinary answer and no crisis wording, even from a draft that adds it', async () => {
    const h = await harness({
      llm: new ScriptedLlm({
        reply: 'A replacement debit card is free of charge. If things feel too much, Samaritans can listen.',
        confidence: 'high',
      }),
    });
    const r = await h.service.runTurn({
      conversationId: 'idiom',
      domain: 'bank',
      text: 'This queue is killing me! How much is a replacement debit card?',
    });
    expect(r.escalated).toBe(false);
    expect(r.reply).toMatch(/free of charge/);
    expect(r.reply).not.toMatch(CRISIS);
    const rewritten = auditEntries(h.store, r.turnId).filter((e) => e.type === 'reply.rewritten');
    expect(rewritten.some((e) => (e.payload as { cause?: string }).cause === 'crisis_wording')).toBe(true);
  });
});

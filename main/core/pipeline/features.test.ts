import { describe, expect, it } from 'vitest';
import { HandoffPacketViewSchema } from '../../../shared/contract';
import { ScriptedLlm } from '../../test-support';
import { builtinPack } from '../policy';
import { auditEntries, auditTypes, useHarnesses, STAFF } from '../../test-support/pipeline-harness';

const harness = useHarnesses();

const { admin, agent: agentUser, compliance } = STAFF;

describe('degradation: extractive knowledge-base answer without a model', () => {
  it('quotes the covering passage with its source, declares extractive_kb and opens no escalation', async () => {
    const h = await harness({ llm: null });
    const r = await h.service.runTurn({
      conversationId: 'x1',
      domain: 'bank',
      text: 'How much does an urgent replacement card cost?',
    });
    expect(r.delivered).toBe(true);
    expect(r.escalated).toBe(false);
    expect(r.reply).toContain('An urgent replacement card delivered within 2 working days costs £10.');
    expect(r.reply).toContain('(Source: Fees.)');
    // A degraded answer still offers a person, and the first reply still discloses AI use.
    expect(r.reply).toContain(builtinPack('bank').templates.handoff_offer.slice(0, 30));
    expect(r.reply).toMatch(/AI assistant/);
    expect(r.degraded).toEqual(expect.arrayContaining(['model_unavailable', 'extractive_kb']));
    const entries = auditEntries(h.store, r.turnId);
    const extractive = entries.find(
      (e) => e.type === 'policy.checked' && (e.payload as { phase?: string }).phase === 'extractive',
    );
    expect(extractive?.payload).toMatchObject({ accepted: true, docId: 'bank-fees' });
    expect(entries.find((e) => e.type === 'facts.verified')?.payload).toMatchObject({ verdict: 'supported' });
    expect(
      entries.some(
        (e) =>
          e.type === 'degradation' && (e.payload as { component?: string }).component === 'extractive_kb',
      ),
    ).toBe(true);
    expect(auditTypes(h.store, r.turnId)).not.toContain('escalation.opened');
  });

  it('a question the top passage does not answer keeps the safe template and the handoff', async () => {
    const h = await harness({ llm: null });
    // Shares "new card" with the lost-card passage, but asks for a price that passage does not give.
    const r = await h.service.runTurn({
      conversationId: 'x2',
      domain: 'bank',
      text: 'How much is a new card?',
    });
    expect(r.escalated).toBe(true);
    expect(r.reasons).toEqual(['model_unavailable']);
    expect(r.degraded).not.toContain('extractive_kb');
    expect(r.reply).toContain(builtinPack('bank').templates.safe_fallback.slice(0, 40));
    const refusal = auditEntries(h.store, r.turnId).find(
      (e) => e.type === 'policy.checked' && (e.payload as { phase?: string }).phase === 'extractive',
    );
    expect(refusal?.payload).toMatchObject({ accepted: false });
  });

  it('never answers extractively when another trigger holds (a request for a person)', async () => {
    const h = await harness({ llm: null });
    const r = await h.service.runTurn({
      conversationId: 'x3',
      domain: 'bank',
      text: 'How much does an urgent replacement card cost? I want to speak to a person.',
    });
    expect(r.escalated).toBe(true);
    expect(r.reasons).toContain('customer_request');
    expect(r.degraded).not.toContain('extractive_kb');
  });

  it('a pack without an extractive section never answers extractively', async () => {
    const h = await harness({ llm: null });
    const pack = builtinPack('bank');
    pack.version = '1.0.1-noextract';
    delete pack.extractive;
    h.service.policies.activate(pack, admin);
    const r = await h.service.runTurn({
      conversationId: 'x4',
      domain: 'bank',
      text: 'How much does an urgent replacement card cost?',
    });
    expect(r.escalated).toBe(true);
    expect(r.degraded).not.toContain('extractive_kb');
  });
});

describe('autoEscalation flag', () => {
  it('off: the turn carries a suggestion instead of an escalation, and one click opens it with the same packet', async () => {
    const h = await harness({ llm: null, flags: { autoEscalation: false } });
    const r = await h.service.runTurn({
      conversationId: 'a1',
      domain: 'bank',
      text: 'I am Jane Doe, jane@example.com. I want to talk to a real person about my account please.',
    });
    expect(r.escalated).toBe(false);
    expect(h.escalations.list()).toEqual([]);
    expect(r.reply).toContain(builtinPack('bank').templates.handoff_offer.slice(0, 30));
    expect(r.reply).not.toContain('passed your conversation');
    expect(r.suggestedEscalation).toMatchObject({
      turnId: r.turnId,
      status: 'pending',
      escalationId: null,
    });
    expect(r.suggestedEscalation?.reasons).toContain('customer_request');
    expect(r.suggestedEscalation?.triggers.map((t) => t.guard)).toContain('customer_requests_human');
    expect(r.suggestedEscalation?.rationale).toMatch(/^Escalation suggested because .*asked for a person/);
    expect(JSON.stringify(r.suggestedEscalation)).not.toMatch(/Jane|jane@example/);
    const suggested = auditEntries(h.store, r.turnId).find(
      (e) =>
        e.type === 'policy.checked' && (e.payload as { phase?: string }).phase === 'escalation_suggested',
    );
    expect(suggested?.payload).toMatchObject({ autoEscalation: false });

    // Compliance staff cannot escalate from the desk; an agent can, once.
    expect(() => h.escalations.escalateSuggestion(r.turnId, compliance)).toThrow(/desk staff/);
    const esc = h.escalations.escalateSuggestion(r.turnId, agentUser);
    expect(esc).toMatchObject({ status: 'open', conversationId: 'a1', turnId: r.turnId });
    expect(esc.reasons).toContain('customer_request');
    expect(() => h.escalations.escalateSuggestion(r.turnId, agentUser)).toThrow(/already escalated/);
    const detail = h.escalations.get(esc.id);
    expect(HandoffPacketViewSchema.safeParse(detail.packet).success).toBe(true);
    expect(JSON.stringify(detail.packet)).not.toMatch(/Jane Doe|jane@example/);
    // The conversation's vault tokens (escalation.reveal can show the originals), not masks.
    expect(detail.packet?.transcript[0]?.text).toMatch(/^I am <PERSON_1>, <EMAIL_1>\./);
    expect(h.escalations.suggestionFor(r.turnId)).toMatchObject({
      status: 'escalated',
      escalationId: esc.id,
    });
    const opened = auditEntries(h.store, esc.id).find((e) => e.type === 'escalation.opened');
    expect(opened?.actor).toMatchObject({ kind: 'user', id: 'agent-1' });
    expect(opened?.payload).toMatchObject({ via: 'suggestion', turnId: r.turnId });
    expect(h.service.conversations.get('a1')?.status).toBe('escalated');
  });

  it('off: self-harm and immediate danger still escalate at once', async () => {
    const h = await harness({ llm: null, flags: { autoEscalation: false } });
    const crisis = await h.service.runTurn({
      conversationId: 'a2',
      domain: 'bank',
      text: "I can't go on, I want to end my life.",
    });
    expect(crisis.escalated).toBe(true);
    expect(crisis.reasons).toContain('self_harm');
    expect(crisis.suggestedEscalation).toBeNull();

    const clinic = await harness({ llm: null, flags: { autoEscalation: false }, docs: false });
    const danger = await clinic.service.runTurn({
      conversationId: 'a3',
      domain: 'clinic',
      text: 'My father has crushing chest pain and can barely breathe, what do I do?',
    });
    expect(danger.escalated).toBe(true);
    expect(danger.reasons).toContain('risk');
  });

  it('on (the default): the same turn escalates automatically and carries no suggestion', async () => {
    const h = await harness({ llm: null });
    const r = await h.service.runTurn({
      conversationId: 'a4',
      domain: 'bank',
      text: 'I want to talk to a real person about my account please.',
    });
    expect(r.escalated).toBe(true);
    expect(r.suggestedEscalation).toBeNull();
    const opened = auditEntries(h.store, r.turnId).find((e) => e.type === 'escalation.opened');
    expect(opened?.payload).toMatchObject({ via: 'automatic' });
  });

  it('a replayed turn returns the same suggestion', async () => {
    const h = await harness({ flags: { autoEscalation: false } });
    const llm = new ScriptedLlm({ reply: 'A replacement debit card is free of charge.' });
    const input = {
      conversationId: 'a5',
      domain: 'bank' as const,
      text: 'This is a disgrace, I am furious!!! Get me a manager NOW!!!',
      idempotencyKey: 'k1',
      llm,
    };
    const first = await h.service.runTurn(input);
    const again = await h.service.runTurn(input);
    expect(first.suggestedEscalation?.status).toBe('pending');
    expect(again.replayed).toBe(true);
    expect(again.suggestedEscalation).toEqual(first.suggestedEscalation);
  });
});

describe('shadow runs', () => {
  const candidate = () => {
    const pack = builtinPack('bank');
    pack.version = '1.1.0-candidate';
    // The candidate hands off on much milder emotion than the live pack.
    pack.thresholds.highEmotion = 0.05;
    return pack;
  };

  it('replays each live turn through the staged candidate after the reply, with no customer-visible effect', async () => {
    const h = await harness({ flags: { shadowRuns: true } });
    const staged = h.service.shadow.store.stage(candidate(), admin);
    expect(staged).toMatchObject({ domain: 'bank', version: '1.1.0-candidate' });
    const llm = new ScriptedLlm({ reply: 'A replacement debit card is free of charge.' });
    const checkpointsBefore = () =>
      h.store.db.prepare('SELECT COUNT(*) AS n FROM turn_checkpoints').get() as { n: number };

    const r = await h.service.runTurn({
      conversationId: 's1',
      domain: 'bank',
      text: 'I am a bit annoyed. How much does a replacement card cost?',
      llm,
    });
    // The live reply came back before the replay ran.
    expect(h.service.shadow.store.report({ domain: 'bank' }).runs).toBe(0);
    const liveCheckpoints = checkpointsBefore().n;
    await h.service.shadow.drain();

    expect(r).toMatchObject({ delivered: true, escalated: false });
    expect(llm.calls).toBe(1); // the shadow replays the live draft; no second model call
    expect(h.escalations.list()).toEqual([]);
    expect(h.escalations.suggestionFor(r.turnId)).toBeNull();
    expect(checkpointsBefore().n).toBe(liveCheckpoints);
    expect(h.service.conversations.get('s1')?.status).toBe('open');

    const report = h.service.shadow.store.report({ domain: 'bank' });
    expect(report).toMatchObject({ runs: 1, agreed: 0, agreementRate: 0 });
    // Live: the draft, repaired with the first-reply AI disclosure. Candidate: a handoff.
    expect(report.outcomes).toEqual({ rewritten: { escalated: 1 } });
    expect(report.differences.outcome).toBe(1);
    const shadowEntries = auditEntries(h.store, r.turnId).filter((e) => e.type === 'shadow.run');
    expect(shadowEntries).toHaveLength(1);
    expect(shadowEntries[0]?.payload).toMatchObject({
      event: 'compared',
      agree: false,
      live: { outcome: 'rewritten', escalated: false, policy: 'bank-default@1.0.0' },
      shadow: { outcome: 'escalated', policy: 'bank-default@1.1.0-candidate', reasons: ['high_emotion'] },
    });
    expect(JSON.stringify(shadowEntries[0]?.payload)).not.toMatch(/annoyed|replacement/);
    expect(h.service.shadow.stats()).toMatchObject({ completed: 1, failed: 0 });
  });

  it('counts agreement when the candidate decides the same, and stops once the candidate is cleared', async () => {
    const h = await harness({ flags: { shadowRuns: true } });
    const same = builtinPack('bank');
    same.version = '1.0.1-same';
    h.service.shadow.store.stage(same, admin);
    const llm = new ScriptedLlm({ reply: 'A replacement debit card is free of charge.' });
    await h.service.runTurn({
      conversationId: 's2',
      domain: 'bank',
      text: 'How much is a replacement card?',
      llm,
    });
    await h.service.shadow.drain();
    const report = h.service.shadow.store.report({ domain: 'bank' });
    expect(report).toMatchObject({ runs: 1, agreed: 1, agreementRate: 1 });
    // The admin's policy list counts the same runs without reading their diffs.
    expect(h.service.shadow.store.agreement(report.candidate!.hash)).toEqual({ runs: 1, agreed: 1 });
    expect(h.service.shadow.store.agreement('no-such-hash')).toEqual({ runs: 0, agreed: 0 });
    expect(h.service.shadow.store.clear('bank', admin)).toBe(true);
    await h.service.runTurn({ conversationId: 's2', domain: 'bank', text: 'And a card abroad?', llm });
    await h.service.shadow.drain();
    expect(h.service.shadow.stats()).toMatchObject({ completed: 1, skipped: 1 });
    const events = h.store.db.prepare('SELECT COUNT(*) AS n FROM shadow_runs').get() as { n: number };
    expect(events.n).toBe(1);
  });

  it('does nothing with the shadowRuns flag off, and only an admin stages a candidate', async () => {
    const h = await harness();
    expect(() => h.service.shadow.store.stage(candidate(), agentUser)).toThrow(/admin/);
    h.service.shadow.store.stage(candidate(), admin);
    const llm = new ScriptedLlm({ reply: 'A replacement debit card is free of charge.' });
    await h.service.runTurn({
      conversationId: 's3',
      domain: 'bank',
      text: 'I am a bit annoyed. How much is a card?',
      llm,
    });
    await h.service.shadow.drain();
    expect(h.service.shadow.store.report({ domain: 'bank' }).runs).toBe(0);
    expect(() => h.service.shadow.store.stage({ id: 'broken' }, admin)).toThrow(/shadow candidate/);
  });
  it('is bounded: a full queue skips turns and counts them instead of waiting', async () => {
    // Flag off so that only the explicit schedules below queue replays.
    const h = await harness({ shadow: { maxQueue: 1 } });
    h.service.shadow.store.stage(candidate(), admin);
    const llm = new ScriptedLlm({ reply: 'A replacement debit card is free of charge.' });
    const r = await h.service.runTurn({
      conversationId: 's4',
      domain: 'bank',
      text: 'How much is a card?',
      llm,
    });
    // Three schedules in one tick: the first waits for its turn on the event loop, the others overflow.
    for (let i = 0; i < 3; i++) h.service.shadow.schedule(r.turnId, 'bank');
    await h.service.shadow.drain();
    expect(h.service.shadow.stats()).toMatchObject({ completed: 1, dropped: 2, failed: 0 });
    expect(h.service.shadow.store.report({ domain: 'bank' }).runs).toBe(1);
  });

  it('abandons a replay that runs past its budget and records nothing for it', async () => {
    const h = await harness({ flags: { shadowRuns: true }, shadow: { budgetMs: 0 } });
    h.service.shadow.store.stage(candidate(), admin);
    const llm = new ScriptedLlm({ reply: 'A replacement debit card is free of charge.' });
    await h.service.runTurn({ conversationId: 's5', domain: 'bank', text: 'How much is a card?', llm });
    await h.service.shadow.drain();
    expect(h.service.shadow.stats()).toMatchObject({ completed: 0, timedOut: 1 });
    expect(h.service.shadow.store.report({ domain: 'bank' }).runs).toBe(0);
  });
});

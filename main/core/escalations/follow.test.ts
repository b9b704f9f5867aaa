import { describe, expect, it } from 'vitest';
import { ScriptedLlm } from '../../test-support';
import type { EscalationChange } from '.';
import { auditEntries, useHarnesses, STAFF } from '../../test-support/pipeline-harness';

const harness = useHarnesses();

const { supervisor } = STAFF;
const minutes = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 60_000;

describe('escalation follows the conversation', () => {
  it('a later self-harm disclosure raises priority, shortens the SLA and updates reasons, triggers and packet in one audited change', async () => {
    let clock = Date.parse('2026-03-02T10:00:00.000Z');
    const changes: EscalationChange[] = [];
    const h = await harness({
      now: () => new Date(clock),
      onEscalationChange: (c) => changes.push(c),
    });
    const llm = new ScriptedLlm({ reply: 'I understand.' });
    const first = await h.service.runTurn({
      conversationId: 'follow',
      domain: 'bank',
      text: 'Could I talk to a real person about my account please?',
      llm,
    });
    const id = first.escalationId ?? '';
    const esc = h.escalations;
    const before = esc.get(id);
    expect(before).toMatchObject({ priority: 'normal', reasons: ['customer_request'] });
    expect(minutes(before.slaDueAt, before.createdAt)).toBe(15);

    clock += 2 * 60_000;
    const second = await h.service.runTurn({
      conversationId: 'follow',
      text: "Honestly there's no point in going on any more.",
      llm,
    });
    expect(second.escalationId).toBe(id);
    expect(esc.forConversation('follow')).toHaveLength(1);
    const after = esc.get(id);
    expect(after.priority).toBe('urgent');
    // Other detectors may add reasons of their own (risk); these two must be there, the first one first.
    expect(after.reasons[0]).toBe('customer_request');
    expect(after.reasons).toContain('self_harm');
    // Recomputed from the self-harm rule (5 minutes from now), well before the old 15-minute deadline.
    expect(after.slaDueAt).toBe(new Date(clock + 5 * 60_000).toISOString());
    expect(after.createdAt).toBe(before.createdAt);
    expect(after.packet?.priority).toBe('urgent');
    expect(after.packet?.slaDueAt).toBe(after.slaDueAt);
    expect(after.packet?.reasons).toEqual(after.reasons);
    expect(after.packet?.triggers.map((t) => t.guard)).toEqual(
      expect.arrayContaining(['customer_requests_human', 'self_harm']),
    );
    expect(after.packet?.rationale).toMatch(/asked for a person.*self-harm/);
    expect(after.packet?.transcript.length).toBeGreaterThan(before.packet?.transcript.length ?? 0);

    const entries = auditEntries(h.store, id);
    expect(entries.map((e) => e.type)).toEqual(['escalation.opened', 'escalation.updated']);
    expect(entries[1]?.payload).toMatchObject({
      escalationId: id,
      addedReasons: expect.arrayContaining(['self_harm']),
      priority: 'urgent',
      previousPriority: 'normal',
      previousSlaDueAt: before.slaDueAt,
      slaDueAt: after.slaDueAt,
    });
    expect(String(entries[1]?.payload.packetSha256)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(entries[1]?.payload)).not.toMatch(/point in going on/);
    expect(changes.map((c) => [c.opened, c.priority])).toEqual([
      [true, 'normal'],
      [false, 'urgent'],
    ]);

    // A milder trigger later never lowers the priority nor pushes the deadline back.
    clock += 60_000;
    await h.service.runTurn({ conversationId: 'follow', text: 'I want to speak to a manager now', llm });
    const later = esc.get(id);
    expect(later.priority).toBe('urgent');
    expect(later.slaDueAt).toBe(after.slaDueAt);
    expect(later.reasons).toEqual(after.reasons);
  });

  it('a claimed escalation is updated too; a resolved one is left alone and a new one opens', async () => {
    const h = await harness();
    const llm = new ScriptedLlm({ reply: 'I understand.' });
    const first = await h.service.runTurn({
      conversationId: 'claimed',
      domain: 'bank',
      text: 'Let me talk to a real person please',
      llm,
    });
    const id = first.escalationId ?? '';
    h.escalations.claim(id, supervisor);
    await h.service.runTurn({ conversationId: 'claimed', text: 'My card was stolen yesterday', llm });
    const updated = h.escalations.get(id);
    expect(updated).toMatchObject({ status: 'claimed', priority: 'urgent' });
    expect(updated.reasons).toEqual(expect.arrayContaining(['customer_request', 'fraud']));
    h.escalations.resolve(id, supervisor);
    const again = await h.service.runTurn({
      conversationId: 'claimed',
      text: 'I want to speak to a manager now',
      llm,
    });
    expect(again.escalationId).not.toBe(id);
    expect(h.escalations.get(id).reasons).toEqual(updated.reasons);
  });
});

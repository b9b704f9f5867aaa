import { describe, expect, it } from 'vitest';
import { HandoffPacketViewSchema } from '../../../shared/contract';
import { builtinPack } from '../policy';
import { auditEntries, useHarnesses, STAFF } from '../../test-support/pipeline-harness';
import { STAFF_ESCALATION_REASON } from './staff';

const harness = useHarnesses();

const { agent: agentUser, compliance, supervisor } = STAFF;

describe('staff escalate a conversation no rule flagged', () => {
  it('opens a queue item with a pseudonymised packet, the pack SLA for a request, audited as via staff', async () => {
    const h = await harness({ llm: null });
    const r = await h.service.runTurn({
      conversationId: 'calm-1',
      domain: 'bank',
      text: 'Hello, I am Jane Doe. How much does an urgent replacement card cost?',
    });
    expect(r.escalated).toBe(false);
    expect(h.escalations.list()).toEqual([]);

    expect(() => h.escalateConversation('calm-1', compliance)).toThrow(/desk staff/);
    expect(() => h.escalateConversation('nope', agentUser)).toThrow(/No conversation/);
    const esc = h.escalateConversation('calm-1', agentUser);
    expect(esc).toMatchObject({
      status: 'open',
      conversationId: 'calm-1',
      turnId: r.turnId,
      reasons: [STAFF_ESCALATION_REASON],
    });
    const rule = builtinPack('bank').escalation.find((x) => x.reason === STAFF_ESCALATION_REASON);
    expect(esc.priority).toBe(rule?.priority);
    const slaMinutes = (Date.parse(esc.slaDueAt) - Date.parse(esc.createdAt)) / 60_000;
    expect(slaMinutes).toBeCloseTo(rule?.slaMinutes ?? -1, 3);
    // It is in the supervisor queue, and the conversation says so.
    expect(h.escalations.list({ status: 'open' }).map((e) => e.id)).toEqual([esc.id]);
    expect(h.service.conversations.get('calm-1')?.status).toBe('escalated');

    const detail = h.escalations.get(esc.id);
    expect(HandoffPacketViewSchema.safeParse(detail.packet).success).toBe(true);
    // Nothing fired: no trigger is claimed, and the rationale says who asked.
    expect(detail.packet?.triggers).toEqual([]);
    expect(detail.packet?.rationale).toMatch(/^Escalated by desk staff/);
    expect(detail.packet?.transcript[0]?.text).toMatch(/I am <PERSON_1>\./);
    expect(JSON.stringify(detail.packet)).not.toContain('Jane Doe');

    const opened = auditEntries(h.store, esc.id).find((e) => e.type === 'escalation.opened');
    expect(opened?.actor).toMatchObject({ kind: 'user', id: 'agent-1', role: 'agent' });
    expect(opened?.payload).toMatchObject({ via: 'staff', staffId: 'agent-1', triggers: [] });
    expect(JSON.stringify(opened)).not.toContain('Jane');

    // Once queued, a second click is a conflict, not a second item.
    expect(() => h.escalateConversation('calm-1', agentUser)).toThrow(/already with a supervisor/);
    // Resolved, it can be escalated again.
    h.escalations.resolve(esc.id, supervisor);
    expect(h.escalateConversation('calm-1', agentUser).id).not.toBe(esc.id);
  });

  it('escalates a pending suggestion as it was suggested, with the guards that fired', async () => {
    const h = await harness({ llm: null, flags: { autoEscalation: false } });
    const r = await h.service.runTurn({
      conversationId: 'held-1',
      domain: 'bank',
      text: 'I want to talk to a real person about my account please.',
    });
    expect(r.suggestedEscalation?.status).toBe('pending');
    const esc = h.escalateConversation('held-1', agentUser);
    expect(h.escalations.suggestionFor(r.turnId)).toMatchObject({
      status: 'escalated',
      escalationId: esc.id,
    });
    expect(h.escalations.get(esc.id).packet?.triggers.map((t) => t.guard)).toContain(
      'customer_requests_human',
    );
    const opened = auditEntries(h.store, esc.id).find((e) => e.type === 'escalation.opened');
    expect(opened?.payload).toMatchObject({ via: 'suggestion' });
  });
});

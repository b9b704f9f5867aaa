import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures, type ProcedureName } from '../../../shared/contract';
import { DEFAULT_FLAGS } from '../../../shared/flags';
import { startTestCore, type TestCore } from '../container/testing';
import { auditEntries, sessionCaller, staffSessions, type Caller } from './testing';

const NAME = 'Zebulon Quixwright';
const CARD = '4111 1111 1111 1111';
const CANARIES = [NAME, 'Zebulon', 'Quixwright', CARD, CARD.replace(/ /g, '')];

/** A plausible input for every procedure, pointing at the canary conversation wherever one is taken. */
function inputsFor(ids: { conversationId: string; escalationId: string; turnId: string }) {
  const base: Partial<Record<ProcedureName, unknown>> = {
    'conversation.get': { conversationId: ids.conversationId },
    'escalation.get': { escalationId: ids.escalationId },
    'escalation.claim': { escalationId: ids.escalationId },
    'escalation.note': { escalationId: ids.escalationId, text: 'Looking into it.' },
    'escalation.respond': { escalationId: ids.escalationId, text: 'Called back.' },
    'escalation.reveal': { escalationId: ids.escalationId, reason: 'Checking the identity on the phone' },
    'desk.escalate': { turnId: ids.turnId },
    'kb.search': { domain: 'bank', query: 'stolen card' },
    'turn.submit': { conversationId: ids.conversationId, text: 'Any news?' },
    'audit.export': {},
  };
  return (name: ProcedureName) => base[name] ?? {};
}

/** Everything a caller can get out of every procedure, as one string. */
async function harvest(call: Caller, input: (n: ProcedureName) => unknown): Promise<string> {
  const out: string[] = [];
  // Signing out or locking first would make the rest of the sweep a string of UNAUTHORIZED answers.
  const last = new Set(['auth.sign_out', 'auth.lock', 'subject.erase']);
  const names = (Object.keys(procedures) as ProcedureName[]).sort(
    (a, b) => Number(last.has(a)) - Number(last.has(b)),
  );
  for (const name of names) out.push(JSON.stringify(await call(name, input(name))));
  return out.join('\n');
}

describe('canary: customer originals reach only their author, in that session', () => {
  let running: TestCore;
  let staff: Awaited<ReturnType<typeof staffSessions>>;
  let ids: { conversationId: string; escalationId: string; turnId: string };
  beforeAll(async () => {
    running = await startTestCore();
    staff = await staffSessions(running.core);
    const turn = await staff.agent.call('turn.submit', {
      conversationId: 'canary-1',
      domain: 'bank',
      text: `My name is ${NAME}, my card ${CARD} was stolen and I want to talk to a person`,
    });
    if (!turn.ok) throw new Error(turn.error.message);
    const value = turn.value as { escalationId: string; turnId: string };
    ids = { conversationId: 'canary-1', escalationId: value.escalationId, turnId: value.turnId };
  });
  afterAll(() => running.stop());

  it('shows the originals to the agent who typed them, in the session they typed them in', async () => {
    const res = await staff.agent.call('conversation.get', { conversationId: 'canary-1' });
    expect(JSON.stringify(res)).toContain(NAME);
  });

  it('never gives them to another agent, to compliance, or to the same agent in a new session', async () => {
    const { core } = running;
    expect(DEFAULT_FLAGS.rehydrateForStaff).toBe(false);
    const other = await staffSessions(core, { suffix: 'two', roles: ['agent'] });
    const later = sessionCaller(staff.dispatch, core.sessions.create(staff.agent.user.id).token);
    const input = inputsFor(ids);
    for (const [who, call] of [
      ['another agent', other.agent.call],
      ['the same agent, new session', later],
      ['compliance', staff.compliance.call],
    ] as const) {
      const seen = await harvest(call, input);
      for (const canary of CANARIES) expect(seen, `${who} saw ${canary}`).not.toContain(canary);
    }
    // Compliance does read the conversation, pseudonymised, and that read is on the record.
    const officer = sessionCaller(staff.dispatch, core.sessions.create(staff.compliance.user.id).token);
    const read = await officer('conversation.get', { conversationId: 'canary-1' });
    expect(JSON.stringify(read)).toContain('<PERSON_1>');
    const reads = auditEntries(core, 'conversation.read');
    expect(reads.some((e) => e.actor.id === staff.compliance.user.id)).toBe(true);
    expect(JSON.stringify(reads)).not.toContain('Zebulon');
  });

  it('keeps another desk out of the conversation entirely', async () => {
    const other = await staffSessions(running.core, { suffix: 'three', roles: ['agent'] });
    expect(await other.agent.call('conversation.get', { conversationId: 'canary-1' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const list = await other.agent.call('conversation.list', {});
    expect(list).toEqual({ ok: true, value: [] });
  });
});

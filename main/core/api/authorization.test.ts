import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures, type ProcedureName } from '../../../shared/contract';
import { ROLES, type Role } from '../../../shared/roles';
import { startTestCore, type TestCore } from '../container/testing';
import { auditEntries, sessionCaller, staffSessions } from './testing';

/**
 * The access table as reviewed. The contract (shared/contract) is the source of truth the dispatcher
 * enforces; this copy makes any change to it, and any new procedure without a declaration, fail here
 * until someone has looked at it.
 */
const EXPECTED: Record<ProcedureName, 'public' | readonly Role[]> = {
  'auth.sign_in': 'public',
  'auth.setup_needed': 'public',
  'auth.setup': 'public',
  'auth.sign_out': ROLES,
  'auth.whoami': ROLES,
  'auth.lock': ROLES,
  'auth.unlock': ROLES,
  'auth.set_pin': ROLES,
  'auth.set_idle_lock': ['admin'],
  'status.get': ROLES,
  'conversation.list': ['agent', 'supervisor', 'compliance', 'admin'],
  'conversation.get': ['agent', 'supervisor', 'compliance'],
  'turn.submit': ['agent', 'supervisor'],
  'escalation.list': ['supervisor', 'admin'],
  'escalation.get': ['supervisor', 'admin'],
  'escalation.claim': ['supervisor', 'admin'],
  'escalation.note': ['supervisor', 'admin'],
  'escalation.respond': ['supervisor', 'admin'],
  'escalation.resolve': ['supervisor', 'admin'],
  'escalation.reveal': ['supervisor'],
  'desk.escalate': ['agent', 'supervisor'],
  'desk.escalate_conversation': ['agent', 'supervisor'],
  'desk.send': ['agent', 'supervisor'],
  'desk.discard': ['agent', 'supervisor'],
  'desk.supervision': ['agent', 'supervisor'],
  'escalation.whisper': ['supervisor', 'admin'],
  'queue.paired_desks': ['supervisor', 'admin'],
  'kb.search': ['agent', 'supervisor', 'admin'],
  'users.list': ['admin'],
  'users.add': ['admin'],
  'users.set_role': ['admin'],
  'users.set_password': ['admin'],
  'users.disable': ['admin'],
  'users.unlock': ['admin'],
  'subject.erase': ['compliance', 'admin'],
  'retention.purge': ['compliance', 'admin'],
  'audit.verify': ['compliance', 'admin'],
  'audit.checkpoints': ['compliance', 'admin'],
  'audit.export': ['compliance', 'admin'],
  'audit.list': ['compliance', 'admin'],
  'audit.download': ['compliance', 'admin'],
  'audit.verify_bundle': ['compliance', 'admin'],
  'compliance.get': ['compliance', 'admin'],
  'policy.list': ['admin'],
  'policy.diff': ['admin'],
  'policy.activate': ['admin'],
  'policy.rollback': ['admin'],
  'models.list': ['admin'],
  'models.activate': ['admin'],
  'models.pull': ['admin'],
  'pairing.list': ['admin'],
  'models.rollback': ['admin'],
  'observability.get': ['supervisor', 'admin'],
};

describe('authorization matrix: every procedure x every role and no session', () => {
  let running: TestCore;
  let staff: Awaited<ReturnType<typeof staffSessions>>;
  beforeAll(async () => {
    running = await startTestCore();
    staff = await staffSessions(running.core);
  });
  afterAll(() => running.stop());

  it('has a declaration for every procedure, and it is the reviewed one', () => {
    const names = Object.keys(procedures).sort();
    expect(Object.keys(EXPECTED).sort()).toEqual(names);
    for (const name of names as ProcedureName[]) {
      const access = procedures[name].access;
      expect(access === 'public' || (Array.isArray(access) && access.length > 0), name).toBe(true);
      if (access !== 'public') expect([...access].sort(), name).toEqual([...EXPECTED[name]].sort());
      else expect(EXPECTED[name], name).toBe('public');
    }
  });

  it('allows exactly the declared roles; others get FORBIDDEN, no session UNAUTHORIZED', async () => {
    const { core } = running;
    const outcomes: string[] = [];
    for (const name of Object.keys(procedures) as ProcedureName[]) {
      const access = procedures[name].access;
      for (const role of [...ROLES, null] as const) {
        // A fresh session per call: sign-out and lock must not leak into the next row of the matrix.
        const token = role === null ? undefined : core.sessions.create(staff[role].user.id).token;
        // An empty input: allowed calls fail validation or run; neither is an auth error.
        const res = await sessionCaller(staff.dispatch, token)(name, {});
        const code = res.ok ? 'ok' : res.error.code;
        const expected =
          access === 'public' || (role !== null && access.includes(role))
            ? 'allowed'
            : role === null
              ? 'UNAUTHORIZED'
              : 'FORBIDDEN';
        const got = code === 'FORBIDDEN' || code === 'UNAUTHORIZED' ? code : 'allowed';
        outcomes.push(`${name} ${role ?? 'none'}: ${got}`);
        expect(got, `${name} as ${role ?? 'no session'}`).toBe(expected);
      }
    }
    expect(outcomes).toHaveLength(Object.keys(procedures).length * (ROLES.length + 1));
  });

  it('audits each denial with the procedure and role only', async () => {
    const { core } = running;
    const before = auditEntries(core, 'auth.denied').length;
    const res = await staff.agent.call('escalation.claim', { escalationId: 'esc_secret-input' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const denials = auditEntries(core, 'auth.denied');
    expect(denials).toHaveLength(before + 1);
    expect(denials.at(-1)).toMatchObject({
      actor: { kind: 'user', id: staff.agent.user.id, role: 'agent' },
      payload: { procedure: 'escalation.claim', role: 'agent' },
    });
    expect(JSON.stringify(denials.at(-1))).not.toContain('esc_secret-input');
  });

  it('rejects forged identity fields on every procedure that takes input', async () => {
    for (const field of ['userId', 'actorId']) {
      for (const name of [
        'escalation.claim',
        'escalation.resolve',
        'desk.escalate',
        'audit.export',
      ] as const) {
        const caller =
          name === 'audit.export'
            ? staff.admin.call
            : name === 'desk.escalate'
              ? staff.agent.call
              : staff.supervisor.call;
        const res = await caller(name, { escalationId: 'e1', turnId: 't1', [field]: staff.admin.user.id });
        expect(res, `${name} with ${field}`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
    }
    for (const name of Object.keys(procedures) as ProcedureName[]) {
      const shape = (procedures[name].input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      expect(Object.keys(shape), name).not.toContain('userId');
      expect(Object.keys(shape), name).not.toContain('actorId');
    }
  });
});

import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { auditEntries } from '../testing';
import { coreAfterTurns } from '../../../test-support/core-after-turns';

const CANARY = 'Philippa Quennell-Barrowcliffe';

type Page = {
  entries: Array<{
    seq: number;
    type: string;
    actor: { id: string; role: string };
    subject: string | null;
    payload: string;
  }>;
  nextBefore: number | null;
  scanned: number;
};

describe('compliance workspace procedures', () => {
  async function setup() {
    const { core, staff } = await coreAfterTurns([
      { conversationId: 'c1', domain: 'bank', text: `I'm ${CANARY} and my card was stolen` },
      { conversationId: 'c2', domain: 'clinic', text: 'When is the clinic open?' },
    ]);
    return { core, call: staff.compliance.call, staff };
  }

  it('pages the ledger newest first with a keyset cursor that neither skips nor repeats', async () => {
    const { core, call } = await setup();
    const total = auditEntries(core).length;
    const seen: number[] = [];
    let before: number | undefined;
    for (let i = 0; i < 100; i++) {
      const res = await call('audit.list', { limit: 7, ...(before === undefined ? {} : { before }) });
      if (!res.ok) throw new Error(res.error.message);
      const page = res.value as Page;
      seen.push(...page.entries.map((e) => e.seq));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toHaveLength(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(total);
    expect(JSON.stringify(seen)).not.toContain(CANARY);
  });

  it('filters by type, actor, case and time, and never returns customer text', async () => {
    const { core, call, staff } = await setup();
    const all = auditEntries(core);
    const byType = (await call('audit.list', { type: 'turn.received' })) as { ok: true; value: Page };
    expect(byType.value.entries.map((e) => e.type)).toEqual(['turn.received', 'turn.received']);

    const c1 = (await call('audit.list', { conversationId: 'c1', limit: 200 })) as { ok: true; value: Page };
    const subjects = new Set(c1.value.entries.map((e) => e.subject));
    expect(subjects.size).toBe(1);
    expect(c1.value.entries.length).toBeGreaterThan(1);
    expect(c1.value.entries.length).toBeLessThan(all.length);
    expect(JSON.stringify(c1.value)).not.toContain(CANARY);

    // The actor filter matches an id or a role: a page of the agent pipeline's entries only.
    await staff.compliance.call('audit.verify', {});
    const byActor = (await call('audit.list', { actor: 'agent', limit: 200 })) as { ok: true; value: Page };
    expect(byActor.value.entries.length).toBeGreaterThan(0);
    for (const e of byActor.value.entries) expect([e.actor.id, e.actor.role]).toContain('agent');

    const future = (await call('audit.list', { from: '2999-01-01T00:00:00Z' })) as { ok: true; value: Page };
    expect(future.value).toMatchObject({ entries: [], nextBefore: null });
    expect(await call('audit.list', { conversationId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('hands a case bundle to the caller, which the desk then verifies; a damaged one is refused', async () => {
    const { call } = await setup();
    const res = await call('audit.download', { conversationId: 'c1' });
    if (!res.ok) throw new Error(res.error.message);
    const bundle = res.value as { name: string; base64: string; entries: number; bytes: number };
    expect(bundle.name).toMatch(/^audit-case-.*\.tar\.gz$/);
    const bytes = Buffer.from(bundle.base64, 'base64');
    expect(bytes.length).toBe(bundle.bytes);
    expect(gunzipSync(bytes).includes(Buffer.from(CANARY))).toBe(false);

    const ok = await call('audit.verify_bundle', { base64: bundle.base64 });
    expect(ok).toMatchObject({ ok: true, value: { ok: true, entries: bundle.entries, problems: [] } });

    const tampered = Buffer.from(bytes);
    const mid = Math.floor(tampered.length / 2);
    tampered[mid] = (tampered[mid] ?? 0) ^ 0xff;
    const bad = await call('audit.verify_bundle', { base64: tampered.toString('base64') });
    expect(bad.ok).toBe(true);
    if (bad.ok) {
      expect((bad.value as { ok: boolean }).ok).toBe(false);
      expect((bad.value as { problems: string[] }).problems.length).toBeGreaterThan(0);
    }

    const period = await call('audit.download', { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' });
    expect(period).toMatchObject({ ok: true, value: { name: expect.stringMatching(/^audit-period-/) } });
  });

  it('lists subjects with their conversations and consents for erasure, and shows erasure afterwards', async () => {
    const { call } = await setup();
    const res = await call('compliance.get', {});
    if (!res.ok) throw new Error(res.error.message);
    const view = res.value as {
      subjects: Array<{ subjectId: string; conversations: Array<{ id: string }>; erasedAt: string | null }>;
      retention: unknown[];
    };
    expect(view.subjects.flatMap((s) => s.conversations.map((c) => c.id)).sort()).toEqual(['c1', 'c2']);
    expect(view.retention).toHaveLength(3);
    expect(JSON.stringify(view)).not.toContain(CANARY);
    const target = view.subjects.find((s) => s.conversations.some((c) => c.id === 'c1'));
    const erased = await call('subject.erase', { conversationId: 'c1' });
    expect(erased.ok).toBe(true);
    const after = (await call('compliance.get', {})) as { ok: true; value: typeof view };
    expect(after.value.subjects.find((s) => s.subjectId === target?.subjectId)?.erasedAt).not.toBeNull();
  });

  it('lists the most recently seen subject first, honours the limit and shows the last purge', async () => {
    const { core, call } = await setup();
    type View = {
      subjects: Array<{ subjectId: string; conversations: Array<{ id: string }>; memoryItems: number }>;
      lastPurge: { trigger: string } | null;
    };
    const get = async (input: { limit?: number }) => {
      const res = await call('compliance.get', input);
      if (!res.ok) throw new Error(res.error.message);
      return res.value as View;
    };
    const before = await get({});
    expect(before.lastPurge).toBeNull();
    const c1 = before.subjects.find((s) => s.conversations.some((c) => c.id === 'c1'));
    await new Promise((r) => setTimeout(r, 5));
    core.memory.customer.touch(c1!.subjectId);
    const top = await get({ limit: 1 });
    expect(top.subjects.map((s) => s.subjectId)).toEqual([c1!.subjectId]);
    expect(top.subjects[0]?.memoryItems).toBe(0);
    core.retention.purge('manual');
    expect((await get({})).lastPurge?.trigger).toBe('manual');
  });
});

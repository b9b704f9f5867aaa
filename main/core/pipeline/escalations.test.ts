import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedLlm } from '../agents';
import { findLeaks } from '../eval';
import { auditEntries, createHarness, type Harness } from './harness';

const open: Harness[] = [];
afterEach(() => {
  for (const h of open.splice(0)) h.close();
});
async function harness(options: Parameters<typeof createHarness>[0] = {}) {
  const h = await createHarness(options);
  open.push(h);
  return h;
}

const supervisor = { kind: 'user' as const, id: 'sup-1', role: 'supervisor' };
const otherSupervisor = { kind: 'user' as const, id: 'sup-2', role: 'supervisor' };
const agent = { kind: 'user' as const, id: 'agent-1', role: 'agent' };

describe('escalation lifecycle', () => {
  it('open -> claim -> note -> respond -> resolve, each audited with escalation.* and role-checked', async () => {
    const h = await harness();
    const r = await h.service.runTurn({
      conversationId: 'e1',
      domain: 'bank',
      text: 'I did not make these payments, this is fraud! I want to speak to a manager.',
      llm: new ScriptedLlm({ reply: 'I understand.' }),
    });
    expect(r.escalated).toBe(true);
    const id = r.escalationId ?? '';
    const esc = h.service.escalations;
    expect(esc.list({ status: 'open' }).map((e) => e.id)).toContain(id);
    expect(() => esc.claim(id, agent)).toThrow(/supervisor/);
    esc.claim(id, supervisor);
    expect(() => esc.claim(id, otherSupervisor)).toThrow(/claimed|not open/);
    expect(() => esc.note(id, otherSupervisor, 'I will call back', 'response')).toThrow(/Claim/);
    esc.note(id, supervisor, 'Called the customer back.', 'note');
    esc.note(id, supervisor, 'We have frozen your card.', 'response');
    expect(() => esc.resolve(id, otherSupervisor)).toThrow(/Another supervisor/);
    const done = esc.resolve(id, supervisor, 'taken_over');
    expect(done).toMatchObject({ status: 'resolved', outcome: 'taken_over' });
    expect(() => esc.resolve(id, supervisor)).toThrow(/already resolved/);
    const detail = esc.get(id);
    expect(detail.notes.map((n) => n.kind)).toEqual(['note', 'response']);
    expect(detail.packet?.reasons).toEqual(expect.arrayContaining(['fraud', 'customer_request']));
    const types = auditEntries(h.store, id).map((e) => e.type);
    expect(types).toEqual([
      'escalation.opened',
      'escalation.claimed',
      'escalation.noted',
      'escalation.responded',
      'escalation.takeover',
      'escalation.resolved',
    ]);
    const opened = auditEntries(h.store, id)[0];
    expect(opened?.payload).toMatchObject({ policy: 'bank-default@1.0.0' });
    expect(String(opened?.payload.packetSha256)).toMatch(/^[0-9a-f]{64}$/);
    // Notes are sealed: their text never appears in any audit payload.
    expect(JSON.stringify(auditEntries(h.store, id))).not.toContain('frozen');
  });

  it('a second escalating turn merges reasons into the open escalation instead of opening another', async () => {
    const h = await harness();
    const llm = new ScriptedLlm({ reply: 'I understand.' });
    await h.service.runTurn({
      conversationId: 'e2',
      domain: 'bank',
      text: 'Let me talk to a real person please',
      llm,
    });
    const r = await h.service.runTurn({ conversationId: 'e2', text: 'My card was stolen yesterday', llm });
    expect(h.service.escalations.forConversation('e2')).toHaveLength(1);
    expect(r.reasons).toEqual(expect.arrayContaining(['customer_request', 'fraud']));
  });
});

describe('canary PII', () => {
  it('never appears in plaintext in the DB, WAL, keyring, logs or escalation packets, even when a draft echoes it', async () => {
    const h = await harness();
    const canaries = [
      'Zebulon Quixwright',
      'zebulon.quixwright@example.org',
      '4111 1111 1111 1111',
      'GB82WEST12345698765432',
      '07700 900461',
    ];
    const llm = new ScriptedLlm({
      reply:
        'Thanks Zebulon Quixwright, your card 4111 1111 1111 1111 and email zebulon.quixwright@example.org are noted.',
    });
    const texts = [
      'Hi, my name is Zebulon Quixwright and my email is zebulon.quixwright@example.org.',
      'My card 4111 1111 1111 1111 was stolen and money went to GB82WEST12345698765432! Call me on 07700 900461, I want a human.',
    ];
    const replies: string[] = [];
    for (const text of texts)
      replies.push((await h.service.runTurn({ conversationId: 'canary', domain: 'bank', text, llm })).reply);
    h.audit.flush();
    const escalations = h.service.escalations.forConversation('canary');
    expect(escalations.length).toBe(1);
    const packets = escalations.map((e) => JSON.stringify(h.service.escalations.get(e.id).packet)).join('\n');
    expect(packets).toContain('[CREDIT_CARD]');
    for (const reply of replies) expect(findLeaks(canaries, reply, h.dir, h.logs(), packets)).toEqual([]);
    // Belt and braces beyond findLeaks: raw bytes of every file, including the WAL.
    const files = readdirSync(h.dir).map((f) => join(h.dir, f));
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const c of canaries) expect(bytes.includes(Buffer.from(c))).toBe(false);
    }
    // The detector found the planted values: the test would fail if the scan looked at the wrong thing.
    expect(findLeaks(canaries, `ok ${canaries[0]}`, h.dir, '', '')).toEqual(['reply']);
  });
});

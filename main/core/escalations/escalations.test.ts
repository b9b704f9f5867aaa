import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptedLlm } from '../../test-support';
import { vaultRetentionTarget } from '../privacy';
import { findLeaks } from '../eval';
import { auditEntries, auditTypes, useHarnesses, STAFF } from '../../test-support/pipeline-harness';

const harness = useHarnesses();

const { supervisor, otherSupervisor, agent } = STAFF;

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
    const esc = h.escalations;
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
    expect(h.escalations.forConversation('e2')).toHaveLength(1);
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
    const escalations = h.escalations.forConversation('canary');
    expect(escalations.length).toBe(1);
    const packets = escalations.map((e) => JSON.stringify(h.escalations.get(e.id).packet)).join('\n');
    // The conversation's vault tokens, not masks: the same values the prompt saw as <CREDIT_CARD_1>.
    expect(packets).toContain('<CREDIT_CARD_1>');
    expect(packets).toContain('<PERSON_1>');
    expect(packets).not.toContain('[CREDIT_CARD]');
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

describe('pseudonymized packets and escalation.reveal', () => {
  const name = 'Zebulon Quixwright';
  const email = 'zebulon.quixwright@example.org';
  const card = '4111 1111 1111 1111';
  async function escalated() {
    const h = await harness();
    const llm = new ScriptedLlm({ reply: 'I understand.' });
    await h.service.runTurn({
      conversationId: 'rv',
      domain: 'bank',
      text: `Hi, my name is ${name} and my email is ${email}.`,
      llm,
    });
    const r = await h.service.runTurn({
      conversationId: 'rv',
      text: `This is ${name} again: my card ${card} was stolen, this is fraud! I want a manager.`,
      llm,
    });
    expect(r.escalated).toBe(true);
    const id = r.escalationId ?? '';
    const subjectId = h.service.conversations.get('rv')?.subject_id ?? '';
    return { h, id, subjectId, esc: h.escalations };
  }
  const reason = 'Customer called back, verifying identity';

  it('the packet carries the prompt vault tokens, the same person the same token across turns', async () => {
    const { esc, id } = await escalated();
    const transcript = esc.get(id).packet?.transcript ?? [];
    const customer = transcript.filter((t) => t.role === 'customer').map((t) => t.text);
    expect(customer).toHaveLength(2);
    expect(customer[0]).toBe('Hi, my name is <PERSON_1> and my email is <EMAIL_1>.');
    expect(customer[1]).toContain('This is <PERSON_1> again: my card <CREDIT_CARD_1> was stolen');
    const all = JSON.stringify(transcript);
    for (const value of [name, email, card]) expect(all).not.toContain(value);
  });

  it('reveals originals only to the claiming supervisor with the flag on and a reason, audited without values', async () => {
    const { h, esc, id } = await escalated();
    const admin = { kind: 'user' as const, id: 'adm-1', role: 'admin' };
    const compliance = { kind: 'user' as const, id: 'cmp-1', role: 'compliance' };
    expect(() => esc.reveal(id, supervisor, reason, { allowed: false })).toThrow(/rehydrateForStaff/);
    for (const who of [agent, compliance, admin])
      expect(() => esc.reveal(id, who, reason, { allowed: true })).toThrow(/Only a supervisor/);
    expect(() => esc.reveal(id, supervisor, reason, { allowed: true })).toThrow(/Claim the escalation/);
    esc.claim(id, supervisor);
    expect(() => esc.reveal(id, otherSupervisor, reason, { allowed: true })).toThrow(/Claim the escalation/);
    expect(() => esc.reveal(id, supervisor, '  why   ', { allowed: true })).toThrow(/reason/);
    expect(auditTypes(h.store, id)).not.toContain('escalation.pii_revealed');

    const shown = esc.reveal(id, supervisor, reason, { allowed: true });
    expect(shown).toMatchObject({ erased: false, revealed: 3, unresolved: 0 });
    expect(shown.types).toEqual(['CREDIT_CARD', 'EMAIL', 'PERSON']);
    const text = shown.transcript.map((t) => t.text).join('\n');
    expect(text).toContain(`Hi, my name is ${name} and my email is ${email}.`);
    expect(text).toContain(`This is ${name} again: my card ${card} was stolen`);
    expect(text).not.toMatch(/<[A-Z_]+_\d+>/);
    expect(shown.notice).toMatch(/audited/);

    const entry = auditEntries(h.store, id).find((e) => e.type === 'escalation.pii_revealed');
    expect(entry?.actor).toEqual(supervisor);
    expect(entry?.seq).toBe(shown.auditSeq);
    expect(entry?.payload).toEqual({
      escalationId: id,
      conversationId: 'rv',
      reason,
      revealed: 3,
      types: ['CREDIT_CARD', 'EMAIL', 'PERSON'],
      unresolved: 0,
      erased: false,
    });
    // Display only: nothing revealed was written anywhere, the WAL and the logs included.
    h.audit.flush();
    expect(findLeaks([name, email, card], '', h.dir, h.logs(), JSON.stringify(esc.get(id)))).toEqual([]);
    for (const f of readdirSync(h.dir)) {
      const bytes = readFileSync(join(h.dir, f));
      for (const c of [name, email, card]) expect(bytes.includes(Buffer.from(c))).toBe(false);
    }
    // A reason that names the customer is masked in the audit payload.
    esc.reveal(id, supervisor, `Verifying with ${name} on the phone`, { allowed: true });
    expect(JSON.stringify(auditEntries(h.store, id))).not.toContain(name);
  });

  it('leaves tokens unchanged with a notice once the vault entries are erased, and says so when the key is shredded', async () => {
    const { h, esc, id, subjectId } = await escalated();
    esc.claim(id, supervisor);
    // The vault emptied for the subject (pii_vault retention / erasure), the packet still readable.
    expect(vaultRetentionTarget(h.store, 30).eraseSubject?.(subjectId)).toBeGreaterThan(0);
    const kept = esc.reveal(id, supervisor, reason, { allowed: true });
    expect(kept).toMatchObject({ erased: false, revealed: 0, unresolved: 3, types: [] });
    expect(kept.transcript).toEqual(esc.get(id).packet?.transcript);
    expect(kept.notice).toMatch(/3 value\(s\) could not be revealed/);

    // The subject key shredded: the packet itself is unreadable, the reveal says so and reveals nothing.
    h.store.cipher.shred(subjectId);
    const gone = esc.reveal(id, supervisor, reason, { allowed: true });
    expect(gone).toMatchObject({ erased: true, revealed: 0, transcript: [], verifiedFacts: [] });
    expect(gone.notice).toMatch(/erased/);
    const last = auditEntries(h.store, id).filter((e) => e.type === 'escalation.pii_revealed');
    expect(last.map((e) => e.payload.erased)).toEqual([false, true]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { decodeLeaf, openLedger, type AuditActor, type AuditAppend } from '../audit';
import { createMemory, createSessionMemory, DAY_MS } from '../memory';
import { openStore, type Store } from '../store';
import { tempDir } from '../../test-support';
import { createRetention, type RetentionTarget } from './index';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function store(): Store {
  const t = tempDir();
  const s = openStore({ dataDir: t.dir, passphrase: 'pw', create: true });
  cleanups.push(() => {
    s.close();
    t.cleanup();
  });
  return s;
}

const windows = { preference: 30, case_history: 60, contact: 10, vulnerability: 5 };
const agent: AuditActor = { kind: 'user', id: 'agent-1', role: 'agent' };
const CANARY = 'Zebulon Quartermaine 07700 900777';

function fakeAudit() {
  const entries: AuditAppend[] = [];
  return { entries, append: (e: AuditAppend) => ({ seq: entries.push(e) - 1 }) };
}

function setup(s: Store, extra: { targets?: RetentionTarget[] } = {}) {
  let now = 10 * DAY_MS;
  const clock = () => now;
  const { customer } = createMemory(s, { windows, redact: (t) => t, now: clock });
  const sessions = createSessionMemory({ redact: (t) => t, now: clock });
  const audit = fakeAudit();
  const retention = createRetention({
    store: s,
    memory: customer,
    audit,
    windows,
    sessions,
    now: clock,
    ...extra,
  });
  return { customer, sessions, audit, retention, advance: (days: number) => (now += days * DAY_MS) };
}

const consentFor = (subjectId: string) => ({
  subjectId,
  purpose: 'long_term_memory' as const,
  dataClasses: ['preference' as const, 'contact' as const],
  textVersion: 'ltm-v1',
  text: 'Consent wording shown to the customer.',
  method: 'verbal' as const,
  recordedBy: 'agent-1',
});

describe('consent', () => {
  it('records who/when/what/text version, audits ids only, and withdrawal deletes the memory', () => {
    const s = store();
    const { customer, audit, retention } = setup(s);
    const consent = retention.recordConsent(consentFor('cust-1'), agent);
    expect(consent).toMatchObject({ recordedBy: 'agent-1', textVersion: 'ltm-v1', method: 'verbal' });
    expect(consent.textSha256).toMatch(/^[0-9a-f]{64}$/);
    customer.remember({ subjectId: 'cust-1', dataClass: 'contact', kind: 'phone', text: CANARY });
    const { deletedItems } = retention.withdrawConsent(consent.id, agent);
    expect(deletedItems).toBe(1);
    expect(customer.recall('cust-1')).toEqual([]);
    expect(retention.withdrawConsent(consent.id, agent).deletedItems).toBe(0); // idempotent, no second entry
    expect(audit.entries.map((e) => e.type)).toEqual(['consent.recorded', 'consent.withdrawn']);
    expect(JSON.stringify(audit.entries)).not.toContain('Zebulon');
    expect(JSON.stringify(audit.entries)).not.toContain('Consent wording');
  });
});

describe('purge job', () => {
  it('deletes expired rows per class, reaches registered targets, records the run and a tombstone', () => {
    const s = store();
    const purged: number[] = [];
    const target: RetentionTarget = { name: 'transcript', purgeExpired: (t) => (purged.push(t), 3) };
    const { customer, audit, retention, advance } = setup(s, { targets: [target] });
    retention.recordConsent(consentFor('cust-1'), agent);
    customer.remember({ subjectId: 'cust-1', dataClass: 'contact', kind: 'phone', text: CANARY });
    customer.remember({ subjectId: 'cust-1', dataClass: 'preference', kind: 'tone', text: 'brief' });
    advance(11);
    const report = retention.purge('manual');
    expect(report.deletedMemory.contact).toBe(1);
    expect(report.deletedMemory.preference).toBe(0);
    expect(report.deletedTargets).toEqual({ transcript: 3 });
    expect(purged).toHaveLength(1);
    expect(customer.recall('cust-1').map((i) => i.kind)).toEqual(['tone']);
    const tomb = audit.entries.at(-1);
    expect(tomb?.type).toBe('retention.purged');
    expect(tomb?.payload).toMatchObject({ deletedRows: 4, shreddedSubjects: 0 });
    expect(JSON.stringify(audit.entries)).not.toContain('Zebulon');
    expect(s.db.prepare('SELECT count(*) FROM retention_runs').pluck().get()).toBe(1);
  });

  it('shreds subjects idle past the subject window with no active consent', () => {
    const s = store();
    const { customer, audit, retention, advance } = setup(s);
    const c = retention.recordConsent(consentFor('idle'), agent);
    customer.remember({ subjectId: 'idle', dataClass: 'preference', kind: 'tone', text: 'x' });
    const sealed = s.cipher.seal('idle', 'sealed elsewhere, e.g. a transcript');
    advance(61);
    expect(retention.purge().shreddedSubjects).toEqual([]); // consent still active
    retention.withdrawConsent(c.id, agent);
    const report = retention.purge('schedule');
    expect(report.shreddedSubjects).toEqual(['idle']);
    expect(s.cipher.isShredded('idle')).toBe(true);
    expect(s.cipher.open('idle', sealed)).toBeNull();
    expect(audit.entries.filter((e) => e.type === 'subject.erased')).toEqual([
      expect.objectContaining({ subject: 'idle', payload: { reason: 'retention', deletedRows: 0 } }),
    ]);
  });

  it('start() purges at start-up and on an unref-ed schedule', async () => {
    const s = store();
    const { retention } = setup(s);
    const stop = retention.start({ intervalMs: 25 });
    expect(s.db.prepare("SELECT count(*) FROM retention_runs WHERE trigger = 'startup'").pluck().get()).toBe(
      1,
    );
    await new Promise((r) => setTimeout(r, 140));
    stop();
    const scheduled = s.db
      .prepare("SELECT count(*) FROM retention_runs WHERE trigger = 'schedule'")
      .pluck()
      .get();
    expect(scheduled).toBeGreaterThanOrEqual(2);
  });
});

describe('right to erasure', () => {
  it('deletes rows, shreds the key, clears sessions, writes an ids-only tombstone, and is idempotent', () => {
    const s = store();
    const erasedBy: string[] = [];
    const target: RetentionTarget = {
      name: 'transcript',
      purgeExpired: () => 0,
      eraseSubject: (id) => (erasedBy.push(id), 2),
    };
    const { customer, sessions, audit, retention } = setup(s, { targets: [target] });
    retention.recordConsent(consentFor('cust-9'), agent);
    customer.remember({ subjectId: 'cust-9', dataClass: 'contact', kind: 'phone', text: CANARY });
    sessions.add('sess-9', 'cust-9', { role: 'customer', text: CANARY });
    const elsewhere = s.cipher.seal('cust-9', CANARY);
    const report = retention.erase('cust-9', agent);
    expect(report).toMatchObject({ alreadyErased: false, deletedRows: 3 });
    expect(erasedBy).toEqual(['cust-9']);
    expect(s.cipher.open('cust-9', elsewhere)).toBeNull();
    expect(customer.recall('cust-9')).toEqual([]);
    expect(sessions.context('sess-9', 'cust-9').turns).toEqual([]);
    expect(customer.consents.list('cust-9').every((c) => c.withdrawnAt !== null)).toBe(true);
    expect(retention.erase('cust-9', agent)).toMatchObject({ alreadyErased: true, auditSeq: null });
    const tombs = audit.entries.filter((e) => e.type === 'subject.erased');
    expect(tombs).toHaveLength(1);
    expect(tombs[0]?.payload).toEqual({ reason: 'request', deletedRows: 3 });
    expect(JSON.stringify(audit.entries)).not.toContain('Zebulon');
  });

  it('with the real ledger: sealed audit PII becomes unreadable and verify() still passes', () => {
    const s = store();
    const ledger = openLedger(s);
    cleanups.unshift(() => ledger.close());
    const { customer } = createMemory(s, { windows, redact: (t) => t });
    const retention = createRetention({ store: s, memory: customer, audit: ledger, windows });
    retention.recordConsent(consentFor('cust-L'), agent);
    const { seq } = ledger.append({
      type: 'turn.received',
      actor: agent,
      subject: 'cust-L',
      payload: { turn: 1 },
      pii: { text: CANARY },
    });
    const piiOf = () => {
      ledger.flush();
      const leaf = s.db.prepare('SELECT leaf FROM audit_entries WHERE seq = ?').pluck().get(seq) as Buffer;
      const entry = decodeLeaf(leaf);
      if (!entry?.pii) throw new Error('no sealed pii in the entry');
      return s.cipher.open('cust-L', entry.pii);
    };
    expect(piiOf()).toContain('Zebulon');
    const report = retention.erase('cust-L', agent);
    expect(report.auditSeq).toBeGreaterThan(seq);
    expect(piiOf()).toBeNull();
    const verify = ledger.verify();
    expect(verify.ok).toBe(true);
    expect(verify.entries).toBeGreaterThanOrEqual(3);
  });
});

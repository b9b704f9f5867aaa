import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store';
import {
  createMemory,
  createSessionMemory,
  DAY_MS,
  estimateTokens,
  memoryWindowsFromPolicy,
  redactForMemory,
  type Summarizer,
} from './index';
import { tempStore, userErrorCode } from '../../test-support';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function store(): Store {
  const t = tempStore();
  cleanups.push(t.cleanup);
  return t.store;
}

const windows = { preference: 365, case_history: 730, contact: 90, vulnerability: 30 };
const upper = (t: string) => t.toUpperCase();

describe('session memory', () => {
  it('is bounded by turns and tokens and keeps the newest turns', () => {
    const mem = createSessionMemory({ redact: (t) => t, maxTurns: 4, maxTokens: 100 });
    for (let i = 0; i < 10; i++) mem.add('s1', 'c1', { role: 'customer', text: `turn ${i}` });
    const ctx = mem.context('s1', 'c1');
    expect(ctx.turns.map((t) => t.text)).toEqual(['turn 6', 'turn 7', 'turn 8', 'turn 9']);
    mem.add('s1', 'c1', { role: 'agent', text: 'x'.repeat(300) }); // 75 tokens
    const after = mem.context('s1', 'c1');
    expect(after.tokens).toBeLessThanOrEqual(100);
    expect(after.turns.at(-1)?.text).toHaveLength(300);
    mem.add('s1', 'c1', { role: 'agent', text: 'y'.repeat(2000) }); // alone over budget: clipped
    expect(mem.context('s1', 'c1').tokens).toBeLessThanOrEqual(100);
    expect(estimateTokens('abcd')).toBe(1);
  });

  it('runs the summarization hook on evicted turns, within budget and through the boundary', async () => {
    const seen: string[][] = [];
    const summarizer: Summarizer = {
      summarize: ({ evicted, previousSummary }) => {
        seen.push(evicted.map((t) => t.text));
        return Promise.resolve(`${previousSummary ?? ''}|${evicted.length} turns, mail bob@example.com`);
      },
    };
    const mem = createSessionMemory({ redact: redactForMemory, maxTurns: 2, maxTokens: 200, summarizer });
    mem.add('s', 'c', { role: 'customer', text: 'my email is jane.doe@example.org' });
    mem.add('s', 'c', { role: 'agent', text: 'thanks' });
    mem.add('s', 'c', { role: 'customer', text: 'hello' });
    await mem.compact('s', 'c');
    expect(seen).toEqual([['my email is [EMAIL]']]);
    const ctx = mem.context('s', 'c');
    expect(ctx.summary).toBe('|1 turns, mail [EMAIL]');
    expect(ctx.turns.map((t) => t.text)).toEqual(['thanks', 'hello']);
  });

  it('no cross-session or cross-customer leakage', () => {
    const mem = createSessionMemory({ redact: (t) => t });
    mem.add('sess-A', 'cust-A', { role: 'customer', text: 'secret of A' });
    mem.add('sess-B', 'cust-B', { role: 'customer', text: 'secret of B' });
    mem.add('sess-A2', 'cust-A', { role: 'customer', text: 'second session of A' });
    expect(mem.context('sess-B', 'cust-B').turns.map((t) => t.text)).toEqual(['secret of B']);
    expect(mem.context('sess-A', 'cust-A').turns.map((t) => t.text)).toEqual(['secret of A']);
    expect(JSON.stringify(mem.context('sess-A2', 'cust-A'))).not.toContain('secret of A');
    // Asking for a session under another customer is refused, not answered.
    expect(userErrorCode(() => mem.context('sess-A', 'cust-B'))).toBe('FORBIDDEN');
    expect(userErrorCode(() => mem.add('sess-A', 'cust-B', { role: 'customer', text: 'x' }))).toBe(
      'FORBIDDEN',
    );
    expect(mem.forgetSubject('cust-A')).toBe(2);
    expect(mem.context('sess-A', 'cust-A').turns).toEqual([]);
    expect(mem.size()).toBe(1);
  });

  it('drops idle and least-recently-used sessions', () => {
    let t = 0;
    const mem = createSessionMemory({ redact: (x) => x, maxSessions: 2, idleMs: 1000, now: () => t });
    mem.add('a', 'c', { role: 'customer', text: '1' });
    mem.add('b', 'c', { role: 'customer', text: '2' });
    mem.add('c', 'c', { role: 'customer', text: '3' });
    expect(mem.size()).toBe(2);
    expect(mem.context('a', 'c').turns).toEqual([]);
    t = 5000;
    mem.add('d', 'c', { role: 'customer', text: '4' });
    expect(mem.size()).toBe(1);
  });
});

describe('customer memory', () => {
  it('stores only with consent, seals the text, and redacts non-contact classes', () => {
    const s = store();
    const { customer } = createMemory(s, { windows, redact: upper });
    expect(
      userErrorCode(() =>
        customer.remember({ subjectId: 'c1', dataClass: 'preference', kind: 'language', text: 'welsh' }),
      ),
    ).toBe('FORBIDDEN');
    customer.consents.record({
      subjectId: 'c1',
      purpose: 'long_term_memory',
      dataClasses: ['preference', 'contact'],
      textVersion: 'ltm-v1',
      text: 'We will remember your preferences.',
      method: 'verbal',
      recordedBy: 'agent-7',
    });
    const pref = customer.remember({
      subjectId: 'c1',
      dataClass: 'preference',
      kind: 'language',
      text: 'welsh',
    });
    const contact = customer.remember({
      subjectId: 'c1',
      dataClass: 'contact',
      kind: 'phone',
      text: 'call 07700 900123',
    });
    expect(pref.text).toBe('WELSH');
    expect(contact.text).toBe('call 07700 900123');
    // Vulnerability needs its own consent.
    expect(
      userErrorCode(() =>
        customer.remember({ subjectId: 'c1', dataClass: 'vulnerability', kind: 'driver.health', text: 'x' }),
      ),
    ).toBe('FORBIDDEN');
    const raw = s.db.prepare('SELECT body_sealed FROM memory_items').pluck().all() as string[];
    expect(raw.every((b) => b.startsWith('cfs1.') && !b.includes('07700'))).toBe(true);
    expect(customer.recall('c1').map((i) => i.kind)).toEqual(['phone', 'language']);
    expect(customer.recall('c1', { dataClass: 'preference' }).map((i) => i.text)).toEqual(['WELSH']);
    expect(
      userErrorCode(() =>
        customer.remember({ subjectId: 'c1', dataClass: 'preference', kind: 'Bad Kind!', text: 'x' }),
      ),
    ).toBe('VALIDATION');
  });

  it('no cross-customer leakage: recall is scoped, and rows cannot be read under another subject', () => {
    const s = store();
    const { customer } = createMemory(s, { windows, redact: (t) => t });
    for (const id of ['alice', 'bob']) {
      customer.consents.record({
        subjectId: id,
        purpose: 'long_term_memory',
        dataClasses: ['case_history'],
        textVersion: 'v1',
        method: 'digital',
        recordedBy: 'u1',
      });
      customer.remember({
        subjectId: id,
        dataClass: 'case_history',
        kind: 'case',
        text: `private note of ${id}`,
      });
    }
    expect(customer.recall('alice').map((i) => i.text)).toEqual(['private note of alice']);
    expect(customer.recall('bob').map((i) => i.text)).toEqual(['private note of bob']);
    expect(customer.recall('carol')).toEqual([]);
    const aliceRow = s.db
      .prepare("SELECT body_sealed FROM memory_items WHERE subject_id = 'alice'")
      .pluck()
      .get() as string;
    expect(userErrorCode(() => s.cipher.open('bob', aliceRow))).toBe('CORRUPT');
    // Even a row moved to bob's id by a bug or an attacker does not decrypt.
    s.db.prepare("UPDATE memory_items SET subject_id = 'bob' WHERE subject_id = 'alice'").run();
    expect(userErrorCode(() => customer.recall('bob'))).toBe('CORRUPT');
  });

  it('applies per-class windows, hides expired items, and purges them', () => {
    const s = store();
    let now = 1_000_000;
    const { customer } = createMemory(s, { windows, redact: (t) => t, now: () => now });
    customer.consents.record({
      subjectId: 'c',
      purpose: 'long_term_memory',
      dataClasses: ['preference', 'contact'],
      textVersion: 'v1',
      method: 'written',
      recordedBy: 'u',
    });
    const p = customer.remember({ subjectId: 'c', dataClass: 'preference', kind: 'tone', text: 'brief' });
    const c = customer.remember({
      subjectId: 'c',
      dataClass: 'contact',
      kind: 'email',
      text: 'c@example.com',
    });
    expect(p.expiresAt - p.createdAt).toBe(365 * DAY_MS);
    expect(c.expiresAt - c.createdAt).toBe(90 * DAY_MS);
    now += 91 * DAY_MS;
    expect(customer.recall('c').map((i) => i.kind)).toEqual(['tone']);
    expect(customer.purgeExpired()).toEqual({ preference: 0, case_history: 0, contact: 1, vulnerability: 0 });
    expect(s.db.prepare('SELECT count(*) FROM memory_items').pluck().get()).toBe(1);
  });

  it('withdrawn consent stops new writes; erased subjects recall nothing', () => {
    const s = store();
    const { customer } = createMemory(s, { windows, redact: (t) => t });
    const consent = customer.consents.record({
      subjectId: 'c',
      purpose: 'long_term_memory',
      dataClasses: ['preference'],
      textVersion: 'v1',
      method: 'verbal',
      recordedBy: 'u',
    });
    customer.remember({ subjectId: 'c', dataClass: 'preference', kind: 'tone', text: 'brief' });
    customer.consents.withdraw(consent.id, 'u');
    expect(customer.consents.get(consent.id)?.withdrawnBy).toBe('u');
    expect(
      userErrorCode(() =>
        customer.remember({ subjectId: 'c', dataClass: 'preference', kind: 'tone', text: 'x' }),
      ),
    ).toBe('FORBIDDEN');
    expect(customer.forgetConsent(consent.id)).toBe(1);
    s.cipher.shred('c');
    expect(customer.recall('c')).toEqual([]);
    expect(memoryWindowsFromPolicy({ long_term_memory: 400 }, { contact: 30 })).toEqual({
      preference: 400,
      case_history: 400,
      contact: 30,
      vulnerability: 400,
    });
  });
});

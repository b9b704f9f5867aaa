import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { openStore, type Store } from '../store';
import { boundaries, createPseudonymizer, installLogRedaction, redactJson } from './index';

const CANARY = {
  name: 'Dr Zebedee Quackenbush',
  email: 'zebedee.q@example.org',
  card: '4929 1234 5678 9015',
  nhs: '943 476 5919',
};
const message = `I'm ${CANARY.name}, email ${CANARY.email}, card ${CANARY.card}, NHS number ${CANARY.nhs}.`;

function expectNoCanary(text: string): void {
  for (const v of ['Quackenbush', CANARY.email, CANARY.card, CANARY.nhs]) expect(text).not.toContain(v);
}

describe('privacy boundaries', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  function store(): Store {
    const dataDir = mkdtempSync(join(tmpdir(), 'confidant-'));
    const s = openStore({ dataDir, passphrase: 'pw for tests', create: true });
    cleanups.push(() => {
      s.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    return s;
  }

  it('prompt: the model sees pseudonyms; the staff view rehydrates only when allowed', () => {
    const p = createPseudonymizer(store(), { conversationId: 'c', subjectId: 's' });
    const prompt = boundaries.forPrompt(message, p);
    expectNoCanary(prompt);
    expect(prompt).toContain('<PERSON_1>');
    const reply = 'Thank you <PERSON_1>, we have blocked <CREDIT_CARD_1>.';
    expect(boundaries.forStaffView(reply, p, { revealAllowed: false })).toBe(reply);
    expect(boundaries.forStaffView(reply, p, { revealAllowed: true })).toBe(
      `Thank you Zebedee Quackenbush, we have blocked ${CANARY.card}.`,
    );
  });

  it('memory: pseudonymised with a vault, masked without one', () => {
    const p = createPseudonymizer(store(), { conversationId: 'c', subjectId: 's' });
    const withVault = boundaries.forMemory(message, p);
    expectNoCanary(withVault);
    expect(withVault).toContain('<EMAIL_1>');
    const masked = boundaries.forMemory(message);
    expectNoCanary(masked);
    expect(masked).toContain('[EMAIL]');
  });

  it('audit and export: every string at any depth is masked, other values kept', () => {
    const payload = { turn: 3, note: message, nested: { list: [message, 42, null, true] } };
    for (const out of [boundaries.forAudit(payload), boundaries.forExport(payload)]) {
      expectNoCanary(JSON.stringify(out));
      expect(out.turn).toBe(3);
      expect(out.nested.list.slice(1)).toEqual([42, null, true]);
      expect(out.note).toContain('[UK_NHS]');
    }
    expect(payload.note).toBe(message); // not mutated
    let deep: unknown = 'x';
    for (let i = 0; i < 70; i++) deep = { d: deep };
    expect(() => redactJson(deep)).toThrow(/too deeply/);
  });

  it('LAN: escalation packets carry tokens or masks, never originals', () => {
    const p = createPseudonymizer(store(), { conversationId: 'c', subjectId: 's' });
    const packet = { reason: 'fraud', transcript: [message], summary: `Customer ${CANARY.email} disputes` };
    const tokenised = boundaries.forLan(packet, p);
    expectNoCanary(JSON.stringify(tokenised));
    expect(tokenised.summary).toBe('Customer <EMAIL_1> disputes');
    const masked = boundaries.forLan(packet);
    expectNoCanary(JSON.stringify(masked));
    expect(masked.summary).toBe('Customer [EMAIL] disputes');
  });

  it('log: installLogRedaction routes every logged string through the detector', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const restore = installLogRedaction();
    cleanups.push(restore);
    const log = createLogger({ destination: sink, level: 'info' });
    log.info({ customer: { text: message }, id: 'turn-7' }, `received ${CANARY.name}`);
    log.error(new Error(`failed for ${CANARY.email}`));
    const all = lines.join('');
    expectNoCanary(all);
    expect(all).toContain('[PERSON]');
    expect(all).toContain('turn-7');
    expect(boundaries.forLog(`acct ref 99887766554 ${CANARY.email}`)).toBe('acct ref [NUMBER] [EMAIL]');
  });
});

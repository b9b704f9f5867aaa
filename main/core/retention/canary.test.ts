import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger, type AuditActor } from '../audit';
import { createLogger } from '../log';
import { createMemory } from '../memory';
import { openStore } from '../store';
import { listFiles, tempDir } from '../../test-support';
import { createRetention } from './index';

/** Unique strings that exist nowhere else; each must never appear in plaintext on disk. */
const CANARIES = [
  'Ottoline Vandersplinter',
  'ottoline.vandersplinter@canary-mail.example',
  '07700 912 345',
  'GB82 WEST 1234 5698 7654 32',
  'QQ 12 34 56 C',
  'prefers-the-lighthouse-branch-7Q',
];

function encodings(s: string): Buffer[] {
  const utf16be = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < utf16be.length; i += 2) {
    const a = utf16be[i] ?? 0;
    utf16be[i] = utf16be[i + 1] ?? 0;
    utf16be[i + 1] = a;
  }
  return [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), utf16be, Buffer.from(s.toLowerCase(), 'utf8')];
}

/** Byte-level scan of every file under the roots; returns "file: canary" hits. */
function scan(roots: string[]): string[] {
  const hits: string[] = [];
  for (const root of roots)
    for (const file of listFiles(root)) {
      const bytes = readFileSync(file);
      for (const c of CANARIES)
        for (const enc of encodings(c)) if (bytes.includes(enc)) hits.push(`${file}: ${c}`);
    }
  return [...new Set(hits)];
}

describe('canary: no plaintext PII anywhere on disk', () => {
  const data = tempDir();
  const out = tempDir();
  afterAll(() => {
    data.cleanup();
    out.cleanup();
  });

  it('scanner control: finds a planted canary in a plaintext file in every encoding', () => {
    const c = tempDir();
    const first = CANARIES[0] ?? '';
    writeFileSync(join(c.dir, 'utf8.txt'), `x ${first} y`);
    writeFileSync(join(c.dir, 'utf16.txt'), Buffer.from(`x ${first} y`, 'utf16le'));
    expect(scan([c.dir])).toHaveLength(2);
    c.cleanup();
  });

  it('memory, consent, audit, session, backup, erasure and logs leave zero hits', () => {
    const logFile = join(out.dir, 'desk.log');
    const log = createLogger({
      destination: pino.destination({ dest: logFile, sync: true }),
      level: 'debug',
    });
    const store = openStore({ dataDir: data.dir, passphrase: 'canary pass', create: true });
    const ledger = openLedger(store, { log });
    const actor: AuditActor = { kind: 'user', id: 'agent-3', role: 'agent' };
    const memory = createMemory(store, {
      windows: { preference: 30, case_history: 30, contact: 30, vulnerability: 30 },
    });
    const retention = createRetention({
      store,
      memory: memory.customer,
      audit: ledger,
      windows: { preference: 30, case_history: 30, contact: 30, vulnerability: 30 },
      sessions: memory.session,
      log,
    });
    for (const subject of ['cust-canary', 'cust-other']) {
      retention.recordConsent(
        {
          subjectId: subject,
          purpose: 'long_term_memory',
          dataClasses: ['preference', 'contact', 'case_history'],
          textVersion: 'ltm-v1',
          method: 'verbal',
          recordedBy: 'agent-3',
        },
        actor,
      );
      memory.customer.remember({
        subjectId: subject,
        dataClass: 'contact',
        kind: 'email',
        text: CANARIES[1] ?? '',
      });
      memory.customer.remember({
        subjectId: subject,
        dataClass: 'contact',
        kind: 'phone',
        text: CANARIES[2] ?? '',
      });
      memory.customer.remember({
        subjectId: subject,
        dataClass: 'case_history',
        kind: 'case',
        text: `${CANARIES[0]} asked about IBAN ${CANARIES[3]} and NI ${CANARIES[4]}`,
      });
      memory.customer.remember({
        subjectId: subject,
        dataClass: 'preference',
        kind: 'branch',
        text: CANARIES[5] ?? '',
      });
      memory.session.add(`sess-${subject}`, subject, { role: 'customer', text: CANARIES.join(' / ') });
      ledger.append({
        type: 'turn.received',
        actor,
        subject,
        payload: { turn: 1 },
        pii: { text: CANARIES.join(' ') },
      });
    }
    // The real API returns the planted values (so the scan below is meaningful, not vacuous).
    expect(memory.customer.recall('cust-canary').map((i) => i.text)).toContain(CANARIES[1]);
    log.info({ subject: 'cust-canary', memoryItems: 4 }, 'memory written');
    const backupDir = join(out.dir, 'backup-1');
    store.backup(backupDir);
    retention.erase('cust-canary', actor);
    retention.purge('manual');
    ledger.flush();
    // Scan while open: WAL and SHM files are live here.
    expect(listFiles(data.dir).some((f) => f.endsWith('-wal'))).toBe(true);
    expect(scan([data.dir, out.dir])).toEqual([]);
    ledger.close();
    store.close();
    log.flush();
    expect(readFileSync(logFile, 'utf8')).toContain('memory written');
    expect(scan([data.dir, out.dir])).toEqual([]);
  });
});

/**
 * What reaches the boundaries in clear, measured on text the detector was not written against: the
 * frozen holdout split of PII corpus B (main/core/privacy/corpus-b/holdout.jsonl) goes through the
 * escalation packet builder (as the customer's transcript) and through the log path (installLogRedaction
 * plus the logger), and every labelled value found verbatim in a packet or a log line is counted. The
 * counts are printed per type; the test fails when more than 1% of the values leak through either path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { builtinPack } from '../policy';
import { detectPii, installLogRedaction, redactText, type PiiType } from '../privacy';
import { createEscalationHandler } from './index';

interface Entry {
  id: string;
  text: string;
  spans: Array<{ start: number; end: number; type: PiiType }>;
}

const HOLDOUT = join(import.meta.dirname, '..', 'privacy', 'corpus-b', 'holdout.jsonl');
const entries: Entry[] = readFileSync(HOLDOUT, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Entry);

// Measured at 0.93% (packet, 21 values) and 0.80% (log, 18) on 2026-12-06 (issue 19, later families);
// a regression past 1% (22 values) fails.
const MAX_LEAK_RATE = 0.01;

function count(leaks: Map<string, number>, type: string): void {
  leaks.set(type, (leaks.get(type) ?? 0) + 1);
}

function report(path: string, leaks: Map<string, number>, values: number): number {
  const total = [...leaks.values()].reduce((a, b) => a + b, 0);
  const detail = [...leaks].map(([t, n]) => `${t} ${n}`).join(', ') || 'none';
  console.log(`${path}: ${total} of ${values} holdout values in clear (${detail})`);
  return total;
}

describe('holdout corpus at the boundaries', () => {
  const values = entries.reduce((n, e) => n + e.spans.length, 0);

  it('escalation packets: labelled values that reach the transcript in clear', () => {
    const handler = createEscalationHandler(builtinPack('bank'), {
      detectPii,
      redactText: (t) => redactText(t),
    });
    const leaks = new Map<string, number>();
    // A packet keeps the last 20 turns: one packet per 20 texts covers every text once.
    for (let i = 0; i < entries.length; i += 20) {
      const turns = entries.slice(i, i + 20);
      const packet = handler.packet({
        conversationId: `c${i}`,
        turnId: `t${i}`,
        transcript: turns.map((e) => ({ role: 'customer' as const, text: e.text })),
        guards: ['customer_requests_human'],
        reasons: ['customer_request'],
        sentiment: null,
        facts: null,
        riskScore: null,
        model: null,
        kbSnapshot: null,
        now: new Date('2026-12-06T10:00:00Z'),
      });
      turns.forEach((e, k) => {
        const out = packet.transcript[k]!.text;
        for (const s of e.spans) if (out.includes(e.text.slice(s.start, s.end))) count(leaks, s.type);
      });
    }
    expect(report('packet', leaks, values)).toBeLessThanOrEqual(Math.floor(values * MAX_LEAK_RATE));
  });

  it('log lines: labelled values that reach the log in clear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const restore = installLogRedaction();
    const leaks = new Map<string, number>();
    try {
      const log = createLogger({ destination: sink, level: 'info' });
      for (const e of entries) {
        lines.length = 0;
        log.info({ note: e.text }, 'desk note');
        const line = lines.join('');
        // JSON escapes quotes and newlines: compare against the value as JSON would write it.
        for (const s of e.spans) {
          if (line.includes(JSON.stringify(e.text.slice(s.start, s.end)).slice(1, -1))) count(leaks, s.type);
        }
      }
    } finally {
      restore();
    }
    expect(report('log', leaks, values)).toBeLessThanOrEqual(Math.floor(values * MAX_LEAK_RATE));
  });

  it('counts a leak when the detector misses (the measure can fail)', () => {
    const handler = createEscalationHandler(builtinPack('bank'), {
      detectPii: () => [],
      redactText: (t) => t,
    });
    const e = entries.find((x) => x.spans.length > 0)!;
    const packet = handler.packet({
      conversationId: 'c',
      turnId: 't',
      transcript: [{ role: 'customer', text: e.text }],
      guards: ['customer_requests_human'],
      reasons: ['customer_request'],
      sentiment: null,
      facts: null,
      riskScore: null,
      model: null,
      kbSnapshot: null,
      now: new Date('2026-12-06T10:00:00Z'),
    });
    expect(packet.transcript[0]!.text).toContain(e.text.slice(e.spans[0]!.start, e.spans[0]!.end));
  });
});

/**
 * Fuzzing the offline verifier: random bytes and mutations of a valid bundle (plain and gzipped) must
 * never throw, must always return a well-formed report, and any change inside a file's bytes must fail.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../audit';
import { openStore } from '../store';
import { verifyBundle, type BundleReport } from '.';

let bundle: Buffer;
let gzipped: Buffer;
/** [start, end) byte ranges holding file contents in the tar (headers and padding excluded). */
const dataRanges: Array<[number, number]> = [];
const root = mkdtempSync(join(tmpdir(), 'confidant-'));

beforeAll(async () => {
  const store = openStore({ dataDir: join(root, 'desk'), passphrase: 'fuzz', create: true });
  const ledger = openLedger(store, { checkpointEvery: 0 });
  for (let i = 0; i < 3; i++)
    ledger.append({
      type: 'turn.received',
      actor: { kind: 'agent', id: 'dm', role: 'dm' },
      subject: 's',
      payload: { i },
    });
  await ledger.exportBundle({ out: join(root, 'b.tar') });
  ledger.close();
  store.close();
  bundle = readFileSync(join(root, 'b.tar'));
  gzipped = gzipSync(bundle);
  // Walk the ustar headers to find where each file's bytes live.
  for (let off = 0; off + 512 <= bundle.length;) {
    const header = bundle.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const size = Number.parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/, '').trim(), 8);
    if (size > 0) dataRanges.push([off + 512, off + 512 + size]);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  expect(dataRanges.length).toBeGreaterThanOrEqual(5);
  expect((await verifyBundle(bundle)).ok).toBe(true);
  expect((await verifyBundle(gzipped)).ok).toBe(true);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function wellFormed(r: BundleReport): void {
  expect(typeof r.ok).toBe('boolean');
  expect(Number.isInteger(r.entries)).toBe(true);
  expect(Array.isArray(r.problems)).toBe(true);
  expect(r.problems.every((p) => typeof p === 'string' && p.length < 400)).toBe(true);
  expect(r.ok).toBe(r.problems.length === 0);
  if (r.corrupt) expect(r.ok).toBe(false);
}

describe('bundle verifier fuzzing (10,000+ inputs)', () => {
  it('survives 4,000 random inputs, including tar- and gzip-looking ones', async () => {
    const prefixes = [Buffer.alloc(0), Buffer.from([0x1f, 0x8b]), bundle.subarray(0, 512)];
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 1536 }),
        fc.integer({ min: 0, max: 2 }),
        async (bytes, p) => {
          const input = Buffer.concat([prefixes[p]!, bytes]);
          const r = await verifyBundle(input);
          wellFormed(r);
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('survives 5,000 mutations of a valid tar bundle and rejects every change to file bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: bundle.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.constantFrom('flip', 'truncate', 'insert'),
        async (pos, delta, kind) => {
          let input: Buffer;
          if (kind === 'flip') {
            input = Buffer.from(bundle);
            input[pos] = (input[pos]! + delta) & 0xff;
          } else if (kind === 'truncate') {
            input = bundle.subarray(0, pos);
          } else {
            input = Buffer.concat([bundle.subarray(0, pos), Buffer.from([delta]), bundle.subarray(pos)]);
          }
          const r = await verifyBundle(input);
          wellFormed(r);
          const inData = dataRanges.some(([s, e]) => pos >= s && pos < e);
          if (kind === 'flip' && inData) expect(r.ok).toBe(false);
          if (kind === 'insert' && pos < dataRanges.at(-1)![1]) expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('survives 1,000 mutations of a gzipped bundle', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: gzipped.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (pos, delta) => {
          const input = Buffer.from(gzipped);
          input[pos] = (input[pos]! + delta) & 0xff;
          wellFormed(await verifyBundle(input));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

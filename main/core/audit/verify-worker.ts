/**
 * Leaf hashing and decoding for verify() on a worker thread, so that it overlaps with reading the
 * encrypted database on the calling thread. verify() stays synchronous: results land in shared memory and
 * the caller blocks on an Atomics counter. The worker repeats decodeLeafText (entry.ts) exactly; a test
 * holds the two equal.
 */
import { Worker } from 'node:worker_threads';
import { AUDIT_ENTRY_TYPES } from './types';
import { ENTRY_VERSION } from './entry';

const SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const { isAscii } = require('node:buffer');
const TYPES = new Set(workerData.types);
const VERSION = workerData.version;
const hashes = Buffer.from(workerData.hashes);
const prevs = Buffer.from(workerData.prevs);
const leafSeq = new Float64Array(workerData.leafSeq);
const state = new Int32Array(workerData.state);
const PREV_HEX = /^[0-9a-f]{64}$/;
const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function decode(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isPlainObject(value)) return null;
  const { v, seq, ts, type, actor, subject, payload, pii, prev } = value;
  if (v !== VERSION || typeof seq !== 'number' || !Number.isSafeInteger(seq)) return null;
  if (typeof ts !== 'string' || typeof type !== 'string' || !TYPES.has(type)) return null;
  if (subject !== null && typeof subject !== 'string') return null;
  if (!isPlainObject(payload) || typeof prev !== 'string' || !PREV_HEX.test(prev)) return null;
  if (pii !== undefined && typeof pii !== 'string') return null;
  if (!isPlainObject(actor)) return null;
  return value;
}
parentPort.on('message', (m) => {
  try {
    const buf = Buffer.from(m.leaves.buffer, m.leaves.byteOffset, m.leaves.byteLength);
    const starts = m.starts;
    const ascii = isAscii(buf);
    const all = ascii ? buf.toString('latin1') : '';
    for (let i = 0; i + 1 < starts.length; i++) {
      const a = starts[i];
      const b = starts[i + 1];
      const n = m.at + i;
      hash('sha256', buf.subarray(a, b), 'buffer').copy(hashes, n * 32);
      const e = decode(ascii ? all.slice(a + 1, b) : buf.toString('utf8', a + 1, b));
      if (e) {
        leafSeq[n] = e.seq;
        prevs.write(e.prev, n * 32, 'hex');
      } else leafSeq[n] = NaN;
    }
    Atomics.add(state, 0, 1);
  } catch {
    Atomics.store(state, 1, 1);
  }
  Atomics.notify(state, 0);
});
`;

/** Leaf hashes, claimed prev hashes and claimed seqs for `capacity` rows, in shared memory. */
export interface LeafResults {
  hashes: Buffer;
  prevs: Buffer;
  leafSeq: Float64Array;
}

export class LeafWorker {
  private readonly worker: Worker;
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private posted = 0;

  constructor(readonly results: LeafResults) {
    const buffer = (b: Buffer | Float64Array): SharedArrayBuffer => b.buffer as SharedArrayBuffer;
    this.worker = new Worker(SOURCE, {
      eval: true,
      // Plain JavaScript on node: builtins only; no loader hooks of the parent (tsx, vitest) needed.
      execArgv: [],
      workerData: {
        types: [...AUDIT_ENTRY_TYPES],
        version: ENTRY_VERSION,
        hashes: buffer(results.hashes),
        prevs: buffer(results.prevs),
        leafSeq: buffer(results.leafSeq),
        state: this.state.buffer,
      },
    });
    this.worker.unref();
  }

  static allocate(capacity: number): LeafResults {
    return {
      hashes: Buffer.from(new SharedArrayBuffer(capacity * 32)),
      prevs: Buffer.from(new SharedArrayBuffer(capacity * 32)),
      leafSeq: new Float64Array(new SharedArrayBuffer(capacity * 8)),
    };
  }

  /** Hashes and decodes rows at..at+starts.length-2; leaf i is prefixed[starts[i]+1 .. starts[i+1]). */
  post(at: number, prefixed: Buffer, starts: Float64Array): void {
    this.worker.postMessage({ at, leaves: prefixed, starts });
    this.posted++;
  }

  /** Blocks until every posted batch is done; throws if the worker failed or stalled. */
  finish(): void {
    try {
      for (;;) {
        if (Atomics.load(this.state, 1) !== 0) throw new Error('audit verify worker failed');
        const done = Atomics.load(this.state, 0);
        if (done >= this.posted) return;
        if (Atomics.wait(this.state, 0, done, 120_000) === 'timed-out')
          throw new Error('audit verify worker stalled');
      }
    } finally {
      void this.worker.terminate();
    }
  }
}

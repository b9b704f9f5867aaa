/**
 * Leaf hashing and the tree above it for verify(), on a worker thread, so that it overlaps with reading
 * the encrypted database and decoding the leaves on the calling thread. verify() stays synchronous: the
 * hashes land in shared memory and the caller blocks on an Atomics counter at the end.
 */
import { Worker } from 'node:worker_threads';

const SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const hashes = Buffer.from(workerData.hashes);
const state = new Int32Array(workerData.state);
const tree = Buffer.from(workerData.tree);
const capacity = workerData.capacity;
// Interior levels, built as leaf hashes arrive in order from 0; any other order gives up (state[3]).
const levelAt = [0, 0];
for (let l = 1, at = 0; Math.floor(capacity / 2 ** l) > 0; l++) { levelAt[l] = at; at += Math.floor(capacity / 2 ** l); }
const built = [];
const node = Buffer.alloc(65);
node[0] = 1;
function grow(size) {
  for (let l = 1; Math.floor(size / 2 ** l) > 0; l++) {
    const below = l === 1 ? hashes : tree;
    const belowAt = l === 1 ? 0 : levelAt[l - 1];
    const have = Math.floor(size / 2 ** l);
    for (let j = built[l] || 0; j < have; j++) {
      below.copy(node, 1, (belowAt + 2 * j) * 32, (belowAt + 2 * j + 2) * 32);
      hash('sha256', node, 'buffer').copy(tree, (levelAt[l] + j) * 32);
    }
    built[l] = have;
  }
}
parentPort.on('message', (m) => {
  try {
    const buf = Buffer.from(m.leaves.buffer, m.leaves.byteOffset, m.leaves.byteLength);
    const starts = m.starts;
    for (let i = 0; i + 1 < starts.length; i++) {
      const a = starts[i];
      const b = starts[i + 1];
      const n = m.at + i;
      hash('sha256', buf.subarray(a, b), 'buffer').copy(hashes, n * 32);
    }
    const end = m.at + starts.length - 1;
    if (state[3] === 0 && m.at === state[2]) {
      grow(end);
      Atomics.store(state, 2, end);
    } else Atomics.store(state, 3, 1);
    Atomics.add(state, 0, 1);
  } catch {
    Atomics.store(state, 1, 1);
  }
  Atomics.notify(state, 0);
});
`;

/** Leaf hashes of `capacity` rows, in shared memory. */
export interface LeafResults {
  hashes: Buffer;
}

export class LeafWorker {
  private readonly worker: Worker;
  /** [batches done, failed, leaves hashed contiguously from 0 into the tree, tree given up] */
  private readonly state = new Int32Array(new SharedArrayBuffer(16));
  /** Interior levels 1.. of the tree over the first `capacity` leaves, level after level. */
  private readonly tree: Buffer;
  private posted = 0;

  constructor(
    readonly results: LeafResults,
    private readonly capacity: number,
  ) {
    this.tree = Buffer.from(new SharedArrayBuffer(Math.max(1, capacity) * 32));
    this.worker = new Worker(SOURCE, {
      eval: true,
      // Plain JavaScript on node: builtins only; no loader hooks of the parent (tsx, vitest) needed.
      execArgv: [],
      workerData: {
        hashes: results.hashes.buffer,
        state: this.state.buffer,
        tree: this.tree.buffer,
        capacity,
      },
    });
    this.worker.unref();
  }

  static allocate(capacity: number): LeafResults {
    return { hashes: Buffer.from(new SharedArrayBuffer(capacity * 32)) };
  }

  /**
   * Hashes rows at..at+starts.length-2: prefixed[starts[i] .. starts[i+1]) is 0x00 || leaf i. A buffer
   * that owns its whole memory is moved, not copied: the caller must not use it afterwards.
   */
  post(at: number, prefixed: Buffer, starts: Float64Array): void {
    const owned = prefixed.byteOffset === 0 && prefixed.byteLength === prefixed.buffer.byteLength;
    const moved =
      owned && prefixed.buffer instanceof ArrayBuffer ? [prefixed.buffer, starts.buffer] : [starts.buffer];
    this.worker.postMessage({ at, leaves: prefixed, starts }, moved as ArrayBuffer[]);
    this.posted++;
  }

  /**
   * After finish(): the interior tree levels over leaves 0..n-1 (levels[0] is `hashes` itself), when the
   * worker hashed exactly those leaves in order; null when the caller must build the tree itself.
   */
  treeLevels(n: number): Buffer[] | null {
    if (Atomics.load(this.state, 3) !== 0 || Atomics.load(this.state, 2) !== n) return null;
    const levels = [this.results.hashes.subarray(0, n * 32)];
    for (let l = 1, at = 0; Math.floor(n / 2 ** l) > 0; l++) {
      levels.push(this.tree.subarray(at * 32, (at + Math.floor(n / 2 ** l)) * 32));
      at += Math.floor(this.capacity / 2 ** l);
    }
    return levels;
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
      this.stop();
    }
  }

  stop(): void {
    void this.worker.terminate();
  }

  /** A worker, or null where threads cannot be started (the caller then hashes inline). */
  static start(results: LeafResults, capacity: number): LeafWorker | null {
    try {
      return new LeafWorker(results, capacity);
    } catch {
      return null;
    }
  }
}

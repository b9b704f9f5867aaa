/**
 * Merkle tree construction (RFC 9162 section 2.1): an incremental frontier for appends, and proof
 * generation over any source of complete-subtree hashes. Verification lives in ../bundle-verify so the
 * auditor's code path never shares generation code with ours.
 */
import { BugError } from '../../../shared/errors';
import { emptyRoot, nodeHash } from '../bundle-verify';

/** Hash of the complete subtree at `level` covering leaves [idx * 2^level, (idx + 1) * 2^level). */
export type SubtreeSource = (level: number, idx: number) => Buffer;

export interface NewNode {
  level: number;
  idx: number;
  hash: Buffer;
}

/** Largest power of two strictly less than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The compact range [0, size): one complete-subtree hash per set bit of `size`, largest first. Appending
 * a leaf merges equal-sized neighbours and yields the completed nodes so the caller can persist them.
 */
export class Frontier {
  private constructor(
    private hashes: Buffer[],
    private count: number,
  ) {}

  static empty(): Frontier {
    return new Frontier([], 0);
  }

  /** Rebuilds the frontier for `size` leaves from stored complete subtrees (O(log size) lookups). */
  static load(size: number, source: SubtreeSource): Frontier {
    const hashes: Buffer[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (start + width <= size) {
        hashes.push(source(level, start / width));
        start += width;
      }
    }
    return new Frontier(hashes, size);
  }

  get size(): number {
    return this.count;
  }

  clone(): Frontier {
    return new Frontier([...this.hashes], this.count);
  }

  append(leaf: Buffer): NewNode[] {
    const created: NewNode[] = [];
    let idx = this.count;
    let hash = leaf;
    let level = 0;
    while (idx % 2 === 1) {
      const left = this.hashes.pop();
      if (!left) throw new BugError('frontier underflow');
      hash = nodeHash(left, hash);
      idx = (idx - 1) / 2;
      level++;
      created.push({ level, idx, hash });
    }
    this.hashes.push(hash);
    this.count++;
    return created;
  }

  root(): Buffer {
    let i = this.hashes.length - 1;
    let root = this.hashes[i];
    if (!root) return emptyRoot();
    for (i--; i >= 0; i--) root = nodeHash(this.hashes[i] as Buffer, root);
    return root;
  }
}

/**
 * Hashes of arbitrary RFC 6962 subtrees [begin, end) from complete-subtree lookups. The incomplete right
 * edges repeat across every proof against the same tree size, so they are memoised per instance.
 */
export class TreeReader {
  private readonly memo = new Map<string, Buffer>();

  constructor(private readonly source: SubtreeSource) {}

  /** MTH(D[begin:end]) per RFC 9162 section 2.1.1. */
  hash(begin: number, end: number): Buffer {
    const n = end - begin;
    if (n <= 0) return emptyRoot();
    const level = Math.log2(n);
    const key = `${begin}:${end}`;
    if (Number.isInteger(level) && begin % n === 0) {
      // Upper levels are shared by the proofs of many neighbouring leaves: keep them once looked up.
      if (level < 4) return this.source(level, begin / n);
      let h = this.memo.get(key);
      if (!h) {
        h = this.source(level, begin / n);
        if (this.memo.size < 1_000_000) this.memo.set(key, h);
      }
      return h;
    }
    let h = this.memo.get(key);
    if (!h) {
      const k = splitPoint(n);
      h = nodeHash(this.hash(begin, begin + k), this.hash(begin + k, end));
      this.memo.set(key, h);
    }
    return h;
  }

  root(size: number): Buffer {
    return this.hash(0, size);
  }

  /** PATH(m, D[0:size]) per RFC 9162 section 2.1.3.1, leaf to root. */
  inclusionProof(index: number, size: number): Buffer[] {
    if (index < 0 || index >= size) throw new BugError(`inclusion index ${index} outside ${size}`);
    const path: Buffer[] = [];
    const walk = (m: number, begin: number, end: number): void => {
      const n = end - begin;
      if (n <= 1) return;
      const k = splitPoint(n);
      if (m < k) {
        walk(m, begin, begin + k);
        path.push(this.hash(begin + k, end));
      } else {
        walk(m - k, begin + k, end);
        path.push(this.hash(begin, begin + k));
      }
    };
    walk(index, 0, size);
    return path;
  }

  /** PROOF(m, D[0:n]) per RFC 9162 section 2.1.4.1. */
  consistencyProof(oldSize: number, newSize: number): Buffer[] {
    if (oldSize < 0 || oldSize > newSize) throw new BugError(`consistency ${oldSize} > ${newSize}`);
    if (oldSize === 0 || oldSize === newSize) return [];
    const proof: Buffer[] = [];
    const sub = (m: number, begin: number, end: number, complete: boolean): void => {
      const n = end - begin;
      if (m === n) {
        if (!complete) proof.push(this.hash(begin, end));
        return;
      }
      const k = splitPoint(n);
      if (m <= k) {
        sub(m, begin, begin + k, complete);
        proof.push(this.hash(begin + k, end));
      } else {
        sub(m - k, begin + k, end, false);
        proof.push(this.hash(begin, begin + k));
      }
    };
    sub(oldSize, 0, newSize, true);
    return proof;
  }
}

/** An in-memory tree over all leaf hashes: for tests, bench, and full verification. */
export class MemoryTree {
  /** levels[0] = leaf hashes; levels[l][i] = complete subtree of 2^l leaves. */
  readonly levels: Buffer[][] = [[]];

  constructor(leaves: readonly Buffer[] = []) {
    for (const leaf of leaves) this.push(leaf);
  }

  push(leaf: Buffer): void {
    (this.levels[0] as Buffer[]).push(leaf);
    let level = 0;
    let idx = (this.levels[0] as Buffer[]).length - 1;
    while (idx % 2 === 1) {
      const row = this.levels[level] as Buffer[];
      const parent = nodeHash(row[idx - 1] as Buffer, row[idx] as Buffer);
      level++;
      idx = (idx - 1) / 2;
      if (!this.levels[level]) this.levels[level] = [];
      (this.levels[level] as Buffer[])[idx] = parent;
    }
  }

  get size(): number {
    return (this.levels[0] as Buffer[]).length;
  }

  reader(): TreeReader {
    return new TreeReader((level, idx) => {
      const h = this.levels[level]?.[idx];
      if (!h) throw new BugError(`no subtree ${level}/${idx}`);
      return h;
    });
  }
}

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing and proof verification. Kept free of anything Confidant-specific
 * so an auditor can compare it line by line with RFC 9162 sections 2.1.1 and 2.1.3 to 2.1.4.
 */
import { hash } from 'node:crypto';

/** SHA-256(0x00 || leaf): RFC 6962 leaf hash. */
export function leafHash(leaf: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(leaf.length + 1);
  buf[0] = 0x00;
  buf.set(leaf, 1);
  return hash('sha256', buf, 'buffer');
}

/** SHA-256(0x01 || left || right): RFC 6962 interior node hash. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(left.length + right.length + 1);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return hash('sha256', buf, 'buffer');
}

/** Root of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(): Buffer {
  return hash('sha256', Buffer.alloc(0), 'buffer');
}

function isHash(h: Uint8Array): boolean {
  return h.length === 32;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function validSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/**
 * RFC 9162 section 2.1.3.2: recompute the root from a leaf hash and its audit path (leaf to root order)
 * and compare. Returns false for any malformed input instead of throwing.
 */
export function verifyInclusion(
  index: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(index, treeSize, leaf, proof);
  return computed !== null && sameBytes(computed, root);
}

export function rootFromInclusionProof(
  index: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer | null {
  if (!validSize(index) || !validSize(treeSize) || index >= treeSize) return null;
  if (!isHash(leaf) || !proof.every(isHash)) return null;
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/**
 * RFC 9162 section 2.1.4.2: check that the tree of size `size2` with root `root2` extends the tree of
 * size `size1` with root `root1`. An empty proof is valid only when the sizes are equal (or size1 is 0).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!validSize(size1) || !validSize(size2) || size1 > size2) return false;
  if (!isHash(root1) || !isHash(root2) || !proof.every(isHash)) return false;
  if (size1 === size2) return proof.length === 0 && sameBytes(root1, root2);
  // Every tree extends the empty tree; RFC 9162 defines no proof for it.
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = [...proof];
  // When size1 is an exact power of two the old root is itself a node on the path.
  if (isPowerOfTwo(size1)) path.unshift(root1);
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const first = path[0];
  if (!first) return false;
  let fr: Buffer = Buffer.from(first);
  let sr: Buffer = Buffer.from(first);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && sameBytes(fr, root1) && sameBytes(sr, root2);
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let m = n;
  while (m % 2 === 0) m /= 2;
  return m === 1;
}

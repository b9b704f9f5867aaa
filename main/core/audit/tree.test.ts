import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHash, verifyConsistency, verifyInclusion } from '../bundle-verify';
import { Frontier, MemoryTree } from './tree';

// Published vectors, shared with the verifier's interop test (sources noted in the fixture).
const V = JSON.parse(
  readFileSync(join(__dirname, '..', 'bundle-verify', 'fixtures', 'interop-vectors.json'), 'utf8'),
) as {
  leaves: string[];
  roots: string[];
  inclusion: Array<{ index: number; size: number; proof: string[] }>;
  consistency: Array<{ size1: number; size2: number; proof: string[] }>;
};
const leaves = V.leaves.map((h) => leafHash(Buffer.from(h, 'hex')));
const hex = (bs: Buffer[]): string[] => bs.map((b) => b.toString('hex'));

describe('Merkle tree generation against transparency-dev/merkle vectors', () => {
  it('computes every reference root, incrementally and from the frontier', () => {
    const tree = new MemoryTree();
    const frontier = Frontier.empty();
    leaves.forEach((leaf, i) => {
      tree.push(leaf);
      frontier.append(leaf);
      expect(
        tree
          .reader()
          .root(i + 1)
          .toString('hex'),
      ).toBe(V.roots[i]);
      expect(frontier.root().toString('hex')).toBe(V.roots[i]);
    });
  });

  it('generates the reference inclusion and consistency proofs exactly', () => {
    const reader = new MemoryTree(leaves).reader();
    for (const v of V.inclusion) expect(hex(reader.inclusionProof(v.index, v.size))).toEqual(v.proof);
    for (const v of V.consistency) expect(hex(reader.consistencyProof(v.size1, v.size2))).toEqual(v.proof);
  });
});

describe('Merkle tree properties', () => {
  const tree = new MemoryTree(Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`))));
  const reader = tree.reader();

  it('frontier reloaded from stored subtrees equals the incrementally built one', () => {
    const subtree = (level: number, idx: number): Buffer => tree.levels[level]![idx]!;
    for (let size = 0; size <= 300; size += 7) {
      expect(Frontier.load(size, subtree).root().equals(reader.root(size))).toBe(true);
    }
  });

  it('every generated inclusion proof verifies, and fails for any other index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (size, k) => {
        const index = k % size;
        const proof = reader.inclusionProof(index, size);
        const root = reader.root(size);
        expect(verifyInclusion(index, size, tree.levels[0]![index]!, proof, root)).toBe(true);
        if (size > 1)
          expect(verifyInclusion((index + 1) % size, size, tree.levels[0]![index]!, proof, root)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('every generated consistency proof verifies, and fails against another old root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (a, b) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const proof = reader.consistencyProof(m, n);
        expect(verifyConsistency(m, n, reader.root(m), reader.root(n), proof)).toBe(true);
        if (m > 0 && m < n)
          expect(verifyConsistency(m, n, reader.root(m - 1), reader.root(n), proof)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

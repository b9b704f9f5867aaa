import { describe, expect, it } from 'vitest';
import { leafHash, nodeHash } from '../bundle-verify';
import { assembleLeaf, leafParts } from './entry';
import { LeafWorker } from './verify-worker';

const good = (seq: number, subject: string | null, pii?: string): Buffer =>
  assembleLeaf(
    leafParts({
      ts: '2026-03-01T09:41:07.123Z',
      type: 'policy.checked',
      actor: { kind: 'agent', id: 'policy', role: 'policy_supervisor' },
      subject,
      payload: { turn: seq, verdict: 'pass', note: seq < 2 ? 'caf\u00e9 \u{1F600}' : 'plain ascii' },
      pii,
    }),
    seq,
    'ab'.repeat(32),
  );

const LEAVES: Buffer[] = [
  good(0, 'cust-1'),
  good(1, null, 'cfs1.sealed'),
  Buffer.from('not json'),
  Buffer.from('{"v":1}'),
  Buffer.from('[1,2]'),
  Buffer.from(''),
  Buffer.from([0xff, 0xfe, 0x7b]),
  Buffer.from(good(2, 'x').toString().replace('"v":1', '"v":2')),
  Buffer.from(good(3, 'x').toString().replace('policy.checked', 'policy.invented')),
  Buffer.from(good(4, 'x').toString().replace('"prev":"abab', '"prev":"ABAB')),
  Buffer.from(good(5, 'x').toString().replace('"seq":5', '"seq":5.5')),
  Buffer.from(good(6, 'x').toString().replace('"subject":"x"', '"subject":7')),
  Buffer.from(` ${good(7, 'x').toString()}\n`),
];

function run(leaves: Buffer[]): { results: ReturnType<typeof LeafWorker.allocate>; tree: Buffer[] | null } {
  const results = LeafWorker.allocate(leaves.length + 3);
  const worker = new LeafWorker(results, leaves.length + 3);
  // Batches not starting at 0, each leaf prefixed with 0x00 as verify reads them.
  const post = (at: number, batch: Buffer[]): void => {
    const starts = new Float64Array(batch.length + 1);
    let off = 0;
    batch.forEach((l, i) => {
      starts[i] = off;
      off += l.length + 1;
    });
    starts[batch.length] = off;
    worker.post(at, Buffer.concat(batch.flatMap((l) => [Buffer.from([0]), l])), starts);
  };
  post(0, leaves.slice(0, 5));
  post(5, leaves.slice(5, 7));
  post(7, leaves.slice(7));
  worker.finish();
  return { results, tree: worker.treeLevels(leaves.length) };
}

describe('verify worker', () => {
  it('hashes every leaf and builds the tree above exactly as the calling thread would', () => {
    const { results, tree } = run(LEAVES);
    LEAVES.forEach((leaf, i) => {
      const h = results.hashes.subarray(i * 32, i * 32 + 32);
      expect(h.equals(leafHash(leaf)), `hash ${i}`).toBe(true);
    });
    // The interior levels, built as batches arrived, are the RFC 6962 complete subtrees.
    let level = LEAVES.map(leafHash);
    const expected: Buffer[] = [];
    while (level.length >= 2) {
      level = Array.from({ length: Math.floor(level.length / 2) }, (_, j) =>
        nodeHash(level[2 * j] as Buffer, level[2 * j + 1] as Buffer),
      );
      expected.push(Buffer.concat(level));
    }
    expect(tree).not.toBeNull();
    expect(tree!.slice(1).map((b) => b.toString('hex'))).toEqual(expected.map((b) => b.toString('hex')));
  });
});

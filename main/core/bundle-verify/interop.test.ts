/**
 * Interop: our verifier against published vectors (sources listed in fixtures/interop-vectors.json):
 * transparency-dev/merkle (RFC 6962 hashing, inclusion, consistency), Go's sumdb/note and sumdb/tlog, and
 * the C2SP tlog-checkpoint example.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  emptyRoot,
  keyIdFor,
  leafHash,
  nodeHash,
  parseCheckpointBody,
  parseNote,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
  verifyNote,
} from '.';

interface Vectors {
  hasher: Record<string, string>;
  leaves: string[];
  roots: string[];
  inclusion: Array<{ index: number; size: number; proof: string[] }>;
  consistency: Array<{ size1: number; size2: number; proof: string[] }>;
  note: {
    peterVkey: string;
    enochVkey: string;
    text: string;
    peterSig: string;
    enochSig: string;
    badVkeys: string[];
  };
  tlogTree: { body: string; recordText: string };
  c2spCheckpoint: string;
}

const V = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'interop-vectors.json'), 'utf8')) as Vectors;
const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const root = (size: number): Buffer => hex(V.roots[size - 1] as string);
const SOME = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('RFC 6962 hashing (transparency-dev/merkle rfc6962_test.go)', () => {
  it('matches the hasher vectors', () => {
    expect(emptyRoot().toString('hex')).toBe(V.hasher.emptyRoot);
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(V.hasher.emptyLeaf);
    expect(leafHash(Buffer.from('L123456')).toString('hex')).toBe(V.hasher.leafL123456);
    expect(nodeHash(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe(V.hasher.nodeN123N456);
  });
});

describe('inclusion proofs (transparency-dev/merkle proof/verify_test.go)', () => {
  for (const v of V.inclusion) {
    it(`verifies leaf ${v.index} in tree ${v.size}, and rejects every corruption`, () => {
      const leaf = leafHash(hex(V.leaves[v.index] as string));
      const proof = v.proof.map(hex);
      const r = root(v.size);
      expect(verifyInclusion(v.index, v.size, leaf, proof, r)).toBe(true);
      const probes: Array<[number, number, Buffer, Buffer[], Buffer]> = [
        [v.index - 1, v.size, leaf, proof, r],
        [v.index + 1, v.size, leaf, proof, r],
        [v.index ^ 2, v.size, leaf, proof, r],
        [v.index, v.size * 2, leaf, proof, r],
        [v.index, Math.floor(v.size / 2), leaf, proof, r],
        [v.index, v.size, Buffer.from('WrongLeaf'), proof, r],
        [v.index, v.size, leaf, proof, emptyRoot()],
        [v.index, v.size, leaf, proof, SOME],
        [v.index, v.size, leaf, [...proof, Buffer.alloc(0)], r],
        [v.index, v.size, leaf, [...proof, r], r],
        [v.index, v.size, leaf, [Buffer.alloc(0), ...proof], r],
        [v.index, v.size, leaf, [r, ...proof], r],
      ];
      proof.forEach((_, i) => {
        const wrong = proof.map((h) => Buffer.from(h));
        (wrong[i] as Buffer)[0]! ^= 8;
        probes.push([v.index, v.size, leaf, wrong, r]);
      });
      if (proof.length > 0) probes.push([v.index, v.size, leaf, proof.slice(0, -1), r]);
      if (proof.length > 1) probes.push([v.index, v.size, leaf, [proof[0]!, SOME, ...proof.slice(1)], r]);
      for (const [i, n, l, p, rt] of probes) expect(verifyInclusion(i, n, l, p, rt)).toBe(false);
    });
  }

  it('rejects out-of-range indices and wrong hash sizes', () => {
    const h = leafHash(Buffer.from('data'));
    expect(verifyInclusion(0, 1, h, [], h)).toBe(true);
    expect(verifyInclusion(0, 1, h, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(0, 0, SOME, [], emptyRoot())).toBe(false);
    expect(verifyInclusion(1, 0, SOME, [], emptyRoot())).toBe(false);
    expect(verifyInclusion(2, 1, SOME, [], emptyRoot())).toBe(false);
    expect(verifyInclusion(-1, 1, h, [], h)).toBe(false);
    expect(verifyInclusion(Number.NaN, 1, h, [], h)).toBe(false);
  });
});

describe('consistency proofs (transparency-dev/merkle proof/verify_test.go)', () => {
  for (const v of V.consistency) {
    it(`verifies ${v.size1} -> ${v.size2}, and rejects every corruption`, () => {
      const p = v.proof.map(hex);
      const r1 = root(v.size1);
      const r2 = root(v.size2);
      expect(verifyConsistency(v.size1, v.size2, r1, r2, p)).toBe(true);
      if (p.length === 0) return;
      const probes: Array<[number, number, Buffer, Buffer, Buffer[]]> = [
        [v.size1 - 1, v.size2, r1, r2, p],
        [v.size1 + 1, v.size2, r1, r2, p],
        [v.size1 ^ 2, v.size2, r1, r2, p],
        [v.size1, v.size2 * 2, r1, r2, p],
        [v.size1, Math.floor(v.size2 / 2), r1, r2, p],
        [v.size1, v.size2, Buffer.from('WrongRoot'), r2, p],
        [v.size1, v.size2, r1, Buffer.from('WrongRoot'), p],
        [v.size1, v.size2, r2, r1, p],
        [v.size1, v.size2, r1, r2, []],
        [v.size1, v.size2, r1, r2, [...p, Buffer.alloc(0)]],
        [v.size1, v.size2, r1, r2, [...p, r1]],
        [v.size1, v.size2, r1, r2, [...p, r2]],
        [v.size1, v.size2, r1, r2, [Buffer.alloc(0), ...p]],
        [v.size1, v.size2, r1, r2, [r1, ...p]],
        [v.size1, v.size2, r1, r2, [r2, ...p]],
        [v.size1, v.size2, r1, r2, [p[0]!, ...p]],
        [v.size1, v.size2, r1, r2, p.slice(0, -1)],
      ];
      p.forEach((_, i) => {
        const wrong = p.map((h) => Buffer.from(h));
        (wrong[i] as Buffer)[0]! ^= 16;
        probes.push([v.size1, v.size2, r1, r2, wrong]);
      });
      for (const [a, b, x, y, q] of probes) expect(verifyConsistency(a, b, x, y, q)).toBe(false);
    });
  }

  it('handles the always-consistent and impossible size pairs like the reference', () => {
    const r1 = Buffer.alloc(32, 1);
    const r2 = Buffer.alloc(32, 2);
    expect(verifyConsistency(0, 0, r1, r1, [])).toBe(true);
    expect(verifyConsistency(0, 1, r1, r2, [])).toBe(true);
    expect(verifyConsistency(1, 1, r2, r2, [])).toBe(true);
    expect(verifyConsistency(0, 0, r1, r2, [])).toBe(false);
    expect(verifyConsistency(1, 1, r1, r2, [])).toBe(false);
    expect(verifyConsistency(1, 0, r1, r2, [])).toBe(false);
    expect(verifyConsistency(2, 1, r1, r2, [])).toBe(false);
    expect(verifyConsistency(1, 2, r1, r2, [])).toBe(false);
    expect(verifyConsistency(0, 1, emptyRoot(), emptyRoot(), [emptyRoot()])).toBe(false);
    expect(verifyConsistency(1, 1, emptyRoot(), emptyRoot(), [emptyRoot()])).toBe(false);
  });
});

describe('C2SP signed notes (golang.org/x/mod sumdb/note note_test.go)', () => {
  const { note } = V;

  it('parses the published verifier keys and recomputes their key ids', () => {
    const peter = parseVerifierKey(note.peterVkey);
    expect(peter).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(keyIdFor('PeterNeumann', peter!.publicKey)).toBe(0xc74f20a3);
    expect(parseVerifierKey(note.enochVkey)).toMatchObject({ name: 'EnochRoot', keyId: 0xaf0cfe78 });
  });

  it('rejects every substring and every one-byte mangling of a key, as Go does', () => {
    const b = Buffer.from(note.peterVkey);
    for (let i = 0; i <= b.length; i++)
      for (let j = i + 1; j <= b.length; j++)
        if (i !== 0 || j !== b.length) expect(parseVerifierKey(b.subarray(i, j).toString())).toBeNull();
    for (let i = 0; i < b.length; i++) {
      const m = Buffer.from(b);
      m[i]! += 1;
      expect(parseVerifierKey(m.toString('latin1'))).toBeNull();
    }
    for (const bad of note.badVkeys) expect(parseVerifierKey(bad)).toBeNull();
  });

  it('opens a note signed by Go: verifies known keys, ignores unknown ones', () => {
    const peter = parseVerifierKey(note.peterVkey)!;
    const enoch = parseVerifierKey(note.enochVkey)!;
    const msg = `${note.text}\n${note.peterSig}${note.enochSig}`;
    const one = verifyNote(msg, [peter])!;
    expect(one.body).toBe(note.text);
    expect(one.verified.map((k) => k.name)).toEqual(['PeterNeumann']);
    expect(one.unknown).toEqual([{ name: 'EnochRoot', keyId: 0xaf0cfe78 }]);
    const both = verifyNote(msg, [peter, enoch])!;
    expect(both.verified.map((k) => k.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(both.failed).toEqual([]);
    // A modified signature under a known key is a failure, not an unknown.
    const tampered = `${note.text}\n${note.peterSig.slice(0, 60)}ABCD${note.peterSig.slice(60)}`;
    expect(verifyNote(tampered, [peter])!.failed.map((k) => k.name)).toEqual(['PeterNeumann']);
  });

  it('rejects malformed notes the way Go does', () => {
    const bad = [
      note.text,
      `${note.text}\n`,
      `${note.text}\n${note.peterSig.slice(0, -1)}`,
      `\u0001${note.text}\n${note.peterSig}`,
      `${note.text}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${note.text}\n${note.peterSig}Unexpected line.\n`,
      `${note.text}\n${note.peterSig.repeat(101)}`,
    ];
    for (const msg of bad) expect(parseNote(msg)).toBeNull();
  });
});

describe('checkpoints (C2SP tlog-checkpoint, sumdb/tlog)', () => {
  it('parses the go.sum tree body and its RecordHash root', () => {
    const cp = parseCheckpointBody(V.tlogTree.body)!;
    expect(cp).toMatchObject({ origin: 'go.sum database tree', size: 123456789012, extensions: [] });
    expect(cp.root.equals(leafHash(Buffer.from(V.tlogTree.recordText)))).toBe(true);
    expect(parseCheckpointBody(`not-${V.tlogTree.body}`)?.origin).toBe('not-go.sum database tree');
    expect(parseCheckpointBody(V.tlogTree.body.replace('123456789012', '0xabcdef'))).toBeNull();
    expect(parseCheckpointBody(V.tlogTree.body.replace('Bb0=', 'BTOOBIG='))).toBeNull();
    expect(parseCheckpointBody(V.tlogTree.body.replace('123456789012', '0123'))).toBeNull();
  });

  it('parses the C2SP spec example note and checkpoint', () => {
    const n = parseNote(V.c2spCheckpoint)!;
    expect(n.signatures).toHaveLength(1);
    expect(n.signatures[0]).toMatchObject({ name: 'example.com/behind-the-sofa' });
    expect(n.signatures[0]!.signature).toHaveLength(64);
    const cp = parseCheckpointBody(n.body)!;
    expect(cp).toMatchObject({ origin: 'example.com/behind-the-sofa', size: 20852163 });
    expect(cp.root.toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    // We do not hold that log's key: the signature is unknown, never "verified".
    expect(verifyNote(V.c2spCheckpoint, [])!.unknown).toHaveLength(1);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVerifierKey, verifyNote } from '../bundle-verify';
import { cosignNote, exportSignerKey, generateSigner, parseSignerKey, signNote } from './signer';

const V = JSON.parse(
  readFileSync(join(__dirname, '..', 'bundle-verify', 'fixtures', 'interop-vectors.json'), 'utf8'),
) as { note: { peterSkey: string; peterVkey: string; enochVkey: string; text: string; peterSig: string } };

describe('signed-note signing (interop with golang.org/x/mod/sumdb/note)', () => {
  it("reproduces Go's TestSign output byte for byte from the published private key", () => {
    const signer = parseSignerKey(V.note.peterSkey);
    expect(signer.vkey).toBe(V.note.peterVkey);
    expect(signNote(V.note.text, [signer])).toBe(`${V.note.text}\n${V.note.peterSig}`);
  });

  it('rejects mangled private keys', () => {
    const skey = V.note.peterSkey;
    for (let i = 0; i < skey.length; i += 3) {
      const mangled = `${skey.slice(0, i)}${String.fromCharCode(skey.charCodeAt(i) + 1)}${skey.slice(i + 1)}`;
      expect(() => parseSignerKey(mangled)).toThrow();
    }
    expect(() => parseSignerKey(skey.slice(0, -4))).toThrow();
  });

  it('round-trips a generated key through the Go text format and co-signs', () => {
    const { signer, pkcs8 } = generateSigner('desk.example/log');
    const again = parseSignerKey(exportSignerKey('desk.example/log', pkcs8));
    expect(again.vkey).toBe(signer.vkey);
    const body = 'desk.example/log\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const witness = generateSigner('witness.example').signer;
    const note = cosignNote(signNote(body, [signer]), body, witness);
    const check = verifyNote(note, [parseVerifierKey(signer.vkey)!, parseVerifierKey(witness.vkey)!])!;
    expect(check.verified.map((k) => k.name)).toEqual(['desk.example/log', 'witness.example']);
    expect(() => signNote('no newline', [signer])).toThrow();
    expect(() => generateSigner('bad name')).toThrow();
  });
});

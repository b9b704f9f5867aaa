import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_ENTRY_TYPES, type JsonValue } from './types';
import { assembleLeaf, decodeLeaf, encodeLeaf, leafParts, type LeafEntry } from './entry';

const text = fc.string({ unit: 'binary', maxLength: 20 });
const entryArb = fc.record({
  ts: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
  type: fc.constantFrom(...AUDIT_ENTRY_TYPES),
  subject: fc.option(
    text.filter((s) => s.length > 0),
    { nil: null },
  ),
  actor: fc.record({ kind: fc.constantFrom('user', 'agent', 'system' as const), id: text, role: text }),
  payload: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>, { maxKeys: 6 }),
  pii: fc.option(text, { nil: undefined }),
});

describe('leaf encoding', () => {
  it('assembleLeaf writes exactly the RFC 8785 bytes of the entry, which decode back', () => {
    fc.assert(
      fc.property(entryArb, fc.nat(), fc.uint8Array({ minLength: 32, maxLength: 32 }), (e, seq, prev) => {
        const prevHex = Buffer.from(prev).toString('hex');
        const full: LeafEntry = { v: 1, seq, prev: prevHex, ...e, pii: e.pii };
        if (full.pii === undefined) delete full.pii;
        const assembled = assembleLeaf(leafParts(e), seq, prevHex);
        expect(assembled.toString('utf8')).toBe(encodeLeaf(full).toString('utf8'));
        const decoded = decodeLeaf(assembled);
        expect(decoded).toMatchObject({ seq, prev: prevHex, type: e.type, subject: e.subject });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses lone surrogates and decodes garbage to null', () => {
    expect(() =>
      assembleLeaf(
        leafParts({
          ts: 'x',
          type: 'degradation',
          subject: '\uD800',
          actor: { kind: 'system', id: 'a', role: 'b' },
          payload: {},
        }),
        0,
        '00',
      ),
    ).toThrow();
    expect(decodeLeaf(Buffer.from('not json'))).toBeNull();
    expect(decodeLeaf(Buffer.from('{"v":1}'))).toBeNull();
    expect(decodeLeaf(Buffer.from('[1,2]'))).toBeNull();
  });
});

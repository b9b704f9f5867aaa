/**
 * Structure-aware fuzzing: real bundles taken apart into members, mutated the way a forger or a broken
 * tool would (names, types, links, sizes, order, duplicates, entry lines, gzip, trailing data) and
 * rebuilt. The verifier must never throw, and must accept exactly the bundles whose members are the
 * originals (in any order). CONFIDANT_FUZZ_RUNS raises the run count (default 10,000, about 11 s here).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../audit';
import { openStore } from '../store';
import { buildTar, membersOf, type MemberSpec } from '../../test-support';
import { readTar, verifyBundle } from '.';

const RUNS = Number(process.env.CONFIDANT_FUZZ_RUNS ?? 10_000);
const root = mkdtempSync(join(tmpdir(), 'confidant-'));
let original: MemberSpec[] = [];

beforeAll(async () => {
  const store = openStore({ dataDir: join(root, 'desk'), passphrase: 'fuzz', create: true });
  const ledger = openLedger(store, { checkpointEvery: 0 });
  for (let i = 0; i < 6; i++)
    ledger.append({
      type: 'turn.received',
      actor: { kind: 'agent', id: 'dm', role: 'dm' },
      subject: `s${i % 2}`,
      payload: { i },
    });
  await ledger.exportBundle({ out: join(root, 'a.tar') });
  await ledger.exportBundle({ out: join(root, 'b.tar') }); // has consistency.json
  ledger.close();
  store.close();
  original = membersOf((await readTar(readFileSync(join(root, 'b.tar')))).files);
  expect((await verifyBundle(buildTar(original))).ok).toBe(true);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Op =
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'drop'; i: number }
  | { kind: 'duplicate'; i: number }
  | { kind: 'rename'; i: number; how: 'dot' | 'dotdot' | 'abs' | 'slashes' | 'upper' | 'dir' | 'other' }
  | { kind: 'type'; i: number; type: string; link: string }
  | { kind: 'truncate'; i: number; at: number }
  | { kind: 'flip'; i: number; at: number; delta: number }
  | { kind: 'lines'; how: 'drop' | 'dup' | 'swap' | 'seq' | 'proof' | 'garbage'; at: number }
  | { kind: 'add'; name: string; size: number };

const index = fc.nat({ max: 20 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('swap' as const), a: index, b: index }),
  fc.record({ kind: fc.constant('drop' as const), i: index }),
  fc.record({ kind: fc.constant('duplicate' as const), i: index }),
  fc.record({
    kind: fc.constant('rename' as const),
    i: index,
    how: fc.constantFrom('dot', 'dotdot', 'abs', 'slashes', 'upper', 'dir', 'other' as const),
  }),
  fc.record({
    kind: fc.constant('type' as const),
    i: index,
    type: fc.constantFrom('1', '2', '3', '4', '5', '6', '7', 'g', 'L', 'S', 'V'),
    link: fc.constantFrom('entries.jsonl', '/etc/passwd', '../x', ''),
  }),
  fc.record({ kind: fc.constant('truncate' as const), i: index, at: fc.nat({ max: 4000 }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    i: index,
    at: fc.nat({ max: 4000 }),
    delta: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('lines' as const),
    how: fc.constantFrom('drop', 'dup', 'swap', 'seq', 'proof', 'garbage' as const),
    at: fc.nat({ max: 20 }),
  }),
  fc.record({
    kind: fc.constant('add' as const),
    name: fc.constantFrom('x', 'keys/extra.vkey', 'entries.jsonl.bak', 'a/b/c', 'consistency.json'),
    size: fc.nat({ max: 600 }),
  }),
);

function rename(name: string, how: Extract<Op, { kind: 'rename' }>['how']): string {
  switch (how) {
    case 'dot':
      return `./${name}`;
    case 'dotdot':
      return `../${name}`;
    case 'abs':
      return `/${name}`;
    case 'slashes':
      return name.includes('/') ? name.replace('/', '//') : `.//${name}`;
    case 'upper':
      return name.toUpperCase();
    case 'dir':
      return `${name}/`;
    case 'other':
      return `${name}~`;
  }
}

function mutateLines(data: Buffer, how: Extract<Op, { kind: 'lines' }>['how'], at: number): Buffer {
  const lines = data.toString().trimEnd().split('\n');
  const i = at % lines.length;
  let rec: { seq: number; proof: string[] };
  try {
    rec = JSON.parse(lines[i]!) as typeof rec;
  } catch {
    rec = { seq: 0, proof: [] };
  }
  if (!Array.isArray(rec.proof)) rec.proof = [];
  if (how === 'drop') lines.splice(i, 1);
  else if (how === 'dup') lines.splice(i, 0, lines[i]!);
  else if (how === 'swap') lines.splice(i, 2, ...(lines.slice(i, i + 2).reverse() as string[]));
  else if (how === 'seq') lines[i] = JSON.stringify({ ...rec, seq: rec.seq + 1 });
  else if (how === 'proof') lines[i] = JSON.stringify({ ...rec, proof: rec.proof.slice(1) });
  else lines[i] = '{"seq":';
  return Buffer.from(`${lines.join('\n')}\n`);
}

function apply(members: MemberSpec[], o: Op): MemberSpec[] {
  const out = members.map((m) => ({ ...m }));
  const at = (i: number): number => i % Math.max(out.length, 1);
  if (out.length === 0 && o.kind !== 'add') return out;
  switch (o.kind) {
    case 'swap': {
      const [a, b] = [at(o.a), at(o.b)];
      [out[a], out[b]] = [out[b]!, out[a]!];
      return out;
    }
    case 'drop':
      out.splice(at(o.i), 1);
      return out;
    case 'duplicate':
      out.push({ ...out[at(o.i)]! });
      return out;
    case 'rename':
      out[at(o.i)]!.name = rename(out[at(o.i)]!.name, o.how);
      return out;
    case 'type':
      out[at(o.i)] = { name: out[at(o.i)]!.name, type: o.type, linkname: o.link };
      return out;
    case 'truncate': {
      const m = out[at(o.i)]!;
      m.data = (m.data ?? Buffer.alloc(0)).subarray(0, o.at % ((m.data?.length ?? 0) + 1));
      return out;
    }
    case 'flip': {
      const m = out[at(o.i)]!;
      if (!m.data?.length) return out;
      m.data = Buffer.from(m.data);
      m.data[o.at % m.data.length] = (m.data[o.at % m.data.length]! + o.delta) & 0xff;
      return out;
    }
    case 'lines': {
      const m = out.find((x) => x.name === 'entries.jsonl' && x.data?.length);
      if (m) m.data = mutateLines(m.data!, o.how, o.at);
      return out;
    }
    case 'add':
      out.push({ name: o.name, data: Buffer.alloc(o.size, 0x61) });
      return out;
  }
}

/** Same members as the original, in any order, all regular files. */
function sameAsOriginal(members: MemberSpec[]): boolean {
  const key = (m: MemberSpec): string =>
    `${m.type ?? '0'}|${m.name}|${(m.data ?? Buffer.alloc(0)).toString('base64')}`;
  const a = members.map(key).sort();
  const b = original.map(key).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

describe(`bundle verifier, structure-aware fuzzing (${RUNS} runs)`, () => {
  it('never throws, and accepts exactly the untouched member set', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom('none', 'zeros', 'data'),
        async (ops, gzip, tail) => {
          let members = original;
          for (const o of ops) members = apply(members, o);
          let tar = buildTar(members);
          if (tail === 'zeros') tar = Buffer.concat([tar, Buffer.alloc(10_240)]);
          if (tail === 'data') tar = Buffer.concat([tar, Buffer.from('entries.jsonl')]);
          const r = await verifyBundle(gzip ? gzipSync(tar) : tar);
          expect(typeof r.ok).toBe('boolean');
          expect(r.ok).toBe(r.problems.length === 0);
          expect(r.problems.every((p) => typeof p === 'string' && p.length < 400)).toBe(true);
          expect(r.ok).toBe(sameAsOriginal(members) && tail !== 'data');
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});

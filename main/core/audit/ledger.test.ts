import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseCheckpointBody,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
  leafHash,
} from '../bundle-verify';
import { openStore, type Store } from '../store';
import { cosignNote, generateSigner, openLedger, decodeLeaf, type AuditAppend } from '.';

const PASS = 'ledger-test-passphrase';
const root = mkdtempSync(join(tmpdir(), 'confidant-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function freshStore(): Store {
  return openStore({ dataDir: join(root, `s${n++}`), passphrase: PASS, create: true });
}
const agent = { kind: 'agent', id: 'dialogue', role: 'dialogue_manager' } as const;
const entry = (i: number, extra: Partial<AuditAppend> = {}): AuditAppend => ({
  type: 'policy.checked',
  actor: agent,
  subject: `subj-${i % 3}`,
  payload: { rule: `r${i}`, verdict: 'pass', score: i / 10 },
  ...extra,
});

describe('audit ledger: append path', () => {
  it('chains entries, keeps a Merkle tree whose proofs verify, and survives reopening', () => {
    const store = freshStore();
    const ledger = openLedger(store, { checkpointEvery: 0 });
    const results = Array.from({ length: 25 }, (_, i) => ledger.append(entry(i)));
    expect(results.map((r) => r.seq)).toEqual([...Array(25).keys()]);
    const rootBefore = ledger.root();
    ledger.close();

    const reopened = openLedger(store, { checkpointEvery: 0 });
    expect(reopened.size()).toBe(25);
    expect(reopened.root()).toBe(rootBefore);
    reopened.append(entry(25));
    const rows = store.db
      .prepare<[], { seq: number; leaf: Buffer; prev_hash: Buffer; entry_hash: Buffer }>(
        'SELECT seq, leaf, prev_hash, entry_hash FROM audit_entries ORDER BY seq',
      )
      .all();
    let prev: Buffer = Buffer.alloc(32);
    for (const row of rows) {
      const decoded = decodeLeaf(row.leaf)!;
      expect(decoded.seq).toBe(row.seq);
      expect(decoded.prev).toBe(prev.toString('hex'));
      expect(leafHash(row.leaf).equals(row.entry_hash)).toBe(true);
      prev = row.entry_hash;
    }
    const r = Buffer.from(reopened.root(), 'base64');
    for (const seq of [0, 7, 25]) {
      const proof = reopened.inclusionProof(seq).map((p) => Buffer.from(p, 'base64'));
      expect(verifyInclusion(seq, 26, rows[seq]!.entry_hash, proof, r)).toBe(true);
    }
    const cons = reopened.consistencyProof(13).map((p) => Buffer.from(p, 'base64'));
    expect(verifyConsistency(13, 26, Buffer.from(reopened.root(13), 'base64'), r, cons)).toBe(true);
    expect(reopened.verify()).toMatchObject({ ok: true, entries: 26, firstBad: null });
    reopened.close();
    store.close();
  });

  it('appendMany writes a batch in one go, chained like single appends; an invalid entry rejects the batch', () => {
    const store = freshStore();
    const ledger = openLedger(store, { checkpointEvery: 0 });
    ledger.append(entry(0));
    const batch = ledger.appendMany([entry(1), entry(2), entry(3)]);
    expect(batch.map((r) => r.seq)).toEqual([1, 2, 3]);
    const head = store.db
      .prepare<[], { entry_hash: Buffer }>('SELECT entry_hash FROM audit_entries ORDER BY seq DESC LIMIT 1')
      .get();
    expect(batch[2]?.entryHash).toBe(head?.entry_hash.toString('hex'));
    expect(() => ledger.appendMany([entry(4), { ...entry(5), type: 'nope' as never }])).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(ledger.size()).toBe(4);
    expect(ledger.appendMany([])).toEqual([]);
    expect(ledger.append(entry(6)).seq).toBe(4);
    // A batch inside the caller's transaction rolls back with it, and the next append re-chains.
    expect(() =>
      store.db.transaction(() => {
        ledger.appendMany([entry(7), entry(8)]);
        throw new Error('node failed');
      })(),
    ).toThrow('node failed');
    expect(ledger.appendMany([entry(9)]).map((r) => r.seq)).toEqual([5]);
    expect(ledger.verify().ok).toBe(true);
    ledger.close();
    store.close();
  });

  it('rejects malformed appends with VALIDATION and writes nothing', () => {
    const store = freshStore();
    const ledger = openLedger(store);
    const bad: unknown[] = [
      { ...entry(0), type: 'made.up' },
      { ...entry(0), actor: { kind: 'robot', id: 'x', role: 'y' } },
      { ...entry(0), payload: [1, 2] },
      { ...entry(0), payload: { x: Number.NaN } },
      { ...entry(0), subject: null, pii: { name: 'x' } },
      { ...entry(0), subject: '' },
    ];
    for (const b of bad)
      expect(() => ledger.append(b as AuditAppend)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(ledger.size()).toBe(0);
    expect(store.db.prepare('SELECT COUNT(*) FROM audit_entries').pluck().get()).toBe(0);
    ledger.close();
    store.close();
  });

  it('seals PII under the subject key: no plaintext in the entry, the DB or WAL; shredding keeps the chain valid', () => {
    const store = freshStore();
    const ledger = openLedger(store);
    const canary = 'Zebediah Quarrington-Canary 07700 900123';
    ledger.append({ ...entry(1), subject: 'cust-9', pii: { name: canary } });
    ledger.append(entry(2));
    const leaf = store.db.prepare('SELECT leaf FROM audit_entries WHERE seq = 0').pluck().get() as Buffer;
    expect(leaf.toString('utf8')).not.toContain('Zebediah');
    const sealed = decodeLeaf(leaf)!.pii!;
    expect(JSON.parse(store.cipher.open('cust-9', sealed)!)).toEqual({ name: canary });
    ledger.flush();
    for (const f of readdirSync(store.dataDir)) {
      expect(readFileSync(join(store.dataDir, f)).includes(Buffer.from('Zebediah'))).toBe(false);
    }
    store.cipher.shred('cust-9');
    expect(store.cipher.open('cust-9', sealed)).toBeNull();
    // An erased subject's later events are still recorded, without PII.
    ledger.append({ ...entry(3), subject: 'cust-9', pii: { name: canary } });
    expect(
      decodeLeaf(store.db.prepare('SELECT leaf FROM audit_entries WHERE seq = 2').pluck().get() as Buffer)!
        .pii,
    ).toBeUndefined();
    expect(ledger.verify().ok).toBe(true);
    ledger.close();
    store.close();
  });

  it('group commit buffers, then makes everything durable within the bound', async () => {
    const store = freshStore();
    const ledger = openLedger(store, { groupCommitMs: 20, checkpointEvery: 0 });
    const count = () => store.db.prepare('SELECT COUNT(*) FROM audit_entries').pluck().get() as number;
    for (let i = 0; i < 50; i++) expect(ledger.append(entry(i)).seq).toBe(i);
    expect(count()).toBe(0);
    expect(ledger.size()).toBe(50);
    await new Promise((r) => setTimeout(r, 80));
    expect(count()).toBe(50);
    ledger.append(entry(50));
    ledger.flush();
    expect(count()).toBe(51);
    expect(ledger.verify().ok).toBe(true);
    ledger.close();
    store.close();
  });

  it('two connections appending in turn never fork: the stale one re-chains onto the new head', () => {
    const store = freshStore();
    const other = openStore({ dataDir: store.dataDir, passphrase: PASS });
    const a = openLedger(store, { checkpointEvery: 0 });
    const b = openLedger(other, { checkpointEvery: 0 });
    const seqs: number[] = [];
    for (let i = 0; i < 10; i++) {
      seqs.push(a.append(entry(i)).seq);
      seqs.push(b.append(entry(100 + i)).seq);
    }
    expect(seqs).toEqual([...Array(20).keys()]);
    expect(a.verify()).toMatchObject({ ok: true, entries: 20 });
    // The schema itself refuses a forked insert even if a writer bypassed the ledger.
    expect(() =>
      store.db
        .prepare(
          'INSERT INTO audit_entries (seq, ts, type, subject, leaf, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(20, 't', 'degradation', null, Buffer.from('{}'), Buffer.alloc(32, 7), Buffer.alloc(32, 1)),
    ).toThrow(/prev_hash/);
    expect(() => store.db.prepare('UPDATE audit_entries SET ts = ? WHERE seq = 1').run('x')).toThrow(
      /append-only/,
    );
    expect(() => store.db.prepare('DELETE FROM audit_entries WHERE seq = 19').run()).toThrow(/append-only/);
    a.close();
    b.close();
    other.close();
    store.close();
  });

  it('two real processes appending concurrently produce one valid chain', async () => {
    const store = freshStore();
    const ledger = openLedger(store, { checkpointEvery: 0 });
    ledger.append(entry(0));
    ledger.close();
    store.close();
    const script = join(root, 'appender.mts');
    const storeUrl = new URL('../store/index.ts', import.meta.url).href;
    const auditUrl = new URL('./index.ts', import.meta.url).href;
    writeFileSync(
      script,
      `import { openStore } from ${JSON.stringify(storeUrl)};
import { openLedger } from ${JSON.stringify(auditUrl)};
const store = openStore({ dataDir: process.argv[2], passphrase: ${JSON.stringify(PASS)} });
store.db.pragma('busy_timeout = 10000');
const l = openLedger(store, { checkpointEvery: 0 });
for (let i = 0; i < 60; i++) l.append({ type: 'degradation', actor: { kind: 'system', id: process.argv[3], role: 'test' }, payload: { i } });
l.close(); store.close();
`,
    );
    const run = (id: string) =>
      new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, store.dataDir, id], {
          stdio: 'inherit',
        });
        child.on('error', reject);
        child.on('close', resolve);
      });
    expect(await Promise.all([run('p1'), run('p2')])).toEqual([0, 0]);
    const again = openStore({ dataDir: store.dataDir, passphrase: PASS });
    const check = openLedger(again, { checkpointEvery: 0 });
    expect(check.verify()).toMatchObject({ ok: true, entries: 121 });
    check.close();
    again.close();
  });
});

describe('audit ledger: checkpoints and witnesses', () => {
  it('signs C2SP checkpoints periodically and on demand, each consistent with the last', () => {
    const store = freshStore();
    const ledger = openLedger(store, { checkpointEvery: 10, origin: 'branch-42.example/audit' });
    for (let i = 0; i < 35; i++) ledger.append(entry(i));
    const cps = ledger.checkpoints();
    expect(cps.map((c) => c.size)).toEqual([10, 20, 30]);
    const latest = ledger.checkpoint();
    expect(latest.size).toBe(35);
    expect(ledger.checkpoint().id).toBe(latest.id); // nothing new: same checkpoint
    const vkey = parseVerifierKey(ledger.deskVerifierKey())!;
    expect(vkey.name).toBe('branch-42.example/audit');
    const check = verifyNote(latest.note, [vkey]);
    expect(check?.verified).toHaveLength(1);
    const body = parseCheckpointBody(check!.body)!;
    expect(body).toMatchObject({ origin: 'branch-42.example/audit', size: 35 });
    expect(body.root.toString('base64')).toBe(ledger.root());
    ledger.close();
    expect(() => openLedger(store, { origin: 'another-name' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    store.close();
  });

  it('accepts a witness co-signature only when both signatures verify, and verify() checks it', () => {
    const store = freshStore();
    const ledger = openLedger(store, { checkpointEvery: 0 });
    for (let i = 0; i < 5; i++) ledger.append(entry(i));
    const cp = ledger.checkpoint();
    const body = cp.note.slice(0, cp.note.indexOf('\n\n') + 1);
    const witness = generateSigner('supervisor-desk.example').signer;
    const stranger = generateSigner('supervisor-desk.example').signer;
    expect(() => ledger.addCosignature(cosignNote(cp.note, body, stranger), witness.vkey)).toThrow(/witness/);
    const otherBody = body.replace('\n5\n', '\n4\n');
    expect(() =>
      ledger.addCosignature(cosignNote(cp.note.replace(body, otherBody), otherBody, witness), witness.vkey),
    ).toThrow();
    const merged = ledger.addCosignature(cosignNote(cp.note, body, witness), witness.vkey);
    expect(merged.note.split('\n\u2014 ')).toHaveLength(3);
    expect(ledger.verify().ok).toBe(true);
    // A corrupted witness line is a forged checkpoint.
    store.db
      .prepare('UPDATE audit_checkpoints SET note = ? WHERE id = ?')
      // The character is changed, never rewritten to itself (a signature holds an 'A' one time in 64).
      .run(
        merged.note.replace(
          /(supervisor-desk\.example \S{10})(\S)/,
          (_, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'),
        ),
        merged.id,
      );
    expect(ledger.verify().firstBad).toEqual({ seq: 4, problem: 'forged_checkpoint' });
    ledger.close();
    store.close();
  });
});

import { verifyNote } from '../bundle-verify';

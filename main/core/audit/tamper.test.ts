/**
 * Tamper tests: each damage kind is made by editing the SQLite file with raw SQL on a separate connection
 * (the ledger code is not involved; its append-only triggers are dropped first, as an attacker would), and
 * verify() must name the right kind and the right seq.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leafHash } from '../bundle-verify';
import { openStore, type Database } from '../store';
import { decodeLeaf, encodeLeaf, GENESIS_PREV } from './entry';
import { openLedger, type VerifyOptions, type VerifyReport } from '.';
import { generateSigner, signNote, signerFromPkcs8 } from './signer';
import { MemoryTree } from './tree';
import { formatCheckpointBody } from '../bundle-verify';

const PASS = 'tamper-test-passphrase';
const root = mkdtempSync(join(tmpdir(), 'confidant-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A ledger of 40 entries with signed checkpoints at 10, 20, 30 and 40 (built once, copied per test). */
let pristine: { dir: string; exported: string } | null = null;
function build(): { dir: string; exported: string } {
  pristine ??= buildOnce();
  const dir = join(root, `t${n++}`);
  cpSync(pristine.dir, dir, { recursive: true });
  return { dir, exported: pristine.exported };
}

function buildOnce(): { dir: string; exported: string } {
  const dir = join(root, 'pristine');
  const store = openStore({ dataDir: dir, passphrase: PASS, create: true });
  const ledger = openLedger(store, { checkpointEvery: 10 });
  for (let i = 0; i < 40; i++) {
    ledger.append({
      type: 'policy.checked',
      actor: { kind: 'agent', id: 'policy', role: 'policy_supervisor' },
      subject: `subj-${i % 4}`,
      payload: { rule: `rule-${i}`, verdict: 'pass' },
    });
  }
  const exported = ledger.checkpoints()[0]!.note; // what an auditor kept from an earlier bundle
  ledger.close();
  store.close();
  return { dir, exported };
}

/** Raw SQL on the file, as an attacker holding the passphrase would do it. */
function tamper(dir: string, edit: (db: Database) => void): void {
  const store = openStore({ dataDir: dir, passphrase: PASS });
  for (const t of [
    'audit_entries_extend_chain',
    'audit_entries_no_update',
    'audit_entries_no_delete',
    'audit_nodes_no_update',
    'audit_nodes_no_delete',
  ])
    store.db.exec(`DROP TRIGGER IF EXISTS ${t}`);
  store.db.transaction(() => edit(store.db))();
  store.close();
}

/** The thorough attacker also replaces the checkpoint kept outside the database with a re-signed one. */
function forgeHeads(dir: string): void {
  const store = openStore({ dataDir: dir, passphrase: PASS });
  const key = store.db
    .prepare<[], { name: string; skey: Buffer }>("SELECT name, skey FROM audit_keys WHERE role = 'desk'")
    .get()!;
  const last = store.db
    .prepare<[], { size: number; root: Buffer }>(
      'SELECT size, root FROM audit_checkpoints ORDER BY size DESC LIMIT 1',
    )
    .get()!;
  const note = signNote(formatCheckpointBody(key.name, last.size, last.root), [
    signerFromPkcs8(key.name, key.skey),
  ]);
  store.recordLedgerHead(note, { keyFile: true });
  store.close();
}

function verify(dir: string, options?: VerifyOptions): VerifyReport {
  const store = openStore({ dataDir: dir, passphrase: PASS });
  // As `audit verify` opens it: a ledger behind its outside checkpoint is reported, not refused.
  const ledger = openLedger(store, { checkpointEvery: 0, rollbackCheck: 'report' });
  const report = ledger.verify(options);
  ledger.close();
  store.close();
  return report;
}

const row = (db: Database, seq: number) =>
  db
    .prepare<[number], { leaf: Buffer; prev_hash: Buffer; entry_hash: Buffer }>(
      'SELECT leaf, prev_hash, entry_hash FROM audit_entries WHERE seq = ?',
    )
    .get(seq)!;

describe('tamper detection', () => {
  it('an untouched ledger verifies', () => {
    const { dir } = build();
    expect(verify(dir)).toEqual({ ok: true, entries: 40, checkpoints: 4, firstBad: null, problems: [] });
  });

  it('edited payload (bytes changed, hash left alone)', () => {
    const { dir } = build();
    tamper(dir, (db) => {
      const leaf = row(db, 17).leaf.toString().replace('"verdict":"pass"', '"verdict":"fail"');
      db.prepare('UPDATE audit_entries SET leaf = ? WHERE seq = 17').run(Buffer.from(leaf));
    });
    expect(verify(dir).firstBad).toEqual({ seq: 17, problem: 'edited_payload' });
  });

  it('edited payload with its own hash recomputed', () => {
    const { dir } = build();
    tamper(dir, (db) => {
      const leaf = Buffer.from(row(db, 17).leaf.toString().replace('"verdict":"pass"', '"verdict":"fail"'));
      db.prepare('UPDATE audit_entries SET leaf = ?, entry_hash = ? WHERE seq = 17').run(
        leaf,
        leafHash(leaf),
      );
    });
    expect(verify(dir).firstBad).toEqual({ seq: 17, problem: 'edited_payload' });
  });

  it('deleted entry (gap left)', () => {
    const { dir } = build();
    tamper(dir, (db) => db.prepare('DELETE FROM audit_entries WHERE seq = 23').run());
    expect(verify(dir).firstBad).toEqual({ seq: 23, problem: 'deleted_entry' });
  });

  it('deleted entry with later entries renumbered to close the gap', () => {
    const { dir } = build();
    tamper(dir, (db) => {
      db.prepare('DELETE FROM audit_entries WHERE seq = 23').run();
      // One row at a time, in order, so the primary key never collides.
      for (let seq = 24; seq < 40; seq++)
        db.prepare('UPDATE audit_entries SET seq = ? WHERE seq = ?').run(seq - 1, seq);
    });
    expect(verify(dir).firstBad).toEqual({ seq: 23, problem: 'deleted_entry' });
  });

  it('reordered entries (two rows swapped)', () => {
    const { dir } = build();
    tamper(dir, (db) => {
      const a = row(db, 5);
      const b = row(db, 9);
      const set = db.prepare(
        'UPDATE audit_entries SET leaf = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?',
      );
      set.run(b.leaf, b.prev_hash, b.entry_hash, 5);
      set.run(a.leaf, a.prev_hash, a.entry_hash, 9);
    });
    expect(verify(dir).firstBad).toEqual({ seq: 5, problem: 'reordered_entries' });
  });

  it('truncated tail (last entries and their tree nodes removed)', () => {
    const { dir } = build();
    tamper(dir, (db) => {
      db.prepare('DELETE FROM audit_entries WHERE seq >= 35').run();
      db.prepare('DELETE FROM audit_nodes WHERE (idx + 1) * (1 << level) > 35').run();
    });
    expect(verify(dir).firstBad).toEqual({ seq: 35, problem: 'truncated_tail' });
  });

  it('forged checkpoint (root changed under the old signature, or signed by another key)', () => {
    const { dir } = build();
    tamper(dir, (db) => {
      const cp = db
        .prepare<[], { id: number; note: string }>('SELECT id, note FROM audit_checkpoints WHERE size = 20')
        .get()!;
      const fake = Buffer.alloc(32, 9).toString('base64');
      const note = cp.note.replace(/\n20\n[^\n]+\n/, `\n20\n${fake}\n`);
      db.prepare('UPDATE audit_checkpoints SET note = ?, root = ? WHERE id = ?').run(
        note,
        Buffer.alloc(32, 9),
        cp.id,
      );
    });
    expect(verify(dir).firstBad).toEqual({ seq: 19, problem: 'forged_checkpoint' });
  });

  it('rewritten from genesis (whole chain and tree recomputed) is caught by the stored checkpoints', () => {
    const { dir } = build();
    tamper(dir, (db) => rewriteFromGenesis(db, false));
    const report = verify(dir);
    expect(report.firstBad).toEqual({ seq: 0, problem: 'rewritten_from_genesis' });
    // The head kept outside the database disagrees too.
    expect(
      report.problems
        .map((p) => p.problem)
        .sort()
        .at(-1),
    ).toBe('rolled_back');
    expect(
      report.problems.every((p) => p.problem === 'rewritten_from_genesis' || p.problem === 'rolled_back'),
    ).toBe(true);
  });

  it('a rewrite that also re-signs every checkpoint is caught by a checkpoint held outside', () => {
    const { dir, exported } = build();
    tamper(dir, (db) => rewriteFromGenesis(db, true));
    // The checkpoint kept beside the database and in the key file no longer matches...
    expect(verify(dir).problems.map((p) => p.problem)).toEqual(['rolled_back']);
    // ...but with the desk key in hand the attacker can re-sign those copies too: self-consistent again...
    forgeHeads(dir);
    expect(verify(dir).ok).toBe(true);
    // ...but an auditor's earlier checkpoint no longer matches.
    expect(verify(dir, { knownCheckpoints: [exported] }).firstBad).toEqual({
      seq: 0,
      problem: 'rewritten_from_genesis',
    });
  });

  it('a replaced desk key with every checkpoint re-signed is caught by the key an auditor trusts', () => {
    const { dir } = build();
    let original = '';
    tamper(dir, (db) => {
      const key = db
        .prepare<[], { name: string; vkey: string }>("SELECT name, vkey FROM audit_keys WHERE role = 'desk'")
        .get()!;
      original = key.vkey;
      const { signer, pkcs8 } = generateSigner(key.name);
      db.prepare("UPDATE audit_keys SET vkey = ?, skey = ? WHERE role = 'desk'").run(signer.vkey, pkcs8);
      for (const cp of db
        .prepare<[], { id: number; size: number; root: Buffer }>(
          'SELECT id, size, root FROM audit_checkpoints',
        )
        .all())
        db.prepare('UPDATE audit_checkpoints SET note = ? WHERE id = ?').run(
          signNote(formatCheckpointBody(key.name, cp.size, cp.root), [signer]),
          cp.id,
        );
    });
    expect(verify(dir).problems.map((p) => p.problem)).toEqual(['rolled_back']);
    forgeHeads(dir);
    expect(verify(dir).ok).toBe(true);
    expect(verify(dir, { trustedKeys: [original] }).firstBad).toEqual({
      seq: 39,
      problem: 'forged_checkpoint',
    });
  });

  it('deleted tree nodes are reported (and do not stop verification)', () => {
    const { dir } = build();
    tamper(dir, (db) => db.prepare('DELETE FROM audit_nodes WHERE level = 5').run());
    expect(verify(dir).firstBad).toEqual({ seq: 0, problem: 'tree_mismatch' });
  });

  it('a change after the last intact checkpoint is located at that checkpoint', () => {
    const { dir } = build();
    tamper(dir, (db) => rewriteFrom(db, 25, false));
    expect(verify(dir).firstBad).toEqual({ seq: 20, problem: 'rewritten_from_genesis' });
  });
});

function rewriteFromGenesis(db: Database, resign: boolean): void {
  rewriteFrom(db, 0, resign);
}

/** Replaces entry `at`'s payload and recomputes every later link, hash and tree node; optionally re-signs. */
function rewriteFrom(db: Database, at: number, resign: boolean): void {
  const rows = db
    .prepare<[], { seq: number; leaf: Buffer }>('SELECT seq, leaf FROM audit_entries ORDER BY seq')
    .all();
  db.prepare('DELETE FROM audit_entries').run();
  db.prepare('DELETE FROM audit_nodes').run();
  const insert = db.prepare(
    'INSERT INTO audit_entries (seq, ts, type, subject, leaf, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const tree = new MemoryTree();
  let prev: Buffer = GENESIS_PREV;
  for (const r of rows) {
    const e = decodeLeaf(r.leaf)!;
    if (r.seq === at) e.payload = { ...e.payload, verdict: 'fail' };
    const leaf = encodeLeaf({ ...e, prev: prev.toString('hex') });
    const hash = leafHash(leaf);
    insert.run(r.seq, e.ts, e.type, e.subject, leaf, prev, hash);
    tree.push(hash);
    prev = hash;
  }
  const node = db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)');
  tree.levels.forEach((level, l) => {
    if (l > 0) level.forEach((h, i) => node.run(l, i, h));
  });
  if (!resign) return;
  const key = db
    .prepare<[], { name: string; skey: Buffer }>("SELECT name, skey FROM audit_keys WHERE role = 'desk'")
    .get()!;
  const signer = signerFromPkcs8(key.name, key.skey);
  const reader = tree.reader();
  for (const cp of db
    .prepare<[], { id: number; size: number }>('SELECT id, size FROM audit_checkpoints')
    .all()) {
    const r = reader.root(cp.size);
    db.prepare('UPDATE audit_checkpoints SET note = ?, root = ? WHERE id = ?').run(
      signNote(formatCheckpointBody(key.name, cp.size, r), [signer]),
      r,
      cp.id,
    );
  }
}

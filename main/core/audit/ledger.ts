/**
 * The append path. One ledger object per store connection is the single serialized appender: better-sqlite3
 * is synchronous, so two appends in this process can never interleave between reading the head and
 * writing the next entry. A second process (a CLI export while the desk runs) is handled by writing inside
 * BEGIN IMMEDIATE and re-reading the head there: if it moved, the pending entries are re-chained onto it.
 * The schema's triggers (seq = last + 1, prev_hash = last hash) reject anything that would still fork.
 */
import { randomBytes } from 'node:crypto';
import { BugError, UserError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { Store } from '../store';
import {
  formatCheckpointBody,
  leafHash,
  parseCheckpointBody,
  parseVerifierKey,
  verifyConsistency,
  verifyNote,
  type VerifierKey,
} from '../bundle-verify';
import { canonicalJson } from './canonical';
import { GENESIS_PREV, assembleLeaf, checkActor, leafParts, type LeafParts } from './entry';
import { publishHead } from './head';
import { generateSigner, signNote, signerFromPkcs8, type NoteSigner } from './signer';
import { Frontier, TreeReader, type NewNode } from './tree';
import {
  isAuditEntryType,
  type AppendResult,
  type AuditAppend,
  type LedgerOptions,
  type StoredCheckpoint,
} from './types';

interface Pending {
  base: LeafParts;
  seq: number;
  leaf: Buffer;
  prev: Buffer;
  hash: Buffer;
  nodes: NewNode[];
}

interface Tip {
  size: number;
  last: Buffer;
  frontier: Frontier;
}

interface CheckpointRow {
  id: number;
  size: number;
  root: Buffer;
  note: string;
  created_at: string;
  exported: number;
}

export function toStoredCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    id: row.id,
    size: row.size,
    root: row.root.toString('base64'),
    note: row.note,
    createdAt: row.created_at,
    exported: row.exported === 1,
  };
}

export class Ledger {
  private committed: Tip;
  private tip: Tip;
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private desk: NoteSigner | null = null;
  private readonly groupMs: number;
  private readonly groupMax: number;
  private readonly checkpointEvery: number;
  private readonly now: () => Date;
  private readonly stmt;

  constructor(
    readonly store: Store,
    private readonly options: LedgerOptions & { log?: Logger } = {},
  ) {
    this.groupMs = Math.max(0, options.groupCommitMs ?? 0);
    this.groupMax = Math.max(1, options.groupCommitMax ?? 5000);
    this.checkpointEvery = Math.max(0, options.checkpointEvery ?? 1000);
    this.now = options.now ?? (() => new Date());
    const db = store.db;
    this.stmt = {
      head: db.prepare<[], { seq: number; entry_hash: Buffer }>(
        'SELECT seq, entry_hash FROM audit_entries ORDER BY seq DESC LIMIT 1',
      ),
      leafHash: db.prepare<[number], { entry_hash: Buffer }>(
        'SELECT entry_hash FROM audit_entries WHERE seq = ?',
      ),
      node: db.prepare<[number, number], { hash: Buffer }>(
        'SELECT hash FROM audit_nodes WHERE level = ? AND idx = ?',
      ),
      insertEntry: db.prepare(
        'INSERT INTO audit_entries (seq, ts, type, subject, leaf, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertNode: db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      lastCheckpoint: db.prepare<[], CheckpointRow>(
        'SELECT id, size, root, note, created_at, exported FROM audit_checkpoints ORDER BY size DESC, id DESC LIMIT 1',
      ),
    };
    try {
      this.committed = this.loadHead();
    } catch (err) {
      // A damaged tree must not stop verify() from reporting it; any append or checkpoint reloads the
      // head (the empty tip never matches a non-empty ledger) and fails with the same CORRUPT error.
      if (!(err instanceof UserError)) throw err;
      this.committed = { size: 0, last: GENESIS_PREV, frontier: Frontier.empty() };
    }
    this.tip = this.cloneTip(this.committed);
    const stored = this.storedDeskName();
    if (stored && options.origin && stored !== options.origin)
      throw new UserError('CONFLICT', 'This ledger already has a different origin; origins never change.');
  }

  // ---------------------------------------------------------------- tree access

  /** Hash of a complete subtree from storage: level 0 is the entry hash, above that audit_nodes. */
  readonly subtree = (level: number, idx: number): Buffer => {
    const row = level === 0 ? this.stmt.leafHash.get(idx) : this.stmt.node.get(level, idx);
    const hash = row ? ('entry_hash' in row ? row.entry_hash : row.hash) : undefined;
    if (!hash)
      throw new UserError('CORRUPT', `Audit tree is missing node ${level}/${idx}; run audit verify.`);
    return hash;
  };

  reader(): TreeReader {
    return new TreeReader(this.subtree);
  }

  private loadHead(): Tip {
    const head = this.stmt.head.get();
    if (!head) return { size: 0, last: GENESIS_PREV, frontier: Frontier.empty() };
    const size = head.seq + 1;
    return { size, last: head.entry_hash, frontier: Frontier.load(size, this.subtree) };
  }

  private cloneTip(t: Tip): Tip {
    return { size: t.size, last: t.last, frontier: t.frontier.clone() };
  }

  // ---------------------------------------------------------------- append

  size(): number {
    return this.tip.size;
  }

  committedSize(): number {
    return this.committed.size;
  }

  /** Entries in the database now (another process may have appended since this one last looked). */
  storedSize(): number {
    const head = this.stmt.head.get();
    return head ? head.seq + 1 : 0;
  }

  committedRoot(): Buffer {
    return this.committed.frontier.root();
  }

  /** Tree size last written outside the database (head.ts); -1 before the first write. */
  publishedSize = -1;

  get log(): Logger | undefined {
    return this.options.log;
  }

  append(e: AuditAppend): AppendResult {
    if (this.closed) throw new BugError('audit ledger is closed');
    const base = this.prepare(e);
    const item = this.chain(base, this.tip);
    this.pending.push(item);
    if (this.groupMs === 0) {
      this.flush();
      // The flush may have re-chained the entry onto another writer's head: report where it landed.
      return { seq: this.committed.size - 1, entryHash: this.committed.last.toString('hex') };
    }
    if (this.pending.length >= this.groupMax) this.flush();
    else if (!this.timer) {
      // A ref'd timer keeps the process alive until the batch is durable (at most groupMs).
      this.timer = setTimeout(() => this.flushFromTimer(), this.groupMs);
    }
    return { seq: item.seq, entryHash: item.hash.toString('hex') };
  }

  /**
   * Appends several entries as one batch: all are validated before any is chained, and (without group
   * commit) they are written in one transaction with one head check, so a caller that commits a node's
   * entries together pays the per-write work once. All or none: on a failed write none is in the ledger.
   */
  appendMany(es: readonly AuditAppend[]): AppendResult[] {
    if (this.closed) throw new BugError('audit ledger is closed');
    if (es.length === 0) return [];
    const bases = es.map((e) => this.prepare(e));
    if (this.groupMs === 0 && this.pending.length > 0)
      throw new BugError('audit ledger has unflushed entries');
    const items = bases.map((b) => this.chain(b, this.tip));
    this.pending.push(...items);
    if (this.groupMs === 0) {
      // The flush may have re-chained the batch onto another writer's head: report where it landed.
      const written = this.flush();
      return written.map((p) => ({ seq: p.seq, entryHash: p.hash.toString('hex') }));
    }
    if (this.pending.length >= this.groupMax) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flushFromTimer(), this.groupMs);
    return items.map((p) => ({ seq: p.seq, entryHash: p.hash.toString('hex') }));
  }

  private prepare(e: AuditAppend): LeafParts {
    if (typeof e !== 'object' || e === null)
      throw new UserError('VALIDATION', 'Audit entry must be an object.');
    if (typeof e.type !== 'string' || !isAuditEntryType(e.type))
      throw new UserError('VALIDATION', `Unknown audit entry type.`);
    const actor = checkActor(e.actor);
    const subject = e.subject ?? null;
    if (subject !== null && (typeof subject !== 'string' || subject.length === 0))
      throw new UserError('VALIDATION', 'Audit subject must be a non-empty string or null.');
    if (typeof e.payload !== 'object' || e.payload === null || Array.isArray(e.payload))
      throw new UserError('VALIDATION', 'Audit payload must be an object.');
    let pii: string | undefined;
    if (e.pii !== undefined) {
      if (subject === null) throw new UserError('VALIDATION', 'Audit PII needs a subject to seal it under.');
      // An erased subject has no key: the event is still recorded, its PII is simply never stored.
      if (!this.store.cipher.isShredded(subject)) pii = this.store.cipher.seal(subject, canonicalJson(e.pii));
    }
    // Serialised once here (RFC 8785); re-chaining after a concurrent writer reuses these strings.
    return leafParts({ ts: this.now().toISOString(), type: e.type, actor, subject, payload: e.payload, pii });
  }

  private chain(base: LeafParts, tip: Tip): Pending {
    const seq = tip.size;
    const prev = tip.last;
    const leaf = assembleLeaf(base, seq, prev.toString('hex'));
    const hash = leafHash(leaf);
    const nodes = tip.frontier.append(hash);
    tip.size = seq + 1;
    tip.last = hash;
    return { base, seq, leaf, prev, hash, nodes };
  }

  private flushFromTimer(): void {
    this.timer = null;
    try {
      this.flush();
    } catch (err) {
      // Keep the batch; the next append, flush or close retries it.
      this.options.log?.error({ err }, 'audit group commit failed');
    }
  }

  /** Writes the pending entries; returns them as written (re-chained if another writer moved the head). */
  flush(): Pending[] {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return [];
    const db = this.store.db;
    const write = db.transaction(() => {
      const head = this.stmt.head.get();
      const dbSize = head ? head.seq + 1 : 0;
      const dbLast = head ? head.entry_hash : GENESIS_PREV;
      if (dbSize !== this.committed.size || !dbLast.equals(this.committed.last)) {
        // Someone else appended (another process, or a rolled-back outer transaction): re-chain.
        this.committed = this.loadHead();
        const tip = this.cloneTip(this.committed);
        this.pending = this.pending.map((p) => this.chain(p.base, tip));
        this.tip = tip;
        this.options.log?.warn({ size: dbSize }, 'audit head moved under us; pending entries re-chained');
      }
      for (const p of this.pending) {
        this.stmt.insertEntry.run(p.seq, p.base.ts, p.base.type, p.base.subject, p.leaf, p.prev, p.hash);
        for (const n of p.nodes) this.stmt.insertNode.run(n.level, n.idx, n.hash);
      }
    });
    try {
      write.immediate();
    } catch (err) {
      if (this.groupMs === 0) {
        // A single append that failed is not in the ledger: forget it so the tip matches the database.
        this.pending = [];
        this.tip = this.cloneTip(this.committed);
      }
      throw err;
    }
    this.committed = this.cloneTip(this.tip);
    const written = this.pending;
    this.pending = [];
    if (this.checkpointEvery > 0) {
      const last = this.stmt.lastCheckpoint.get();
      if (this.committed.size - (last?.size ?? 0) >= this.checkpointEvery) this.checkpoint();
    }
    return written;
  }

  // ---------------------------------------------------------------- keys

  /** The desk key, generated and stored (inside the encrypted store) on first use. */
  deskSigner(): NoteSigner {
    if (this.desk) return this.desk;
    const db = this.store.db;
    const row = db
      .prepare<[], { name: string; skey: Buffer }>("SELECT name, skey FROM audit_keys WHERE role = 'desk'")
      .get();
    if (row) {
      this.desk = signerFromPkcs8(row.name, row.skey);
      return this.desk;
    }
    const name = this.options.origin ?? `confidant.local/desk-${randomBytes(6).toString('hex')}`;
    const { signer, pkcs8 } = generateSigner(name);
    // Two processes opening a new store at once may both get here: the one-desk index keeps the first key,
    // and the loser adopts it instead of failing.
    const inserted = db
      .prepare(
        "INSERT OR IGNORE INTO audit_keys (name, role, vkey, skey, created_at) VALUES (?, 'desk', ?, ?, ?)",
      )
      .run(name, signer.vkey, pkcs8, this.now().toISOString());
    if (inserted.changes === 0) {
      const winner = db
        .prepare<[], { name: string; skey: Buffer }>("SELECT name, skey FROM audit_keys WHERE role = 'desk'")
        .get();
      if (!winner) throw new BugError('audit: the desk key insert was ignored but no desk key exists');
      this.desk = signerFromPkcs8(winner.name, winner.skey);
      return this.desk;
    }
    this.desk = signer;
    return signer;
  }

  /** The log's origin line, which is also the desk key's name. */
  origin(): string {
    return this.storedDeskName() ?? this.deskSigner().name;
  }

  private storedDeskName(): string | undefined {
    return this.store.db
      .prepare<[], { name: string }>("SELECT name FROM audit_keys WHERE role = 'desk'")
      .get()?.name;
  }

  /** Desk verifier key as stored. Verification trusts this row; a checkpoint it rejects is reported. */
  deskVerifier(): VerifierKey | null {
    const row = this.store.db
      .prepare<[], { vkey: string }>("SELECT vkey FROM audit_keys WHERE role = 'desk'")
      .get();
    return row ? parseVerifierKey(row.vkey) : null;
  }

  witnessVerifiers(): VerifierKey[] {
    const rows = this.store.db
      .prepare<[], { vkey: string }>("SELECT vkey FROM audit_keys WHERE role = 'witness' ORDER BY name")
      .all();
    return rows.map((r) => parseVerifierKey(r.vkey)).filter((k): k is VerifierKey => k !== null);
  }

  addWitnessKey(vkey: string): VerifierKey {
    const key = parseVerifierKey(vkey);
    if (!key) throw new UserError('VALIDATION', 'Not a valid Ed25519 signed-note verifier key.');
    const existing = this.store.db
      .prepare<[string], { vkey: string; role: string }>('SELECT vkey, role FROM audit_keys WHERE name = ?')
      .get(key.name);
    if (existing) {
      if (existing.role === 'witness' && existing.vkey === key.text) return key;
      throw new UserError('CONFLICT', `A different key named ${key.name} is already registered.`);
    }
    this.store.db
      .prepare(
        "INSERT INTO audit_keys (name, role, vkey, skey, created_at) VALUES (?, 'witness', ?, NULL, ?)",
      )
      .run(key.name, key.text, this.now().toISOString());
    return key;
  }

  // ---------------------------------------------------------------- checkpoints

  checkpoints(): StoredCheckpoint[] {
    return this.store.db
      .prepare<[], CheckpointRow>(
        'SELECT id, size, root, note, created_at, exported FROM audit_checkpoints ORDER BY size, id',
      )
      .all()
      .map(toStoredCheckpoint);
  }

  latestCheckpoint(options: { exportedOnly?: boolean } = {}): StoredCheckpoint | null {
    const sql = options.exportedOnly
      ? 'SELECT id, size, root, note, created_at, exported FROM audit_checkpoints WHERE exported = 1 ORDER BY size DESC, id DESC LIMIT 1'
      : 'SELECT id, size, root, note, created_at, exported FROM audit_checkpoints ORDER BY size DESC, id DESC LIMIT 1';
    const row = this.store.db.prepare<[], CheckpointRow>(sql).get();
    return row ? toStoredCheckpoint(row) : null;
  }

  markExported(id: number): void {
    this.store.db.prepare('UPDATE audit_checkpoints SET exported = 1 WHERE id = ?').run(id);
  }

  /**
   * Signs a checkpoint of everything committed. Before signing it proves the current tree extends the
   * last signed checkpoint, so a tampered database is never laundered into a fresh signature.
   */
  checkpoint(): StoredCheckpoint {
    this.flush();
    const signer = this.deskSigner();
    const size = this.committed.size;
    const root = this.committed.frontier.root();
    const last = this.stmt.lastCheckpoint.get();
    if (last) {
      const verifier = signer.verifier();
      const check = verifyNote(last.note, [verifier]);
      const body = check ? parseCheckpointBody(check.body) : null;
      if (
        !check ||
        check.verified.length === 0 ||
        !body ||
        body.size !== last.size ||
        !body.root.equals(last.root)
      )
        throw new UserError(
          'CORRUPT',
          'The last stored checkpoint does not verify; run confidant audit verify.',
        );
      if (last.size > size)
        throw new UserError(
          'CORRUPT',
          'The ledger is shorter than its last checkpoint; run confidant audit verify.',
        );
      const proof = this.reader().consistencyProof(last.size, size);
      if (!verifyConsistency(last.size, size, last.root, root, proof))
        throw new UserError(
          'CORRUPT',
          'The ledger does not extend its last checkpoint; run confidant audit verify.',
        );
      if (last.size === size) return toStoredCheckpoint(last);
    }
    const note = signNote(formatCheckpointBody(signer.name, size, root), [signer]);
    const createdAt = this.now().toISOString();
    const info = this.store.db
      .prepare('INSERT INTO audit_checkpoints (size, root, note, created_at) VALUES (?, ?, ?, ?)')
      .run(size, root, note, createdAt);
    // Both outside copies, fsynced: after this the database can never silently come back shorter.
    publishHead(this, { keyFile: true, note });
    return {
      id: Number(info.lastInsertRowid),
      size,
      root: root.toString('base64'),
      note,
      createdAt,
      exported: false,
    };
  }

  /**
   * Accepts a witness's co-signed copy of one of our checkpoints: the body must be one we signed, our
   * signature must still verify, and the witness's line must verify under `witnessVkey` (registered on
   * first use). The witness's line is merged into the stored note.
   */
  addCosignature(noteText: string, witnessVkey: string): StoredCheckpoint {
    const witness = parseVerifierKey(witnessVkey);
    if (!witness) throw new UserError('VALIDATION', 'Not a valid Ed25519 signed-note verifier key.');
    const desk = this.deskSigner().verifier();
    if (witness.name === desk.name)
      throw new UserError('VALIDATION', 'A witness cannot use the desk key name.');
    const check = verifyNote(noteText, [desk, witness]);
    if (!check) throw new UserError('VALIDATION', 'Not a signed note.');
    if (check.failed.length > 0 || !check.verified.some((k) => k.name === desk.name))
      throw new UserError('VALIDATION', 'The note does not carry a valid desk signature.');
    if (!check.verified.some((k) => k.name === witness.name))
      throw new UserError('VALIDATION', 'The note does not carry a valid signature by that witness.');
    const body = parseCheckpointBody(check.body);
    if (!body) throw new UserError('VALIDATION', 'The note is not a checkpoint.');
    const row = this.store.db
      .prepare<[number, Buffer], CheckpointRow>(
        'SELECT id, size, root, note, created_at, exported FROM audit_checkpoints WHERE size = ? AND root = ? ORDER BY id LIMIT 1',
      )
      .get(body.size, body.root);
    if (!row || !row.note.startsWith(check.body))
      throw new UserError('NOT_FOUND', 'That checkpoint was not signed by this desk.');
    const witnessLine = noteText
      .slice(check.body.length + 1)
      .split('\n')
      .find((line) => line.startsWith(`\u2014 ${witness.name} `));
    if (!witnessLine) throw new BugError('verified witness line vanished');
    this.addWitnessKey(witness.text);
    if (row.note.includes(`${witnessLine}\n`)) return toStoredCheckpoint(row);
    const merged = `${row.note}${witnessLine}\n`;
    this.store.db.prepare('UPDATE audit_checkpoints SET note = ? WHERE id = ?').run(merged, row.id);
    return toStoredCheckpoint({ ...row, note: merged });
  }

  // ---------------------------------------------------------------- lifecycle

  close(): void {
    if (this.closed) return;
    this.flush();
    // Every session ends on a signed checkpoint so a later truncation of its tail is detectable.
    this.closed = true;
    if (this.checkpointEvery > 0 && this.committed.size > (this.stmt.lastCheckpoint.get()?.size ?? 0)) {
      try {
        this.checkpoint();
      } catch (err) {
        // A damaged ledger must not be signed; verify reports it, closing must still succeed.
        if (!(err instanceof UserError)) throw err;
        this.options.log?.error({ err }, 'audit: no closing checkpoint');
      }
    }
  }
}

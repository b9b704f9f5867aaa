/**
 * Full verification of the ledger as stored. It trusts nothing in the database except the desk's and the
 * witnesses' public keys: it recomputes every leaf hash, the chain, the tree and every checkpoint root.
 * Damage is classified so an investigator knows where to look first (see docs/AUDIT.md).
 */
import { hash as oneShotHash } from 'node:crypto';
import { parseCheckpointBody, parseVerifierKey, verifyNote, type VerifierKey } from '../bundle-verify';
import { decodeLeafText, GENESIS_PREV } from './entry';
import { describeRollback, findRollback } from './head';
import type { Ledger } from './ledger';
import { TreeReader } from './tree';
import { LeafWorker } from './verify-worker';
import type { DamageKind, VerifyProblem, VerifyReport } from './types';

export interface VerifyOptions {
  /**
   * Checkpoints held outside this database (an earlier bundle's, a witness's), as signed-note text. Each
   * must verify under the desk or a witness key and match the recomputed tree; a mismatch means the
   * ledger was rewritten after that checkpoint was published.
   */
  knownCheckpoints?: string[];
  /** Extra trusted verifier keys for knownCheckpoints (e.g. the desk key as an auditor holds it). */
  trustedKeys?: string[];
  /** Stop collecting after this many problems (the first one is what matters). */
  maxProblems?: number;
}

const CHAIN_KINDS: ReadonlySet<DamageKind> = new Set([
  'edited_payload',
  'deleted_entry',
  'reordered_entries',
]);
const ZERO = GENESIS_PREV;
/** Below this many entries the worker thread costs more than it saves. */
const PARALLEL_MIN_ROWS = 50_000;

function sha256(data: Buffer): Buffer {
  return oneShotHash('sha256', data, 'buffer');
}

export function verifyLedger(ledger: Ledger, options: VerifyOptions = {}): VerifyReport {
  const db = ledger.store.db;
  const max = options.maxProblems ?? 100;
  const problems: VerifyProblem[] = [];
  const report = (seq: number, problem: DamageKind, detail: string): void => {
    if (problems.length < max) problems.push({ seq, problem, detail });
  };

  // Pass 1: read every row once, recompute its leaf hash, remember what the chain needs.
  const countRow = db
    .prepare<[], { n: number; lo: number | null }>('SELECT COUNT(*) AS n, MIN(seq) AS lo FROM audit_entries')
    .get();
  const capacity = Math.max(1, countRow?.n ?? 0);
  const rowSeq = new Float64Array(capacity);
  // Large ledgers hash leaves (and build the tree) on a worker thread while this thread reads and decodes.
  const shared = capacity >= PARALLEL_MIN_ROWS ? LeafWorker.allocate(capacity) : null;
  const leafSeq = new Float64Array(capacity); // NaN: the leaf is not a well-formed entry
  const hashes = shared?.hashes ?? Buffer.alloc(capacity * 32);
  const prevs = Buffer.alloc(capacity * 32);
  const worker = shared ? LeafWorker.start(shared, capacity) : null;
  // Rows the worker hashes, and their stored entry_hash, compared once it is done.
  const deferred: Array<{ at: number; pairs: Buffer }> = [];
  const storedOk = new Uint8Array(capacity);
  const prevColOk = new Uint8Array(capacity);
  let n = 0;
  const scratch = Buffer.alloc(1 << 16);

  /**
   * One row, as the chain and tree passes need it. `prefixed` is 0x00 || leaf; `text` its UTF-8 text;
   * null `prefixed`: the worker hashes it.
   */
  const take = (
    seq: number,
    prefixed: Buffer | null,
    text: string,
    prevCol: Buffer,
    entryHash: Buffer,
  ): void => {
    rowSeq[n] = seq;
    if (prefixed) {
      const h = sha256(prefixed);
      h.copy(hashes, n * 32);
      storedOk[n] = h.equals(entryHash) ? 1 : 0;
    }
    const entry = decodeLeafText(text);
    if (entry) {
      leafSeq[n] = entry.seq;
      prevs.write(entry.prev, n * 32, 'hex');
      prevColOk[n] = prevs.compare(prevCol, 0, 32, n * 32, n * 32 + 32) === 0 ? 1 : 0;
    } else {
      leafSeq[n] = Number.NaN;
      prevColOk[n] = 1;
    }
    n++;
  };

  // Rows are read in batches, each batch as one row of concatenated columns: per-row statement steps and
  // Buffer allocations cost more than the reading itself. A batch the aggregate cannot describe exactly
  // (a value of the wrong type or size, a gap in the seqs) is read again row by row.
  const batchStmt = db
    .prepare<
      [number, number],
      [number, number | null, number | null, string | null, Buffer | null, Buffer | null, number | null]
    >(
      `SELECT count(*), max(seq), min(seq), group_concat(length(leaf)),
              CAST(group_concat(x'00' || leaf, x'') AS BLOB),
              CAST(group_concat(prev_hash || entry_hash, x'') AS BLOB),
              sum(typeof(leaf) = 'blob' AND typeof(prev_hash) = 'blob' AND typeof(entry_hash) = 'blob'
                  AND length(prev_hash) = 32 AND length(entry_hash) = 32)
         FROM (SELECT seq, leaf, prev_hash, entry_hash FROM audit_entries WHERE seq >= ? ORDER BY seq LIMIT ?)`,
    )
    .raw();
  const rowsStmt = db
    .prepare<[number, number], [number, Buffer, Buffer, Buffer]>(
      'SELECT seq, leaf, prev_hash, entry_hash FROM audit_entries WHERE seq >= ? ORDER BY seq LIMIT ?',
    )
    .raw();
  const takeRows = (from: number, limit: number): void => {
    for (const [seq, leaf, prevCol, entryHash] of rowsStmt.iterate(from, limit)) {
      if (n >= capacity) break;
      // Hash 0x00 || leaf through a reused buffer: one allocation per leaf instead of three.
      let prefixed: Buffer;
      if (leaf.length < scratch.length) {
        scratch[0] = 0;
        leaf.copy(scratch, 1);
        prefixed = scratch.subarray(0, leaf.length + 1);
      } else {
        prefixed = Buffer.concat([Buffer.from([0]), leaf]);
      }
      take(seq, prefixed, Buffer.from(leaf).toString('utf8'), prevCol, entryHash);
    }
  };
  /** Takes one batch from the aggregate row; false when it cannot be taken exactly as the rows are. */
  const takeBatch = (
    count: number,
    after: number,
    first: number | null,
    last: number,
    lenText: string | null,
    leaves: Buffer | null,
    pairs: Buffer | null,
    wellTyped: number | null,
  ): boolean => {
    if (lenText === null || leaves === null || pairs === null) return false;
    // Consecutive seqs (the intact case) need no list: count distinct integers from first to last.
    if (first === null || !Number.isSafeInteger(first) || first <= after || last - first + 1 !== count)
      return false;
    if (wellTyped !== count || pairs.length !== count * 64 || n + count > capacity) return false;
    const lens = lenText.split(',');
    if (lens.length !== count) return false;
    const starts = new Float64Array(count + 1);
    let off = 0;
    for (let i = 0; i < count; i++) {
      const len = Number(lens[i]);
      if (!Number.isSafeInteger(len) || len < 0) return false;
      starts[i] = off;
      off += len + 1;
    }
    starts[count] = off;
    if (off !== leaves.length) return false;
    const at = n;
    for (let i = 0; i < count; i++) {
      const a = starts[i] as number;
      const b = starts[i + 1] as number;
      const text = leaves.toString('utf8', a + 1, b);
      take(
        first + i,
        worker ? null : leaves.subarray(a, b),
        text,
        pairs.subarray(i * 64, i * 64 + 32),
        pairs.subarray(i * 64 + 32, i * 64 + 64),
      );
    }
    if (worker) {
      // Hands the batch over (leaves are not read here again): the worker hashes it while we read on.
      worker.post(at, leaves, starts);
      deferred.push({ at, pairs });
    }
    return true;
  };
  const BATCH = 4096;
  // One read transaction: every batch (and any re-read of one) sees the same snapshot.
  const readAll = db.transaction(() => {
    let from = countRow?.lo ?? 0;
    let after = -Infinity;
    while (n < capacity) {
      const row = batchStmt.get(from, BATCH);
      const count = row?.[0] ?? 0;
      const max = row?.[1];
      if (!row || count === 0 || max === null || max === undefined) break;
      if (!takeBatch(count, after, row[2], max, row[3], row[4], row[5], row[6])) takeRows(from, BATCH);
      after = max;
      from = max + 1;
    }
  });
  try {
    readAll();
  } catch (err) {
    worker?.stop();
    throw err;
  }
  if (worker) {
    worker.finish();
    for (const { at, pairs } of deferred) {
      for (let i = 0; at + i < n && i * 64 < pairs.length; i++) {
        const k = at + i;
        storedOk[k] = hashes.subarray(k * 32, k * 32 + 32).equals(pairs.subarray(i * 64 + 32, i * 64 + 64))
          ? 1
          : 0;
      }
    }
  }

  // Pass 2: the chain.
  const hashAt = (i: number): Buffer => hashes.subarray(i * 32, i * 32 + 32);
  let expected = 0;
  let lastProblemRow = -2;
  for (let i = 0; i < n; i++) {
    const seq = rowSeq[i] as number;
    const ls = leafSeq[i] as number;
    const before = problems.length;
    if (seq > expected) {
      report(expected, 'deleted_entry', `entries ${expected}..${seq - 1} are missing`);
    }
    if (Number.isNaN(ls)) {
      report(seq, 'edited_payload', 'entry bytes are not a well-formed entry');
    } else if (ls !== seq) {
      // Rows renumbered after a deletion keep shifting by one; a swap does not.
      const next = i + 1 < n ? (leafSeq[i + 1] as number) : Number.NaN;
      const shifted = ls > seq && (i + 1 === n || next === ls + 1);
      if (shifted) report(seq, 'deleted_entry', `entry ${seq} was removed and later entries renumbered`);
      else report(seq, 'reordered_entries', `row ${seq} holds entry ${ls}`);
    } else if (storedOk[i] !== 1 || prevColOk[i] !== 1) {
      report(seq, 'edited_payload', 'entry bytes do not match the stored hash');
    } else if (lastProblemRow < i - 1 && problems.length === before) {
      const prevExpected = i === 0 ? ZERO : hashAt(i - 1);
      const prevClaimed = prevs.subarray(i * 32, i * 32 + 32);
      if (seq === 0 ? !prevClaimed.equals(ZERO) : !prevClaimed.equals(prevExpected)) {
        // The entry is intact but its predecessor is not the one it committed to: the predecessor was
        // replaced by a self-consistent edit (its own hash recomputed).
        if (i === 0) report(0, 'edited_payload', 'entry 0 does not start the chain');
        else
          report(rowSeq[i - 1] as number, 'edited_payload', `entry ${seq} does not chain to its predecessor`);
      }
    }
    if (problems.length > before) lastProblemRow = i;
    expected = seq + 1;
  }
  const chainBroken = problems.some((p) => CHAIN_KINDS.has(p.problem));

  // Pass 3: the tree, from recomputed leaf hashes, compared with the stored complete subtrees.
  // The worker, when there is one, built the levels as the leaf hashes came in.
  const built = worker?.treeLevels(n) ?? null;
  const levels: Buffer[] = built ?? [hashes.subarray(0, n * 32)];
  const node = Buffer.alloc(65);
  node[0] = 1;
  for (let level = 0; !built; level++) {
    const below = levels[level] as Buffer;
    const count = Math.floor(below.length / 64);
    if (count === 0) break;
    const row = Buffer.alloc(count * 32);
    for (let j = 0; j < count; j++) {
      below.copy(node, 1, j * 64, j * 64 + 64);
      sha256(node).copy(row, j * 32);
    }
    levels.push(row);
  }
  const subtree = (level: number, idx: number): Buffer => {
    const row = levels[level] as Buffer;
    return row.subarray(idx * 32, idx * 32 + 32);
  };
  const reader = new TreeReader(subtree);
  let beyondTail = false;
  let firstNodeMismatch = -1;
  const mismatchAt = (level: number, idx: number): void => {
    const first = idx * 2 ** level;
    if (firstNodeMismatch < 0 || first < firstNodeMismatch) firstNodeMismatch = first;
  };
  // Fast path: one aggregate row per level. When every level holds exactly the recomputed nodes, in order,
  // there is nothing to report; anything else is located below, node by node.
  const perLevel = db
    .prepare<[], [unknown, number, unknown, unknown, Buffer | null, number | null]>(
      `SELECT level, count(*), min(idx), max(idx), CAST(group_concat(hash, x'') AS BLOB),
              sum(typeof(hash) = 'blob' AND length(hash) = 32)
         FROM audit_nodes GROUP BY level ORDER BY level`,
    )
    .raw()
    .all();
  const treeIntact =
    perLevel.length === levels.length - 1 &&
    perLevel.every(([level, count, lo, hi, blob, wellTyped], i) => {
      const row = levels[i + 1] as Buffer;
      return (
        level === i + 1 &&
        count === row.length / 32 &&
        lo === 0 &&
        hi === count - 1 &&
        wellTyped === count &&
        blob !== null &&
        blob.equals(row)
      );
    });
  const nextIdx: number[] = [];
  const nodes = treeIntact
    ? []
    : db
        .prepare<[], [number, number, Buffer]>('SELECT level, idx, hash FROM audit_nodes ORDER BY level, idx')
        .raw()
        .iterate();
  for (const [level, idx, hash] of nodes) {
    const row = levels[level];
    if (!row || (idx + 1) * 32 > row.length) {
      beyondTail = true;
      continue;
    }
    // Stored nodes come in (level, idx) order: a jump means rows were deleted.
    if (idx > (nextIdx[level] ?? 0)) mismatchAt(level, nextIdx[level] ?? 0);
    nextIdx[level] = idx + 1;
    if (!subtree(level, idx).equals(hash)) mismatchAt(level, idx);
  }
  for (let level = 1; level < levels.length && !treeIntact; level++) {
    const have = nextIdx[level] ?? 0;
    if (have < (levels[level] as Buffer).length / 32) mismatchAt(level, have);
  }
  if (beyondTail) report(n, 'truncated_tail', `tree nodes exist for entries beyond ${n}`);
  if (firstNodeMismatch >= 0 && !chainBroken)
    report(firstNodeMismatch, 'tree_mismatch', 'a stored tree node differs from the recomputed tree');

  // Pass 4: checkpoints, stored and external.
  const desk = ledger.deskVerifier();
  const witnesses = ledger.witnessVerifiers();
  const known: VerifierKey[] = [...(desk ? [desk] : []), ...witnesses];
  const rows = ledger.checkpoints();
  // Sizes whose signed root matches the recomputed tree: everything below them is proven intact.
  const matched: number[] = [];
  const mismatched: Array<{ size: number; where: string }> = [];
  const checkOne = (note: string, where: string, storedSize?: number, storedRoot?: string): void => {
    const check = verifyNote(note, known);
    const body = check ? parseCheckpointBody(check.body) : null;
    const size = body?.size ?? storedSize ?? 0;
    const at = Math.max(0, Math.min(size, n) - 1);
    if (!check || !body)
      return report(at, 'forged_checkpoint', `${where}: not a well-formed signed checkpoint`);
    if (!desk || !check.verified.some((k) => k.name === desk.name))
      return report(at, 'forged_checkpoint', `${where}: no valid desk signature`);
    if (check.failed.length > 0)
      return report(at, 'forged_checkpoint', `${where}: a known key's signature does not verify`);
    if (body.origin !== desk.name) return report(at, 'forged_checkpoint', `${where}: wrong origin`);
    if (
      (storedSize !== undefined && storedSize !== body.size) ||
      (storedRoot !== undefined && storedRoot !== body.root.toString('base64'))
    )
      return report(at, 'forged_checkpoint', `${where}: stored size/root differ from the signed note`);
    if (body.size > n)
      return report(n, 'truncated_tail', `${where} covers ${body.size} entries, ${n} remain`);
    if (reader.root(body.size).equals(body.root)) matched.push(body.size);
    else mismatched.push({ size: body.size, where });
  };
  for (const cp of rows) checkOne(cp.note, `checkpoint ${cp.id}`, cp.size, cp.root);
  const external = (options.trustedKeys ?? []).map(parseVerifierKey).filter((k): k is VerifierKey => !!k);
  // A stored desk key that differs from the one an auditor trusts under the same name was replaced.
  if (desk && external.some((k) => k.name === desk.name && !k.publicKey.equals(desk.publicKey)))
    report(Math.max(0, n - 1), 'forged_checkpoint', 'the stored desk key differs from the trusted key');
  known.push(...external);
  for (const [i, note] of (options.knownCheckpoints ?? []).entries()) checkOne(note, `known checkpoint ${i}`);
  if (!chainBroken) {
    for (const m of mismatched) {
      // The change lies at or after the largest intact checkpoint below this one.
      const since = matched.filter((s) => s < m.size).reduce((a, s) => Math.max(a, s), 0);
      report(since, 'rewritten_from_genesis', `${m.where} (size ${m.size}) no longer matches the ledger`);
    }
  }

  // Last, so at an equal seq the more specific kinds above are reported first.
  const rollback = findRollback(ledger);
  if (rollback) report(n, 'rolled_back', describeRollback(rollback).replace(/^Refusing to open: /u, ''));

  const chain = problems.filter((p) => CHAIN_KINDS.has(p.problem));
  const pool = chain.length > 0 ? chain : problems;
  const first = pool.reduce<VerifyProblem | null>((a, p) => (a === null || p.seq < a.seq ? p : a), null);
  return {
    ok: problems.length === 0,
    entries: n,
    checkpoints: rows.length,
    firstBad: first ? { seq: first.seq, problem: first.problem } : null,
    problems,
  };
}

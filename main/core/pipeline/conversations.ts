import { randomUUID } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import type { PolicyDomain } from '../policy';
import type { Store } from '../store';

export interface ConversationRow {
  id: string;
  domain: PolicyDomain;
  subject_id: string;
  status: 'open' | 'escalated' | 'closed';
  turn_count: number;
  created_at: string;
  updated_at: string;
  /** The signed-in user who opened it: their desk. Null for conversations from before accounts. */
  owner_id: string | null;
}

export interface TurnRow {
  id: string;
  conversation_id: string;
  idx: number;
  idempotency_key: string;
  status: 'running' | 'done' | 'failed';
  customer_sealed: string;
  result_sealed: string | null;
  delivered: number | null;
  escalated: number | null;
  sentiment: number | null;
  pack_id: string;
  pack_version: string;
  pack_hash: string;
  failure: string | null;
  started_at: string;
  finished_at: string | null;
  /** The signed-in user who typed the customer's words. */
  author_id: string | null;
}

const CONVERSATION_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Conversation and turn rows (migration 007), the owner of `conversations`, `turns` and `turn_checkpoints`:
 * statements prepared once per connection. Customer text only ever enters sealed.
 */
export function conversationRepo(store: Store) {
  const db = store.db;
  const getConv = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
  const insertConv = db.prepare(
    'INSERT INTO conversations (id, domain, subject_id, status, turn_count, created_at, updated_at, owner_id) VALUES (?, ?, ?, ?, 0, ?, ?, ?)',
  );
  const byKey = db.prepare<[string, string], TurnRow>(
    'SELECT * FROM turns WHERE conversation_id = ? AND idempotency_key = ?',
  );
  const insertTurn = db.prepare(
    `INSERT INTO turns (id, conversation_id, idx, idempotency_key, status, customer_sealed, pack_id,
      pack_version, pack_hash, started_at, author_id) VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
  );
  const bumpConv = db.prepare(
    'UPDATE conversations SET turn_count = turn_count + 1, updated_at = ? WHERE id = ?',
  );
  const lastCheckpoint = db.prepare<[string], { step: number; state_sealed: string }>(
    'SELECT step, state_sealed FROM turn_checkpoints WHERE turn_id = ? ORDER BY step DESC LIMIT 1',
  );
  const insertCheckpoint = db.prepare(
    'INSERT INTO turn_checkpoints (turn_id, step, node_id, stage, state_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const finishTurn = db.prepare(
    `UPDATE turns SET status = 'done', result_sealed = ?, delivered = ?, escalated = ?, sentiment = ?,
      finished_at = ? WHERE id = ? AND status = 'running'`,
  );
  const failTurn = db.prepare(
    "UPDATE turns SET status = 'failed', failure = ?, finished_at = ? WHERE id = ? AND status = 'running'",
  );
  const previousTurns = db.prepare<[string, number, number], TurnRow>(
    "SELECT * FROM turns WHERE conversation_id = ? AND idx < ? AND status = 'done' ORDER BY idx DESC LIMIT ?",
  );

  const setStatus = db.prepare<[string, string, string]>(
    'UPDATE conversations SET status = ?, updated_at = ? WHERE id = ?',
  );
  const insertShell = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO conversations (id, domain, subject_id, status, turn_count, created_at, updated_at)
     VALUES (?, ?, ?, 'escalated', 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const deleteShells = db.prepare<[string]>(
    'DELETE FROM conversations WHERE subject_id = ? AND turn_count = 0',
  );
  const recent = db.prepare<[number], ConversationRow>(
    'SELECT * FROM conversations ORDER BY updated_at DESC LIMIT ?',
  );
  const recentOf = db.prepare<[string, number], ConversationRow>(
    'SELECT * FROM conversations WHERE owner_id = ? ORDER BY updated_at DESC LIMIT ?',
  );
  const subjectIds = db
    .prepare<[], string>('SELECT DISTINCT subject_id FROM conversations ORDER BY subject_id')
    .pluck();
  const ofSubject = db.prepare<[string, number], ConversationRow>(
    'SELECT * FROM conversations WHERE subject_id = ? ORDER BY created_at DESC LIMIT ?',
  );
  const turnConversation = db
    .prepare<[string], string>('SELECT conversation_id FROM turns WHERE id = ?')
    .pluck();
  const turnsOf = db.prepare<[string], TurnRow>('SELECT * FROM turns WHERE conversation_id = ? ORDER BY idx');
  const anyDelivered = db.prepare<[string], { one: number }>(
    "SELECT 1 AS one FROM turns WHERE conversation_id = ? AND status = 'done' AND delivered = 1 LIMIT 1",
  );

  function existing(id: string, domain: PolicyDomain | undefined): ConversationRow | undefined {
    if (!CONVERSATION_ID.test(id))
      throw new UserError('VALIDATION', 'Conversation id must be 1-128 characters of A-Z a-z 0-9 _ . : -');
    const row = getConv.get(id);
    if (row && domain && row.domain !== domain)
      throw new UserError('CONFLICT', `Conversation ${id} belongs to domain ${row.domain}.`);
    return row;
  }

  return {
    get(id: string): ConversationRow | undefined {
      return getConv.get(id);
    },
    /** Every subject a conversation is kept under, in id order (the compliance view). */
    subjectIds(): string[] {
      return subjectIds.all();
    },
    /** A subject's conversations, newest first. */
    ofSubject(subjectId: string, limit: number): ConversationRow[] {
      return ofSubject.all(subjectId, limit);
    },
    /**
     * The existing conversation (a read, no write): undefined when new; an invalid id is a VALIDATION
     * error and a domain mismatch a CONFLICT, as in `ensure`.
     */
    existing,
    /** Returns the conversation, creating it when new; a domain mismatch is a CONFLICT. */
    ensure(
      id: string,
      domain: PolicyDomain | undefined,
      now: string,
      ownerId: string | null = null,
    ): ConversationRow {
      const found = existing(id, domain);
      if (found) return found;
      // A fresh pseudonymous subject per conversation: nothing about the customer is derivable from it.
      insertConv.run(id, domain ?? 'generic', `subj_${randomUUID()}`, 'open', now, now, ownerId);
      return getConv.get(id) as ConversationRow;
    },
    setStatus(id: string, status: ConversationRow['status'], now: string): void {
      setStatus.run(status, now, id);
    },
    /**
     * A supervisor desk's stand-in for a staff desk's conversation (docs/LAN.md): no turns, escalated,
     * under the staff desk's subject id so erasure reaches it. An existing conversation is left alone.
     */
    ensureShell(id: string, domain: PolicyDomain, subjectId: string, at: string): void {
      insertShell.run(id, domain, subjectId, at, at);
    },
    /** Removes a subject's shells (conversations without turns); returns how many. */
    deleteShells(subjectId: string): number {
      return deleteShells.run(subjectId).changes;
    },
    turnByKey(conversationId: string, key: string): TurnRow | undefined {
      return byKey.get(conversationId, key);
    },
    /** Inserts the turn and bumps the conversation atomically; UNIQUE keys stop double application. */
    startTurn(row: {
      id: string;
      conversationId: string;
      key: string;
      customerSealed: string;
      packId: string;
      packVersion: string;
      packHash: string;
      now: string;
      authorId?: string | null;
    }): number {
      return db.transaction(() => {
        const conv = getConv.get(row.conversationId);
        const idx = conv?.turn_count ?? 0;
        insertTurn.run(
          row.id,
          row.conversationId,
          idx,
          row.key,
          row.customerSealed,
          row.packId,
          row.packVersion,
          row.packHash,
          row.now,
          row.authorId ?? null,
        );
        bumpConv.run(row.now, row.conversationId);
        return idx;
      })();
    },
    checkpoint(turnId: string, step: number, nodeId: string, stage: string, sealed: string, now: string) {
      insertCheckpoint.run(turnId, step, nodeId, stage, sealed, now);
    },
    lastCheckpoint(turnId: string) {
      return lastCheckpoint.get(turnId);
    },
    finish(
      turnId: string,
      resultSealed: string,
      flags: { delivered: boolean; escalated: boolean; sentiment: number | null },
      now: string,
    ): void {
      const changed = finishTurn.run(
        resultSealed,
        flags.delivered ? 1 : 0,
        flags.escalated ? 1 : 0,
        flags.sentiment,
        now,
        turnId,
      ).changes;
      if (changed !== 1) throw new UserError('CONFLICT', 'Turn was already finished.');
    },
    fail(turnId: string, failure: string, now: string): void {
      failTurn.run(failure, now, turnId);
    },
    anyDelivered(conversationId: string): boolean {
      return anyDelivered.get(conversationId) !== undefined;
    },
    previous(conversationId: string, beforeIdx: number, limit: number): TurnRow[] {
      return previousTurns.all(conversationId, beforeIdx, limit).reverse();
    },
    list(limit: number): ConversationRow[] {
      return recent.all(limit);
    },
    /** The conversation a turn belongs to (authorization of actions named by turn id). */
    conversationOfTurn(turnId: string): ConversationRow | undefined {
      const conversationId = turnConversation.get(turnId);
      return conversationId === undefined ? undefined : getConv.get(conversationId);
    },
    /** One desk's conversations: those its user opened. */
    listByOwner(ownerId: string, limit: number): ConversationRow[] {
      return recentOf.all(ownerId, limit);
    },
    turns(conversationId: string): TurnRow[] {
      return turnsOf.all(conversationId);
    },
  };
}
export type ConversationRepo = ReturnType<typeof conversationRepo>;

import type { Store } from '../store';
import type { EscalationOutcome, EscalationRow } from './types';

export interface NoteRow {
  id: number;
  author_id: string;
  kind: 'note' | 'response';
  body_sealed: string;
  created_at: string;
}

/**
 * The one owner of `escalations` and `escalation_notes` (migration 008): every statement is prepared once
 * per connection here and returns typed rows. The lifecycle (service.ts), the LAN adapter and retention
 * write these tables only through this repository.
 */
export function escalationRepo(store: Pick<Store, 'db'>) {
  const { db } = store;
  const byId = db.prepare<[string], EscalationRow>('SELECT * FROM escalations WHERE id = ?');
  const activeOf = db.prepare<[string], EscalationRow>(
    "SELECT * FROM escalations WHERE conversation_id = ? AND status <> 'resolved' ORDER BY created_at DESC LIMIT 1",
  );
  const ofConversation = db.prepare<[string], EscalationRow>(
    'SELECT * FROM escalations WHERE conversation_id = ? ORDER BY created_at',
  );
  const queueByStatus = db.prepare<[string, number], EscalationRow>(
    'SELECT * FROM escalations WHERE status = ? ORDER BY sla_due_at LIMIT ?',
  );
  const queue = db.prepare<[number], EscalationRow>('SELECT * FROM escalations ORDER BY sla_due_at LIMIT ?');
  const ids = db.prepare<[], { id: string }>('SELECT id FROM escalations ORDER BY created_at');
  const insert = db.prepare<[string, string, string, string, string, string, string, string, string]>(
    `INSERT INTO escalations (id, conversation_id, turn_id, subject_id, status, priority, reasons,
      packet_sealed, sla_due_at, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
  );
  const merge = db.prepare<[string, string, string, string, string]>(
    'UPDATE escalations SET reasons = ?, priority = ?, sla_due_at = ?, packet_sealed = ? WHERE id = ?',
  );
  const reasonsAndPacket = db.prepare<[string, string, string]>(
    'UPDATE escalations SET reasons = ?, packet_sealed = ? WHERE id = ?',
  );
  const claim = db.prepare<[string, string, string]>(
    "UPDATE escalations SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE id = ? AND status = 'open'",
  );
  const release = db.prepare<[string]>(
    "UPDATE escalations SET status = 'open', claimed_by = NULL, claimed_at = NULL WHERE id = ? AND status = 'claimed'",
  );
  const resolve = db.prepare<[string, string, string, string, string, string]>(
    `UPDATE escalations SET status = 'resolved', claimed_by = COALESCE(claimed_by, ?),
      claimed_at = COALESCE(claimed_at, ?), resolved_by = ?, resolved_at = ?, outcome = ?
      WHERE id = ? AND status <> 'resolved'`,
  );
  const eraseSubject = db.prepare<[string]>('DELETE FROM escalations WHERE subject_id = ?');
  const purgeResolved = db.prepare<[string]>(
    "DELETE FROM escalations WHERE status = 'resolved' AND created_at < ?",
  );
  const insertNote = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO escalation_notes (escalation_id, author_id, kind, body_sealed, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const notesOf = db.prepare<[string], NoteRow>(
    'SELECT id, author_id, kind, body_sealed, created_at FROM escalation_notes WHERE escalation_id = ? ORDER BY id',
  );
  return {
    get: (id: string): EscalationRow | undefined => byId.get(id),
    /** The open or claimed escalation of a conversation (one queue item per conversation). */
    active: (conversationId: string): EscalationRow | undefined => activeOf.get(conversationId),
    forConversation: (conversationId: string): EscalationRow[] => ofConversation.all(conversationId),
    /** The queue, soonest SLA first. */
    list: (status: string | undefined, limit: number): EscalationRow[] =>
      status ? queueByStatus.all(status, limit) : queue.all(limit),
    allIds: (): string[] => ids.all().map((r) => r.id),
    insert(row: {
      id: string;
      conversationId: string;
      turnId: string;
      subjectId: string;
      priority: string;
      reasons: readonly string[];
      packetSealed: string;
      slaDueAt: string;
      createdAt: string;
    }): void {
      insert.run(
        row.id,
        row.conversationId,
        row.turnId,
        row.subjectId,
        row.priority,
        JSON.stringify(row.reasons),
        row.packetSealed,
        row.slaDueAt,
        row.createdAt,
      );
    },
    merge(
      id: string,
      m: { reasons: readonly string[]; priority: string; slaDueAt: string; packetSealed: string },
    ) {
      merge.run(JSON.stringify(m.reasons), m.priority, m.slaDueAt, m.packetSealed, id);
    },
    setReasonsAndPacket(id: string, reasons: readonly string[], packetSealed: string): void {
      reasonsAndPacket.run(JSON.stringify(reasons), packetSealed, id);
    },
    /** Only an open escalation is claimed; false when it was not open any more. */
    claim: (id: string, by: string, at: string): boolean => claim.run(by, at, id).changes === 1,
    release: (id: string): boolean => release.run(id).changes === 1,
    /** Resolves unless already resolved; an unclaimed one counts as claimed by whoever resolved it. */
    resolve: (id: string, by: string, at: string, outcome: EscalationOutcome): boolean =>
      resolve.run(by, at, by, at, outcome, id).changes === 1,
    eraseSubject: (subjectId: string): number => eraseSubject.run(subjectId).changes,
    /** Resolved escalations created before `cutoff` (open ones are never purged: a person owes an answer). */
    purgeResolved: (cutoff: string): number => purgeResolved.run(cutoff).changes,
    addNote(
      escalationId: string,
      authorId: string,
      kind: NoteRow['kind'],
      bodySealed: string,
      at: string,
    ): number {
      return Number(insertNote.run(escalationId, authorId, kind, bodySealed, at).lastInsertRowid);
    },
    notes: (escalationId: string): NoteRow[] => notesOf.all(escalationId),
  };
}
export type EscalationRepo = ReturnType<typeof escalationRepo>;

import { OVERRIDE_REASON_MIN } from '../../../shared/contract';
import { z } from 'zod';
import { UserError } from '../../../shared/errors';
import { createPolicySupervisor, type OutputRails } from '../agents';
import type { AuditActor } from '../audit';
import type { PolicyPack } from '../policy';
import * as privacy from '../privacy';
import type { Store } from '../store';
import type { ConversationRow, TurnRow } from './conversations';
import { realPrivacy } from './service';
import type { AuditAppender } from './types';

export interface DraftDecision {
  status: 'sent' | 'discarded';
  edited: boolean;
  /** The text as sent; null for a discard, or once the subject is erased. */
  text: string | null;
  flags: string[];
  overridden: boolean;
  actorId: string;
  decidedAt: string;
}

export interface Whisper {
  id: number;
  escalationId: string;
  authorId: string;
  text: string | null;
  createdAt: string;
}

/**
 * The output rails' findings as stable codes: what the desk shows in words and the ledger records.
 * Same rails as the turn's own output stage (forbidden advice, PII echo, disclosures, tone, promises).
 */
export function railFlags(o: OutputRails): string[] {
  return [
    ...o.forbiddenAdvice.map((f) => `forbidden_advice:${f.topicId}`),
    ...o.piiEcho.map((p) => `pii_echo:${p}`),
    ...o.missingDisclosures.map((d) => `missing_disclosure:${d}`),
    ...o.toneViolations.map((t) => `tone:${t}`),
    ...o.promises.map((p) => `promise:${p}`),
  ];
}

/**
 * Checks staff-edited text with the pack's policy supervisor. The turn's own draft already passed the
 * rails (and the safety net), so what it says is public here: an edit is judged on what it adds.
 */
export function checkEdited(
  pack: PolicyPack,
  input: { text: string; draft: string; customerText: string; firstReply: boolean },
): string[] {
  const supervisor = createPolicySupervisor(pack, realPrivacy);
  const customerPii = privacy
    .detectPii(input.customerText)
    .map((s) => input.customerText.slice(s.start, s.end));
  const rails = supervisor.outputRails({
    draft: input.text,
    customerPii,
    cited: [
      { chunkId: 'draft', docId: 'draft', title: 'draft', text: input.draft },
      { chunkId: 'pack', docId: 'pack', title: 'pack', text: Object.values(pack.templates).join(' ') },
    ],
    customerText: input.customerText,
    firstReply: input.firstReply,
  });
  return railFlags(rails);
}

/**
 * Draft review: a turn's reply waits for the staff member, who sends it as is, edits and sends it, or
 * discards it. The pipeline (and so `confidant turn` and the eval runner) is unchanged: this records
 * the staff member's decision beside the turn (migration 019).
 */
export function deskReview(store: Store, audit: AuditAppender, now: () => Date = () => new Date()) {
  const db = store.db;
  const getDecision = db.prepare<
    [string],
    {
      status: 'sent' | 'discarded';
      edited: number;
      text_sealed: string | null;
      flags: string;
      override_reason: string | null;
      actor_id: string;
      decided_at: string;
    }
  >('SELECT * FROM turn_drafts WHERE turn_id = ?');
  const insertDecision = db.prepare(
    `INSERT INTO turn_drafts (turn_id, status, edited, text_sealed, flags, override_reason, actor_id, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  /** Null once the subject's key is shredded (erasure, retention). */
  const openOrNull = (subjectId: string, envelope: string): string | null => {
    try {
      return store.cipher.open(subjectId, envelope);
    } catch {
      return null;
    }
  };

  function decision(conv: ConversationRow, turnId: string): DraftDecision | null {
    const row = getDecision.get(turnId);
    if (!row) return null;
    const text = row.text_sealed ? openOrNull(conv.subject_id, row.text_sealed) : null;
    return {
      status: row.status,
      edited: row.edited === 1,
      text,
      flags: JSON.parse(row.flags) as string[],
      overridden: row.override_reason !== null,
      actorId: row.actor_id,
      decidedAt: row.decided_at,
    };
  }

  function requireUndecided(turn: TurnRow) {
    if (turn.status !== 'done') throw new UserError('CONFLICT', 'This turn has no finished draft yet.');
    if (getDecision.get(turn.id))
      throw new UserError('CONFLICT', 'This draft was already sent or discarded.');
  }

  return {
    decision,
    /**
     * Sends the draft (as is or edited). Text the rails flag is sent only with a reason, recorded as an
     * override; without one nothing is sent and the flags come back for the staff member to fix.
     */
    send(input: {
      conv: ConversationRow;
      turn: TurnRow;
      draft: string;
      text: string;
      customerText: string;
      pack: PolicyPack;
      reason: string | undefined;
      actor: AuditActor;
    }): { sent: boolean; flags: string[]; edited: boolean; auditSeq: number | null } {
      requireUndecided(input.turn);
      const text = input.text.trim();
      if (text.length === 0) throw new UserError('VALIDATION', 'The reply is empty: write it or discard it.');
      const edited = text !== input.draft.trim();
      const flags = edited
        ? checkEdited(input.pack, {
            text,
            draft: input.draft,
            customerText: input.customerText,
            firstReply: input.turn.idx === 0,
          })
        : [];
      const reason = input.reason?.trim() ?? '';
      if (flags.length > 0 && reason.length < OVERRIDE_REASON_MIN)
        return { sent: false, flags, edited, auditSeq: null };
      const at = now().toISOString();
      const overridden = flags.length > 0;
      const seq = db.transaction(() => {
        insertDecision.run(
          input.turn.id,
          'sent',
          edited ? 1 : 0,
          store.cipher.seal(input.conv.subject_id, text),
          JSON.stringify(flags),
          overridden ? store.cipher.seal(input.conv.subject_id, reason) : null,
          input.actor.id,
          at,
        );
        return audit.append({
          type: overridden ? 'desk.reply_overridden' : 'desk.reply_sent',
          actor: input.actor,
          subject: input.conv.subject_id,
          payload: {
            conversationId: input.conv.id,
            turnId: input.turn.id,
            edited,
            chars: text.length,
            flags,
            // Free text typed by staff: masked like any audit payload, in case it names the customer.
            ...(overridden ? { reason: privacy.boundaries.forAudit(reason) } : {}),
          },
        }).seq;
      })();
      return { sent: true, flags, edited, auditSeq: seq };
    },
    discard(input: { conv: ConversationRow; turn: TurnRow; actor: AuditActor }): { auditSeq: number } {
      requireUndecided(input.turn);
      const at = now().toISOString();
      const seq = db.transaction(() => {
        insertDecision.run(input.turn.id, 'discarded', 0, null, '[]', null, input.actor.id, at);
        return audit.append({
          type: 'desk.draft_discarded',
          actor: input.actor,
          subject: input.conv.subject_id,
          payload: { conversationId: input.conv.id, turnId: input.turn.id },
        }).seq;
      })();
      return { auditSeq: seq };
    },
    /** A supervisor's private word to the agent on an escalation (never shown to the customer). */
    whisper(input: {
      escalationId: string;
      conversationId: string;
      subjectId: string;
      resolved: boolean;
      actor: AuditActor;
      text: string;
    }): number {
      if (input.resolved) throw new UserError('CONFLICT', 'Escalation is already resolved.');
      const body = input.text.trim();
      if (body.length === 0) throw new UserError('VALIDATION', 'A whisper needs some words.');
      const at = now().toISOString();
      return db.transaction(() => {
        const info = db
          .prepare(
            'INSERT INTO escalation_whispers (escalation_id, author_id, body_sealed, created_at) VALUES (?, ?, ?, ?)',
          )
          .run(input.escalationId, input.actor.id, store.cipher.seal(input.subjectId, body), at);
        const id = Number(info.lastInsertRowid);
        audit.append({
          type: 'escalation.whispered',
          actor: input.actor,
          subject: input.subjectId,
          payload: {
            escalationId: input.escalationId,
            conversationId: input.conversationId,
            whisperId: id,
            chars: body.length,
          },
        });
        return id;
      })();
    },
    whispers(escalationId: string, subjectId: string): Whisper[] {
      return db
        .prepare<
          [string],
          { id: number; escalation_id: string; author_id: string; body_sealed: string; created_at: string }
        >('SELECT * FROM escalation_whispers WHERE escalation_id = ? ORDER BY id')
        .all(escalationId)
        .map((w) => ({
          id: w.id,
          escalationId: w.escalation_id,
          authorId: w.author_id,
          text: openOrNull(subjectId, w.body_sealed),
          createdAt: w.created_at,
        }));
    },
  };
}

export type DeskReview = ReturnType<typeof deskReview>;

const CitedStateSchema = z.object({
  passages: z.array(
    z.object({ chunkId: z.string(), docId: z.string(), title: z.string(), text: z.string() }),
  ),
  draft: z
    .object({ citedDocIds: z.array(z.string()) })
    .nullable()
    .optional(),
});

/**
 * The knowledge-base passages a turn's draft cited, from the turn's final (sealed) state: the desk shows
 * them as chips that open the passage. KB text is public; nothing of the customer's is returned.
 */
export function citationsOf(
  store: Store,
  conv: ConversationRow,
  turnId: string,
  last: { state_sealed: string } | undefined,
): Array<{ docId: string; chunkId: string; title: string; text: string }> {
  if (!last) return [];
  let json: unknown;
  try {
    const opened = store.cipher.open(conv.subject_id, last.state_sealed);
    if (opened === null) return [];
    json = JSON.parse(opened);
  } catch {
    // Erased or unreadable: no chips, never an error on the conversation view.
    return [];
  }
  const state = CitedStateSchema.safeParse(json);
  if (!state.success) return [];
  const cited = new Set(state.data.draft?.citedDocIds ?? []);
  const seen = new Set<string>();
  return state.data.passages.filter((p) => {
    if (!cited.has(p.docId) || seen.has(p.docId)) return false;
    seen.add(p.docId);
    return true;
  });
}

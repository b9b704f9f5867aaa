/**
 * Turns interrupted by a crash stay `running` with the customer's text stored until someone retries them
 * with the same idempotency key, which may never happen. A long-lived desk (app, browser mode) sweeps
 * them at start-up and then every minute: a turn that reached a checkpoint, whose policy is still known
 * and whose customer is not erased is finished from that checkpoint (the normal resume path, so nothing
 * is applied twice); any other is marked failed and audited (`turn.interrupted`, ids and a reason only).
 * A failed turn's text then simply follows the transcript retention window of its conversation.
 */
import type { Logger } from '../log';
import { withSynchronous, type Store } from '../store';
import type { AuditAppender, TurnInput } from './types';

/** A turn younger than this may still be running in another process on the same store. */
export const INTERRUPTED_AFTER_MS = 120_000;

export type InterruptReason = 'no_checkpoint' | 'policy_unavailable' | 'subject_erased' | 'resume_failed';

export interface RecoveryReport {
  resumed: string[];
  failed: Array<{ turnId: string; reason: InterruptReason }>;
}

export interface RecoveryOptions {
  store: Store;
  audit: AuditAppender;
  log: Logger;
  /** Whether the policy pack a turn started under is still available (resuming needs the same pack). */
  packExists: (hash: string) => boolean;
  /** Finishes a turn through the pipeline's own retry path (same key, same text). */
  resume: (input: Pick<TurnInput, 'conversationId' | 'text' | 'idempotencyKey'>) => Promise<unknown>;
  now?: () => Date;
  staleAfterMs?: number;
}

interface RunningTurn {
  id: string;
  conversation_id: string;
  idempotency_key: string;
  customer_sealed: string;
  pack_hash: string;
  subject_id: string;
  checkpoints: number;
}

export async function recoverInterruptedTurns(options: RecoveryOptions): Promise<RecoveryReport> {
  const { store, audit, log } = options;
  const now = options.now ?? (() => new Date());
  const cutoff = new Date(now().getTime() - (options.staleAfterMs ?? INTERRUPTED_AFTER_MS)).toISOString();
  const rows = store.db
    .prepare<[string], RunningTurn>(
      `SELECT t.id, t.conversation_id, t.idempotency_key, t.customer_sealed, t.pack_hash, c.subject_id,
         (SELECT count(*) FROM turn_checkpoints k WHERE k.turn_id = t.id) AS checkpoints
       FROM turns t JOIN conversations c ON c.id = t.conversation_id
       WHERE t.status = 'running' AND t.started_at <= ? ORDER BY t.started_at`,
    )
    .all(cutoff);
  const report: RecoveryReport = { resumed: [], failed: [] };
  const fail = (t: RunningTurn, reason: InterruptReason): void => {
    const changed = withSynchronous(store.db, 'FULL', () =>
      store.db.transaction(() => {
        const n = store.db
          .prepare(
            "UPDATE turns SET status = 'failed', failure = ?, finished_at = ? WHERE id = ? AND status = 'running'",
          )
          .run(`interrupted:${reason}`, now().toISOString(), t.id).changes;
        if (n === 1)
          audit.append({
            type: 'turn.interrupted',
            actor: { kind: 'system', id: 'pipeline', role: 'recovery' },
            subject: t.subject_id,
            payload: { turn: t.id, conversation: t.conversation_id, reason },
          });
        return n;
      })(),
    );
    if (changed === 1) report.failed.push({ turnId: t.id, reason });
  };
  for (const t of rows) {
    const text = store.cipher.open(t.subject_id, t.customer_sealed);
    if (text === null) fail(t, 'subject_erased');
    else if (t.checkpoints === 0) fail(t, 'no_checkpoint');
    else if (!options.packExists(t.pack_hash)) fail(t, 'policy_unavailable');
    else {
      try {
        await options.resume({ conversationId: t.conversation_id, text, idempotencyKey: t.idempotency_key });
        report.resumed.push(t.id);
      } catch (err) {
        log.warn(
          { turn: t.id, code: (err as { code?: string }).code },
          'interrupted turn could not be resumed',
        );
        fail(t, 'resume_failed');
      }
    }
  }
  if (report.resumed.length + report.failed.length > 0)
    log.info({ resumed: report.resumed.length, failed: report.failed.length }, 'interrupted turns recovered');
  return report;
}

import type { RetentionTarget } from '../retention';
import type { Store } from '../store';

const DAY_MS = 86_400_000;

export interface PipelineRetentionWindows {
  transcript: number;
  escalation_packet: number;
}

/**
 * Transcripts (conversations with their turns and checkpoints, by cascade) and escalation packets have
 * their own windows in the pack. Open escalations are never purged: a human still owes an answer.
 */
export function pipelineRetentionTargets(
  store: Pick<Store, 'db'>,
  windows: PipelineRetentionWindows,
): RetentionTarget[] {
  const { db } = store;
  const cutoff = (now: number, days: number) => new Date(now - days * DAY_MS).toISOString();
  const purgeEscalations = db.prepare<[string]>(
    "DELETE FROM escalations WHERE status = 'resolved' AND created_at < ?",
  );
  const purgeConversations = db.prepare<[string]>(
    `DELETE FROM conversations WHERE updated_at < ?
       AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.conversation_id = conversations.id AND e.status != 'resolved')`,
  );
  const eraseEscalations = db.prepare<[string]>('DELETE FROM escalations WHERE subject_id = ?');
  const eraseConversations = db.prepare<[string]>('DELETE FROM conversations WHERE subject_id = ?');
  return [
    {
      name: 'escalation_packet',
      purgeExpired: (now) => purgeEscalations.run(cutoff(now, windows.escalation_packet)).changes,
      eraseSubject: (subjectId) => eraseEscalations.run(subjectId).changes,
    },
    {
      name: 'transcript',
      purgeExpired: (now) => purgeConversations.run(cutoff(now, windows.transcript)).changes,
      eraseSubject: (subjectId) => eraseConversations.run(subjectId).changes,
    },
  ];
}

import type { RetentionTarget } from '../retention';
import type { Store } from '../store';

const DAY_MS = 86_400_000;

export interface PipelineRetentionWindows {
  transcript: number;
}

/**
 * Transcripts (conversations with their turns and checkpoints, by cascade) have their own window in the
 * pack. A conversation with an open escalation is kept: a human still owes an answer (the escalation
 * packets are the escalations module's target).
 */
export function pipelineRetentionTargets(
  store: Pick<Store, 'db'>,
  windows: PipelineRetentionWindows,
): RetentionTarget[] {
  const { db } = store;
  const cutoff = (now: number, days: number) => new Date(now - days * DAY_MS).toISOString();
  const purgeConversations = db.prepare<[string]>(
    `DELETE FROM conversations WHERE updated_at < ?
       AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.conversation_id = conversations.id AND e.status != 'resolved')`,
  );
  const eraseConversations = db.prepare<[string]>('DELETE FROM conversations WHERE subject_id = ?');
  return [
    {
      name: 'transcript',
      purgeExpired: (now) => purgeConversations.run(cutoff(now, windows.transcript)).changes,
      eraseSubject: (subjectId) => eraseConversations.run(subjectId).changes,
    },
  ];
}

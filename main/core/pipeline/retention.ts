import type { RetentionTarget } from '../retention';
import type { Store } from '../store';

const DAY_MS = 86_400_000;

export interface PipelineRetentionWindows {
  transcript: number;
}

/**
 * Transcripts (conversations with their turns and checkpoints, by cascade) have their own window in the
 * pack. A conversation with an open escalation is kept: a human still owes an answer. Which ones those are
 * is the escalations module's knowledge, handed in as `held` (the container wires
 * `openEscalationConversations`), so this module reads no table it does not own.
 */
export function pipelineRetentionTargets(
  store: Pick<Store, 'db'>,
  windows: PipelineRetentionWindows,
  held: () => readonly string[],
): RetentionTarget[] {
  const { db } = store;
  const cutoff = (now: number, days: number) => new Date(now - days * DAY_MS).toISOString();
  const purgeConversations = db.prepare<[string, string]>(
    'DELETE FROM conversations WHERE updated_at < ? AND id NOT IN (SELECT value FROM json_each(?))',
  );
  const eraseConversations = db.prepare<[string]>('DELETE FROM conversations WHERE subject_id = ?');
  return [
    {
      name: 'transcript',
      purgeExpired: (now) =>
        purgeConversations.run(cutoff(now, windows.transcript), JSON.stringify(held())).changes,
      eraseSubject: (subjectId) => eraseConversations.run(subjectId).changes,
    },
  ];
}

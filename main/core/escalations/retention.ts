import type { RetentionTarget, Store } from '../store';
import { escalationRepo } from './repo';

const DAY_MS = 86_400_000;

/**
 * Escalation packets have their own window in the pack. Open escalations are never purged: a human still
 * owes an answer. Listed before the transcripts, whose purge waits for a conversation's escalations.
 */
export function escalationRetentionTarget(
  store: Parameters<typeof escalationRepo>[0],
  days: number,
): RetentionTarget {
  const repo = escalationRepo(store);
  return {
    name: 'escalation_packet',
    purgeExpired: (now) => repo.purgeResolved(new Date(now - days * DAY_MS).toISOString()),
    eraseSubject: (subjectId) => repo.eraseSubject(subjectId),
  };
}

/**
 * The conversations with an escalation not yet resolved: the transcripts' purge keeps them (the pipeline
 * owns them, this module knows which are held). The statement is prepared once; each call reads afresh.
 */
export function openEscalationConversations(store: Pick<Store, 'db'>): () => string[] {
  const open = store.db
    .prepare<[], string>("SELECT DISTINCT conversation_id FROM escalations WHERE status != 'resolved'")
    .pluck();
  return () => open.all();
}

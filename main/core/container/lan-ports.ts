import type { AuditLedger } from '../audit';
import { escalationService, type EscalationService } from '../escalations';
import type { LanEscalations, LanPorts } from '../lan';
import type { Logger } from '../log';
import type { Flags } from '../../../shared/flags';
import { conversationRepo, type ConversationRepo } from '../pipeline';
import type { PolicyDomain } from '../policy';
import type { Store } from '../store';
import type { UserDirectory } from '../users';
import type { CoreEvents } from './events';

const DOMAINS = new Set(['bank', 'clinic', 'generic']);

/**
 * Adapts the escalations module to the LAN's port. The escalation tables are written by that module, the
 * conversation shells of a supervisor desk by the pipeline's conversation repository: this file only
 * translates between the LAN's shapes and theirs.
 */
export function lanEscalations(
  store: Store,
  audit: AuditLedger,
  now: () => Date = () => new Date(),
  /** The rehydrateForStaff flag of this (the staff) desk: the staff desk decides whether originals may leave. */
  revealAllowed: () => boolean = () => false,
  conversations: ConversationRepo = conversationRepo(store),
  svc: EscalationService = escalationService({ store, audit, conversations, now }),
): LanEscalations {
  const user = (a: { id: string; role: string }) => ({ kind: 'user' as const, id: a.id, role: a.role });
  return {
    snapshot(id) {
      const r = svc.row(id);
      if (!r) return null;
      const packet: unknown = svc.get(id).packet;
      return {
        id: r.id,
        conversationId: r.conversation_id,
        turnId: r.turn_id,
        subjectId: r.subject_id,
        domain: conversations.get(r.conversation_id)?.domain ?? 'generic',
        status: r.status,
        priority: r.priority,
        reasons: JSON.parse(r.reasons) as string[],
        createdAt: r.created_at,
        slaDueAt: r.sla_due_at,
        claimedBy: r.claimed_by,
        packet,
      };
    },
    idsForConversation: (cid) => svc.forConversation(cid).map((e) => e.id),
    allIds: () => svc.allIds(),
    importRemote(s, receivedAt, slaMs) {
      if (!svc.row(s.id)) {
        const domain = DOMAINS.has(s.domain) ? (s.domain as PolicyDomain) : 'generic';
        conversations.ensureShell(s.conversationId, domain, s.subjectId, receivedAt);
      }
      return svc.importRemote(s, receivedAt, slaMs);
    },
    claim: (id, a) => void svc.claim(id, user(a)),
    release: (id, a) => svc.release(id, user(a)),
    note: (id, a, text, kind) => void svc.note(id, user(a), text, kind),
    resolve: (id, a, outcome) => void svc.resolve(id, user(a), outcome),
    applyRemote: (id, change) => svc.applyRemote(id, change),
    // The supervisor's claim arrived as their name (applyRemote), so the reveal acts as that name.
    revealForRemote: (id, by, reason) =>
      Promise.resolve(
        svc.reveal(id, { kind: 'user', id: by, role: 'supervisor' }, reason, { allowed: revealAllowed() }),
      ),
    eraseSubject(subjectId) {
      // The supervisor desk's copy only: packets, notes (cascade), the conversation shell, then the key.
      const deleted = svc.eraseSubject(subjectId);
      conversations.deleteShells(subjectId);
      store.cipher.shred(subjectId, 'request');
      return deleted;
    },
  };
}

export function lanPorts(deps: {
  store: Store;
  audit: AuditLedger;
  users: UserDirectory;
  events: CoreEvents;
  log: Logger;
  flags?: Pick<Flags, 'rehydrateForStaff'>;
  /** The container's conversations and escalation queue; built on the store when absent (tests). */
  conversations?: ConversationRepo;
  escalations?: EscalationService;
}): LanPorts {
  const conversations = deps.conversations ?? conversationRepo(deps.store);
  return {
    escalations: lanEscalations(
      deps.store,
      deps.audit,
      undefined,
      () => deps.flags?.rehydrateForStaff === true,
      conversations,
      deps.escalations ?? escalationService({ store: deps.store, audit: deps.audit, conversations }),
    ),
    audit: deps.audit,
    users: { findByName: (n) => deps.users.findByName(n) },
    events: deps.events,
    log: { info: (o, m) => deps.log.info(o, m), warn: (o, m) => deps.log.warn(o, m) },
  };
}

import { BugError, UserError } from '../../../shared/errors';
import { createEscalationHandler, type HandoffPrivacyPort } from '../agents';
import type { AuditActor } from '../audit';
import type { Store } from '../store';
import type { ConversationRepo } from './conversations';
import type { EscalationService, EscalationSummary, SuggestionRepo } from './escalations';
import type { PipelinePolicies } from './types';

/**
 * The closed reason set has no "staff decided" code, and adding one would move the eval-scenario contract.
 * A staff member escalates a calm conversation because the customer needs a person, so the packet says
 * `customer_request` and its rationale and audit entry (`via: 'staff'`) say who actually asked.
 */
export const STAFF_ESCALATION_REASON = 'customer_request' as const;
const RATIONALE =
  'Escalated by desk staff: no rule fired; the staff member judged that the customer needs a person.';
/** Roles that may escalate from the desk, as for the one-click escalation of a suggestion. */
const DESK_ROLES = new Set(['agent', 'supervisor', 'admin']);
const TRANSCRIPT_TURNS = 20;

export interface StaffEscalationDeps {
  store: Store;
  privacy: HandoffPrivacyPort;
  policies: PipelinePolicies;
  conversations: ConversationRepo;
  escalations: EscalationService;
  suggestions: SuggestionRepo;
  now: () => Date;
}

/**
 * One click on any open conversation: a pending suggestion on its newest turn is escalated as it was
 * suggested (its packet names the guards that fired); otherwise a packet is built from the conversation's
 * transcript, pseudonymised by the same handler and vault as an automatic one, with the pack's priority
 * and SLA for a customer's request. Audited as `escalation.opened` by the staff member.
 */
export function staffEscalation(deps: StaffEscalationDeps) {
  return function escalateConversation(conversationId: string, actor: AuditActor): EscalationSummary {
    if (actor.kind !== 'user' || !DESK_ROLES.has(actor.role))
      throw new UserError('FORBIDDEN', 'Only desk staff, a supervisor or an admin can escalate.');
    const conv = deps.conversations.get(conversationId);
    if (!conv) throw new UserError('NOT_FOUND', `No conversation ${conversationId}.`);
    if (deps.escalations.activeFor(conversationId))
      throw new UserError('CONFLICT', 'This conversation is already with a supervisor.');
    const done = deps.conversations.turns(conversationId).filter((t) => t.status === 'done');
    const newest = done.at(-1);
    if (!newest) throw new UserError('CONFLICT', 'Nothing to escalate yet: the conversation has no turn.');
    if (deps.suggestions.row(newest.id)?.status === 'pending')
      return deps.escalations.escalateSuggestion(newest.id, actor);

    const open = (envelope: string): string => {
      const text = deps.store.cipher.open(conv.subject_id, envelope);
      if (text === null)
        throw new UserError('CONFLICT', 'The customer of this conversation has been erased.');
      return text;
    };
    const transcript: Array<{ role: 'customer' | 'agent'; text: string }> = [];
    for (const row of done.slice(-TRANSCRIPT_TURNS)) {
      transcript.push({ role: 'customer', text: open(row.customer_sealed) });
      const result = row.result_sealed
        ? (JSON.parse(open(row.result_sealed)) as { delivered?: boolean; reply?: string })
        : null;
      if (result?.delivered && result.reply) transcript.push({ role: 'agent', text: result.reply });
    }
    const { pack } = deps.policies.active(conv.domain);
    const at = deps.now();
    const built = createEscalationHandler(pack, deps.privacy).packet({
      conversationId,
      turnId: newest.id,
      transcript,
      guards: [],
      reasons: [STAFF_ESCALATION_REASON],
      sentiment: null,
      facts: null,
      riskScore: null,
      model: null,
      kbSnapshot: null,
      now: at,
    });
    // No guard fired, so the handler found no rule: take the pack's own terms for a customer's request.
    const rule = pack.escalation.find((r) => r.reason === STAFF_ESCALATION_REASON);
    const packet = {
      ...built,
      rationale: RATIONALE,
      ...(rule
        ? {
            priority: rule.priority,
            slaDueAt: new Date(at.getTime() + rule.slaMinutes * 60_000).toISOString(),
          }
        : {}),
    };
    const id = deps.store.db.transaction(() => {
      const opened = deps.escalations.open({
        conversationId,
        subjectId: conv.subject_id,
        packet,
        actor,
        staffId: actor.id,
        via: 'staff',
      });
      deps.conversations.setStatus(conversationId, 'escalated', at.toISOString());
      return opened.id;
    })();
    const summary = deps.escalations.activeFor(conversationId);
    if (summary?.id !== id) throw new BugError('the staff escalation is not the active one');
    return summary;
  };
}

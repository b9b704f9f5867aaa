import { REVEAL_REASON_MIN } from '../../../shared/contract';
import { UserError } from '../../../shared/errors';
import { HandoffPacketSchema, type HandoffPacket } from '../agents';
import type { AuditActor, AuditLedger } from '../audit';
import * as privacy from '../privacy';
import type { Store } from '../store';
import { MAX_NOTE, type EscalationReveal, type EscalationRow } from './types';

/** Who may reveal originals: supervisors only (see docs/PRIVACY.md, "Revealing originals"). */
const REVEAL_ROLES = new Set(['supervisor']);

/**
 * Rehydrates the packet's pseudonym tokens (<PERSON_1>) from the conversation's vault for the
 * supervisor who has claimed the escalation, when the rehydrateForStaff flag allows it. The result is
 * for display only; the reveal is audited first (actor, reason masked, counts and types), so a
 * reveal that could not be recorded is never shown. The row is read only once the caller's rights and
 * reason have been checked, so a refused reveal does not tell whether the escalation exists.
 */
export function revealPacket(
  deps: { store: Store; audit: Pick<AuditLedger, 'append'> },
  actor: AuditActor,
  reason: string,
  options: { allowed: boolean },
  load: () => EscalationRow,
): EscalationReveal {
  const { store, audit } = deps;
  if (!options.allowed)
    throw new UserError('FORBIDDEN', 'Revealing originals is turned off (flag rehydrateForStaff).');
  if (actor.kind !== 'user' || !REVEAL_ROLES.has(actor.role))
    throw new UserError('FORBIDDEN', 'Only a supervisor can reveal the originals of a handoff packet.');
  const why = reason.trim();
  if (why.length < REVEAL_REASON_MIN || why.length > MAX_NOTE)
    throw new UserError(
      'VALIDATION',
      `A reveal needs a reason of ${REVEAL_REASON_MIN}-${MAX_NOTE} characters.`,
    );
  const row = load();
  if (row.status !== 'claimed' || row.claimed_by !== actor.id)
    throw new UserError('CONFLICT', 'Claim the escalation before revealing its originals.');
  const opened = store.cipher.open(row.subject_id, row.packet_sealed);
  const packet = opened === null ? null : HandoffPacketSchema.parse(JSON.parse(opened));
  const found = new Map<string, boolean>();
  let transcript: HandoffPacket['transcript'] = [];
  let verifiedFacts: HandoffPacket['verifiedFacts'] = [];
  if (packet) {
    const vault = privacy.createPseudonymizer(store, {
      conversationId: row.conversation_id,
      subjectId: row.subject_id,
    });
    const show = (text: string) => {
      for (const [token] of text.matchAll(privacy.TOKEN_RE))
        if (!found.has(token)) found.set(token, vault.rehydrate(token) !== token);
      return privacy.boundaries.forStaffView(text, vault, { revealAllowed: true });
    };
    transcript = packet.transcript.map((t) => ({ role: t.role, text: show(t.text) }));
    verifiedFacts = packet.verifiedFacts.map((f) => ({ ...f, claim: show(f.claim) }));
  }
  const revealedTokens = [...found].filter(([, ok]) => ok).map(([t]) => t);
  const types = [...new Set(revealedTokens.map((t) => t.slice(1, t.lastIndexOf('_'))))].sort();
  const unresolved = found.size - revealedTokens.length;
  const { seq } = audit.append({
    type: 'escalation.pii_revealed',
    actor,
    subject: row.subject_id,
    payload: {
      escalationId: row.id,
      conversationId: row.conversation_id,
      // Free text typed by staff: masked like any audit payload, in case it names the customer.
      reason: privacy.boundaries.forAudit(why),
      revealed: revealedTokens.length,
      types,
      unresolved,
      erased: packet === null,
    },
  });
  const notice =
    packet === null
      ? 'The customer has been erased: the packet and its originals are gone, nothing was revealed.'
      : unresolved > 0
        ? `${unresolved} value(s) could not be revealed (erased or past retention) and stay as tokens. This reveal was audited.`
        : 'This reveal was audited. Originals are shown for this view only and are not stored.';
  return {
    escalationId: row.id,
    erased: packet === null,
    transcript,
    verifiedFacts,
    revealed: revealedTokens.length,
    types,
    unresolved,
    notice,
    auditSeq: seq,
  };
}

import { UserError } from '../../../../shared/errors';
import type { Core } from '../../container';
import type { ConversationRow } from '../../pipeline';
import type { Actor } from '../dispatch';

/** The ledger's actor shape: id and role, never the name. */
export const audited = (actor: Actor) => ({ kind: 'user' as const, id: actor.id, role: actor.role });

/**
 * An agent works their own desk only; supervisors may step into any conversation. A refusal is audited
 * (`auth.denied`, procedure and role only) before it is thrown.
 */
export function requireOwnDesk(
  core: Pick<Core, 'audit'>,
  actor: Actor,
  conv: Pick<ConversationRow, 'owner_id'> | undefined,
  procedure: string,
): void {
  if (actor.role !== 'agent' || !conv || conv.owner_id === actor.id) return;
  core.audit.append({
    type: 'auth.denied',
    actor: audited(actor),
    subject: null,
    payload: { procedure, role: actor.role },
  });
  throw new UserError('FORBIDDEN', 'This conversation belongs to another desk.');
}

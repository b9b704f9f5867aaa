import { UserError } from '../../../../shared/errors';
import type { AuditActor } from '../../audit';
import type { Core } from '../../container';

/** The acting staff member, from the user directory: the role decides what each procedure lets them do. */
export function actorFor(core: Core, userId: string): AuditActor {
  const user = core.users.get(userId);
  if (!user || user.disabled) throw new UserError('UNAUTHORIZED', 'Unknown or disabled user.');
  return { kind: 'user', id: user.id, role: user.role };
}

import type { Core } from '../../container';
import type { Handlers } from '../dispatch';
import { auditHandlers } from './audit';
import { adminHandlers } from './admin';
import { complianceHandlers } from './compliance';
import { authHandlers } from './auth';
import { deskHandlers } from './desk';
import { deskReviewHandlers } from './desk-review';
import { retentionHandlers } from './retention';
import { statusHandlers } from './status';
import { usersHandlers } from './users';

/** Every procedure's handler, per domain. The `Handlers` type makes a missing procedure a type error. */
export function createHandlers(core: Core): Handlers {
  return {
    ...authHandlers(core),
    ...statusHandlers(core),
    ...deskHandlers(core),
    ...deskReviewHandlers(core),
    ...usersHandlers(core),
    ...retentionHandlers(core),
    ...auditHandlers(core),
    ...complianceHandlers(core),
    ...adminHandlers(core),
  };
}

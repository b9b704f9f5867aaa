export {
  actorOf,
  authorize,
  createDispatcher,
  type Actor,
  type AuthDeps,
  type Authorization,
  type HandlerContext,
  type CallContext,
  type DispatcherOptions,
  type Dispatch,
  type Handler,
  type Handlers,
} from './dispatch';
export { createHandlers } from './handlers';

import type { Core } from '../container';
import { createDispatcher, type DispatcherOptions } from './dispatch';
import { createHandlers } from './handlers';

/** The dispatcher over a core's handlers, users, sessions and ledger: what every transport serves. */
export function createCoreDispatcher(core: Core, options: DispatcherOptions = {}) {
  return createDispatcher(createHandlers(core), core.log, core, options);
}

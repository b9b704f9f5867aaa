export { createDispatcher, type Dispatch, type Handlers } from './dispatch';
export { createHandlers } from './handlers';

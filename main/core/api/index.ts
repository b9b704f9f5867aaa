export {
  createDispatcher,
  type CallContext,
  type DispatcherOptions,
  type Dispatch,
  type Handler,
  type Handlers,
} from './dispatch';
export { createHandlers } from './handlers';

import { createContext, useContext } from 'react';
import type { ConfidantApi } from '../../../shared/contract';
import type { BridgeClient } from './bridge-client';

export interface ApiContextValue {
  api: ConfidantApi;
  /** Server push: SSE in browser mode, the preload's IPC events in the desktop app. */
  events: Pick<BridgeClient, 'subscribe'> | null;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

export function useApi(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi outside <ApiContext.Provider>');
  return value;
}

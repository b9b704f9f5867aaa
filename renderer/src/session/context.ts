import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../shared/contract';

export interface SessionValue {
  info: SessionInfo;
  /** Re-reads the session (after a PIN change, say). */
  refresh(): void;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in user: pages take who is acting from here, never from a picker. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionContext.Provider>');
  return value;
}

import { createContext, useContext } from 'react';
import type { SessionResponse as Session } from './api-types.ts';

export const SessionContext = createContext<{ session: Session; refresh: () => Promise<void> } | undefined>(undefined);

export function useSession() {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside the app');
  return value;
}

/** Whether the signed-in user may change sites (every role but viewer; the server decides, this only says so). */
export function useMayEdit(): boolean {
  const role = useSession().session.user?.role;
  return role !== undefined && role !== 'viewer';
}

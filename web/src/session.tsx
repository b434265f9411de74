import { createContext, useContext } from 'react';
import type { SessionResponse as Session } from './api-types.ts';

export const SessionContext = createContext<{ session: Session; refresh: () => Promise<void> } | undefined>(undefined);

export function useSession() {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside the app');
  return value;
}

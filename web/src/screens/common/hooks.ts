import { useSession } from '../../session.tsx';
import type { SessionUser } from './types.ts';

export { useApi } from '../../use-api.ts';

/** Who is logged in (the role decides which buttons a screen offers; the server decides what is allowed). */
export function useSessionUser(): SessionUser | null {
  return useSession().session.user;
}

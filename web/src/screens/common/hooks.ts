import { useCallback, useEffect, useRef, useState } from 'react';
import { apiGet } from './api.js';
import type { SessionUser } from './types.js';

export interface Async<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Runs `load` when `key` changes (and on reload); a late answer for an older key is dropped. */
export function useAsync<T>(load: () => Promise<T>, key: string): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: key and tick are the reasons to load again
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Who is logged in (role decides which buttons a screen offers; the server decides what is allowed). */
export function useSessionUser(): SessionUser | null | undefined {
  const s = useAsync(() => apiGet<{ user: SessionUser | null }>('/api/session'), 'session');
  return s.loading && !s.data ? undefined : (s.data?.user ?? null);
}

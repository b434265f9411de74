import { useCallback, useSyncExternalStore } from 'react';

/**
 * Client routes live in the URL hash (`/#/sites/hamilton/matrix?sort=flow:asc`), so the server serves one page and
 * every screen's state (filters, sort, columns, tab, language) survives a reload and can be shared as a link.
 */
export interface Location {
  /** The path after `#`, without the query: `/sites/hamilton/matrix`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The raw hash, for change detection. */
  readonly hash: string;
}

function parse(hash: string): Location {
  const raw = hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  return { path: path || '/', query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)), hash };
}

let current = parse(window.location.hash);
const listeners = new Set<() => void>();
window.addEventListener('hashchange', () => {
  current = parse(window.location.hash);
  for (const l of listeners) l();
});

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => current);
}

export function href(path: string, query?: URLSearchParams | Record<string, string>): string {
  const q = query instanceof URLSearchParams ? query : new URLSearchParams(query);
  const lang = current.query.get('lang');
  if (lang && !q.has('lang')) q.set('lang', lang);
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

/** Goes to a route; `replace` keeps the history clean for state-only changes (typing in a filter). */
export function navigate(path: string, query?: URLSearchParams | Record<string, string>, replace = false): void {
  const target = href(path, query);
  if (target === window.location.hash) return;
  if (replace) {
    window.history.replaceState(null, '', target);
    current = parse(target);
    for (const l of listeners) l();
  } else {
    window.location.hash = target;
  }
}

/** Reads and writes the current route's query (the state of the screen). */
export function useQueryState(): [URLSearchParams, (update: (q: URLSearchParams) => void, replace?: boolean) => void] {
  const loc = useLocation();
  const set = useCallback((update: (q: URLSearchParams) => void, replace = true) => {
    const q = new URLSearchParams(current.query);
    update(q);
    navigate(current.path, q, replace);
  }, []);
  return [loc.query, set];
}

/** Matches `/sites/:id/matrix` against a path; returns the decoded parameters or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i] as string;
    const value = s[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}

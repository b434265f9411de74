import { api } from '../../api.ts';

/** The shell's API client (session cookie, CSRF header, ApiError with hint and issues), as these screens call it. */
export { ApiError } from '../../api.ts';

export const apiGet = <T>(path: string): Promise<T> => api.get<T>(path);

export function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  switch (method) {
    case 'POST':
      return api.post<T>(path, body);
    case 'PUT':
      return api.put<T>(path, body);
    case 'PATCH':
      return api.patch<T>(path, body);
    case 'DELETE':
      return api.del<T>(path);
  }
}

/** `/api/sites/a%2Fb`: every path segment from data is encoded (names come from YAML and may hold anything). */
export const apiPath = (...segments: readonly (string | number)[]): string =>
  `/api/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;

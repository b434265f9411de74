import type { ApiErrorBody, ApiIssue } from './api-types.ts';

/** An API error as the server sends it: code, message, the hint to fix it, and the issues with their positions. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint: string | undefined,
    readonly issues: ApiIssue[],
    readonly body: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
/** The session's CSRF token, sent with every call that changes something. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called on a 401 so the shell can send the user to the login page. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

async function toError(res: Response): Promise<ApiError> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  const err = (body as ApiErrorBody | undefined)?.error;
  if (err && typeof err === 'object') {
    return new ApiError(res.status, err.code, err.message, err.hint, (err.issues ?? []) as ApiIssue[], body);
  }
  return new ApiError(res.status, `http_${res.status}`, text.slice(0, 300) || res.statusText, undefined, [], body);
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    signal: signal ?? null,
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** `encodeURIComponent` for one path segment (ids come from YAML and may hold anything). */
export const seg = (s: string): string => encodeURIComponent(s);

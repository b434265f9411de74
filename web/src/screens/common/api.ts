/**
 * The few API calls the audit, rules, verify, history, change-request and admin screens make, through one
 * fetch wrapper: JSON in and out, the CSRF token on every non-GET call, errors as ApiError values.
 */

export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

let csrf: Promise<string> | undefined;

/** The CSRF token of this session (asked once; asked again after a 403, as a new login changes it). */
function csrfToken(): Promise<string> {
  csrf ??= fetch('/api/session', { credentials: 'same-origin' })
    .then((r) => r.json() as Promise<{ csrfToken: string }>)
    .then((s) => s.csrfToken);
  return csrf;
}

async function asError(r: Response): Promise<ApiError> {
  try {
    const body = (await r.json()) as { error?: ApiErrorBody };
    if (body.error) return new ApiError(r.status, body.error);
  } catch {
    // not JSON: fall through to the status line
  }
  return new ApiError(r.status, { code: String(r.status), message: r.statusText || `HTTP ${r.status}` });
}

export async function apiGet<T>(path: string): Promise<T> {
  const r = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!r.ok) throw await asError(r);
  return (await r.json()) as T;
}

export async function apiSend<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const send = async (): Promise<Response> =>
    fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'x-csrf-token': await csrfToken(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  let r = await send();
  if (r.status === 403) {
    csrf = undefined;
    r = await send();
  }
  if (!r.ok) throw await asError(r);
  const textBody = await r.text();
  return (textBody ? JSON.parse(textBody) : undefined) as T;
}

/** `/api/sites/a%2Fb`: every path segment from data is encoded. */
export const apiPath = (...segments: readonly (string | number)[]): string =>
  `/api/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;

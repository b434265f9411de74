import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error shape of the API: `{ error: { code, message, hint?, issues? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not-found', `${what} not found`);
export const badRequest = (message: string, hint?: string): ApiError => new ApiError(400, 'bad-request', message, hint);
export const forbidden = (message: string, hint?: string): ApiError => new ApiError(403, 'forbidden', message, hint);

export function errorResponse(c: Context, e: ApiError): Response {
  // `issues` belong to the error; anything else (a 409's `current` and `diff`) sits beside it.
  const { issues, ...beside } = e.extra ?? {};
  const error = {
    code: e.code,
    message: e.message,
    ...(e.hint ? { hint: e.hint } : {}),
    ...(issues ? { issues } : {}),
  };
  return c.json({ error, ...beside }, e.status);
}

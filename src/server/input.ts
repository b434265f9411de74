import type { Context } from 'hono';
import type { z } from 'zod';
import { frenchSpaces, type Lang } from '../model/text.js';
import { patternWords, refinementFrench } from '../model/zod-words.js';
import type { AppEnv, AuthUser } from './context.js';
import { ApiError, badRequest, notFound } from './errors.js';

/** The JSON body checked against a schema; 400 with every problem when it does not fit. */
export async function bodyOf<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw new ApiError(400, 'bad-json', 'the request body is not valid JSON', 'send Content-Type: application/json');
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => {
    const issue = { path: i.path.join('.'), message: i.message };
    // The French a schema wrote beside its English (`pattern`, `refinement`), for a screen in French.
    const fr =
      i.code === 'invalid_format'
        ? patternWords(i.pattern)?.fr
        : i.code === 'custom'
          ? refinementFrench(i.params)
          : undefined;
    return fr === undefined ? issue : { ...issue, fr: { message: frenchSpaces(fr), hint: '' } };
  });
  const first = issues[0];
  throw new ApiError(
    400,
    'bad-request',
    first ? `${first.path || 'body'}: ${first.message}` : 'bad request',
    undefined,
    {
      issues,
    },
  );
}

/** A positive integer path parameter (ids, versions); 404 when it is not one. */
export function idParam(c: Context<AppEnv>, name: string, what = 'resource'): number {
  const raw = c.req.param(name) ?? '';
  const n = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw notFound(what);
  return n;
}

/** The signed-in user (routes behind the guard always have one unless public). */
export function userOf(c: Context<AppEnv>): AuthUser {
  const user = c.var.user;
  if (!user) throw new ApiError(401, 'unauthenticated', 'sign in first');
  return user;
}

export const actorOf = (c: Context<AppEnv>) => {
  const u = userOf(c);
  return { id: u.id, username: u.username };
};

/** The language of texts in an answer: `?lang=`, else the signed-in user's, else English. */
export const langParam = (c: Context<AppEnv>): Lang => {
  const lang = c.req.query('lang') ?? c.var.user?.locale ?? 'en';
  if (lang !== 'fr' && lang !== 'en') throw badRequest(`lang: "${lang}" is not fr or en`);
  return lang;
};

import type { Handler } from 'hono';
import type { AppEnv } from './context.js';
import { ApiError } from './errors.js';

export const oidcStart: Handler<AppEnv> = () => {
  throw new ApiError(404, 'oidc-off', 'OIDC sign-in is not configured');
};
export const oidcCallback: Handler<AppEnv> = oidcStart;

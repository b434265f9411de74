import type { Route } from '../app.js';

export const auditRoutes: readonly Route[] = [];

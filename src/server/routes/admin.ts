import type { Route } from '../app.js';

export const adminRoutes: readonly Route[] = [];

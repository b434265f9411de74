import type { Route } from '../app.js';

export const historyRoutes: readonly Route[] = [];

import type { Route } from '../app.js';

export const runRoutes: readonly Route[] = [];

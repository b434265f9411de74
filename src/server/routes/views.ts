import type { Route } from '../app.js';

export const viewRoutes: readonly Route[] = [];

import type { Route } from '../app.js';

export const changeRoutes: readonly Route[] = [];

import type { Route } from '../app.js';

export const rulesRoutes: readonly Route[] = [];

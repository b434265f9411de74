/** Builds `web/` into `dist/web/` (scripts/build-web.mjs). */
export function buildWeb(options?: { quiet?: boolean }): Promise<void>;

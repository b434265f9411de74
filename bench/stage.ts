/**
 * One measured run in its own process (so peak memory is this run's): load + validate, resolve, then one
 * document format or target. Prints a JSON line with milliseconds per step and the peak RSS.
 */
import { performance } from 'node:perf_hooks';
import { loadSiteFile } from '../src/catalog/fs.js';
import { resolveSite } from '../src/matrix/index.js';
import { formats } from '../src/render/index.js';
import { extraStages, type StageRun } from './stages-extra.js';

const [sitePath, what] = process.argv.slice(2) as [string, string];
const t0 = performance.now();
const loaded = await loadSiteFile(sitePath);
if (!loaded.ok) throw new Error(`load failed: ${loaded.issues[0]?.message}`);
const t1 = performance.now();
const result = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
if (!result.ok) throw new Error(`resolve failed: ${result.issues[0]?.message}`);
const resolved = result;
const t2 = performance.now();
let outputBytes = 0;
let extra: Record<string, number> = {};
if (what in formats) {
  const format = formats[what as keyof typeof formats] as { render: (m: unknown, o: { lang: 'en' }) => unknown };
  const out = (await format.render(resolved.value, { lang: 'en' })) as string | Uint8Array;
  outputBytes = typeof out === 'string' ? Buffer.byteLength(out) : out.byteLength;
} else if (what in extraStages) {
  const run = extraStages[what] as StageRun;
  const r = await run(resolved.value, { catalogs: [...loaded.value.catalogs.values()] });
  outputBytes = r.bytes;
  extra = r.extra ?? {};
}
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({ load: t1 - t0, resolve: t2 - t1, render: t3 - t2, rows: resolved.value.rows.length, outputBytes, maxRssMiB: process.resourceUsage().maxRSS / 1024, ...extra })}\n`,
);

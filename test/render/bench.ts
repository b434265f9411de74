/**
 * Volume measurements for the render formats (not a test: no timed assertions). Run with
 * `npx tsx test/render/bench.ts [rows]`. Prints wall and CPU time and peak RSS per format; each format runs
 * twice and the second (warm) run is printed.
 */
import { formats } from '../../src/render/index.js';
import { bigMatrix } from './fixtures/matrix.js';

const sizes = process.argv[2] ? [Number(process.argv[2])] : [10_000, 100_000];
const rss = () => process.memoryUsage().rss / 2 ** 20;

for (const n of sizes) {
  const matrix = bigMatrix(n);
  for (const id of ['csv', 'xlsx', 'html', 'md', 'json'] as const) {
    if (id !== 'csv' && id !== 'xlsx' && n > 10_000) continue;
    await formats[id].render(matrix, { lang: 'fr' });
    let peak = rss();
    const timer = setInterval(() => {
      peak = Math.max(peak, rss());
    }, 10);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const out = await formats[id].render(matrix, { lang: 'fr' });
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    clearInterval(timer);
    peak = Math.max(peak, rss());
    const size = typeof out === 'string' ? out.length : out.byteLength;
    console.log(
      `${id.padEnd(5)} ${String(n).padStart(7)} rows  wall ${wall.toFixed(0).padStart(6)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms  peak rss ${peak.toFixed(0)} MiB  ${size} bytes`,
    );
  }
}

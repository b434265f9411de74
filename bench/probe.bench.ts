/**
 * `npx tsx bench/probe.bench.ts [probes] [concurrency]`: the probe scheduler and the real tcp and udp runners
 * against local servers on loopback (a TCP listener and a UDP echo on 50 addresses of 127.0.0.0/8, so the per-host
 * cap spreads them as it would real hosts), under the default caps. Target (bench/README.md): 1,000 probes in
 * under 10 s with bounded concurrency. Prints a table: wall time, probes per second, peak concurrency seen by the
 * servers, statuses, peak RSS.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { runProbes } from '../src/probe/run/index.js';
import { DEFAULT_LIMITS, type ProbeSpec } from '../src/probe/types.js';

const total = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.argv[3] ?? DEFAULT_LIMITS.concurrency);
const HOSTS = Array.from({ length: 50 }, (_, i) => `127.0.77.${i + 1}`);
const PORT = 17_345;

let open = 0;
let peakOpen = 0;
const tcp = createServer((s) => {
  open++;
  peakOpen = Math.max(peakOpen, open);
  s.on('close', () => open--);
  s.on('error', () => {});
  s.end();
});
await new Promise<void>((r) => tcp.listen({ host: '0.0.0.0', port: PORT }, r));
// One UDP socket per address: the echo must leave from the address the probe's connected socket talks to.
const udp = await Promise.all(
  HOSTS.map(async (host) => {
    const s = createSocket('udp4');
    s.on('message', (m, from) => s.send(m, from.port, from.address));
    await new Promise<void>((r) => s.bind(PORT, host, r));
    return s;
  }),
);

const specs: ProbeSpec[] = Array.from({ length: total }, (_, i) => {
  const kind = i % 3 === 2 ? 'udp' : 'tcp';
  return {
    id: `p${i}`,
    kind,
    target: HOSTS[i % HOSTS.length] as string,
    port: PORT,
    origin: {},
    title: { fr: `p${i}`, en: `p${i}` },
    ...(kind === 'udp' ? { options: { payload: '70696e67' } } : {}),
  };
});

const t0 = performance.now();
const results = await runProbes(specs, { limits: { ...DEFAULT_LIMITS, concurrency, timeoutMs: 2000 } });
const ms = performance.now() - t0;
tcp.close();
for (const s of udp) s.close();

const statuses = new Map<string, number>();
for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
const rows = [
  ['probes', 'concurrency / per host', 'wall time', 'probes/s', 'peak open TCP at server', 'statuses', 'peak RSS'],
  [
    String(total),
    `${concurrency} / ${DEFAULT_LIMITS.perHost}`,
    `${(ms / 1000).toFixed(2)} s`,
    (total / (ms / 1000)).toFixed(0),
    String(peakOpen),
    [...statuses].map(([s, n]) => `${n} ${s}`).join(', '),
    `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  ],
];
const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] as string).length))) ?? [];
for (const [i, r] of rows.entries()) {
  console.log(`| ${r.map((cell, c) => cell.padEnd(widths[c] as number)).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
}

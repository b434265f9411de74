/**
 * The web API under load: bounded autocannon runs on loopback against a site of the synthetic 100k-flow shape
 * (bench/synthetic.ts). Run: `npx tsx bench/web-api.bench.ts [flows] [seconds] [--db postgres://…]`. Starts the
 * real server (embedded PGlite in memory by default, or a fresh schema on the PostgreSQL server of `--db`), signs
 * in, creates the site through the API and times the one-off costs (the first grid page, the first sort, filter
 * and search), then loads each read endpoint twice for `seconds` (default 5): flat out with 10 connections (the
 * ceiling), and at a fixed 200 requests/s (the target: 200 req/s with p99 under 100 ms for reads). The load tool
 * runs in a worker thread: its own event loop, so it does not queue behind the server's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { syntheticFiles } from './synthetic.js';

const args = process.argv.slice(2);
const dbAt = args.indexOf('--db');
const dbUrl = dbAt >= 0 ? (args[dbAt + 1] as string) : undefined;
const positional = dbAt >= 0 ? args.filter((_, i) => i !== dbAt && i !== dbAt + 1) : args;
const flows = Number(positional[0] ?? 100_000);
const seconds = Number(positional[1] ?? 5);
const RATE = 200;

// The synthetic catalog stands in for the built-in ones: the server reads catalogs by id from this folder.
const dir = mkdtempSync(join(tmpdir(), 'fm-web-bench-'));
const files = syntheticFiles(flows);
writeFileSync(join(dir, 'synthetic.yaml'), files.catalog);
process.env.FLOWMATRIX_CATALOGS = dir;
const site = files.site.replace('catalog: ./synthetic.yaml', 'catalog: synthetic');

const { createApp } = await import('../src/server/app.js');
const { hashPassword } = await import('../src/server/auth.js');
const { openStore } = await import('../src/store/open.js');
const { seed } = await import('../src/store/seed.js');

const schema = `fm_bench_${process.pid}`;
const store = await openStore(dbUrl ? { db: dbUrl, schema } : { db: 'memory://' });
await seed(store, { hashPassword, adminPassword: 'bench-password', examples: false });
const app = createApp({ store });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((ready) => server.once('listening', ready));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const jar: string[] = [];
async function call(method: string, path: string, body?: unknown, csrf?: string): Promise<Response> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      Cookie: jar.join('; '),
      ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0] as string;
    const name = pair.slice(0, pair.indexOf('='));
    const at = jar.findIndex((j) => j.startsWith(`${name}=`));
    if (at >= 0) jar.splice(at, 1);
    jar.push(pair);
  }
  return res;
}

async function timed(path: string): Promise<[number, { total: number }]> {
  const t = performance.now();
  const body = (await (await call('GET', path)).json()) as { total: number };
  return [performance.now() - t, body];
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
console.log(`database: ${store.driver}; load average at start ${load()}`);
const { csrfToken } = (await (await call('GET', '/api/session')).json()) as { csrfToken: string };
const login = await call('POST', '/api/auth/login', { username: 'admin', password: 'bench-password' }, csrfToken);
const { csrfToken: csrf } = (await login.json()) as { csrfToken: string };
const t = performance.now();
const created = await call('POST', '/api/sites', { name: 'bench', yaml: site }, csrf);
if (created.status !== 201) throw new Error(`site not created: ${created.status} ${await created.text()}`);
const { id } = (await created.json()) as { id: number };
const createMs = performance.now() - t;
const [firstMs, first] = await timed(`/api/sites/${id}/matrix?limit=100`);
const [sortMs] = await timed(`/api/sites/${id}/matrix?limit=100&sort=destination:desc`);
const [filterMs] = await timed(`/api/sites/${id}/matrix?limit=100&filter[source]=10.1`);
const [searchMs] = await timed(`/api/sites/${id}/matrix?limit=100&q=udp`);
const ms = (x: number) => `${Math.round(x)} ms`;
console.log(`${flows} flows → ${first.total} matrix lines; site created (validated, stored) in ${ms(createMs)}`);
console.log(
  `first grid page ${ms(firstMs)}; first sort on a column ${ms(sortMs)}; first column filter ${ms(filterMs)}; first search ${ms(searchMs)}\n`,
);

const endpoints: [string, string][] = [
  ['session', '/api/session'],
  ['sites list', '/api/sites'],
  ['matrix page', `/api/sites/${id}/matrix?offset=5000&limit=100`],
  ['matrix filter+sort', `/api/sites/${id}/matrix?filter[zone_to]=dmz&sort=destination:desc&limit=100`],
  ['matrix q search', `/api/sites/${id}/matrix?q=tcp&limit=100&columns=flow,source,destination,ports`],
];

const cannon = (path: string, rate?: number) =>
  autocannon({
    url: `${base}${path}`,
    connections: 10,
    duration: seconds,
    workers: 1,
    headers: { Cookie: jar.join('; ') },
    ...(rate ? { overallRate: rate, ignoreCoordinatedOmission: true } : {}),
  });

/**
 * A steady stream: one request every 1/RATE s, open loop (sent on time whether or not the earlier ones came back),
 * each latency counted from when it was due — no coordinated omission. In a worker thread, like autocannon.
 */
const STEADY = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, cookie, rate, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const latencies = [];
let bad = 0, done = 0;
const total = rate * seconds, start = performance.now();
const finish = () => { if (++done === total) { agent.destroy(); parentPort.postMessage({ latencies, bad, ms: performance.now() - start }); } };
for (let k = 0; k < total; k++) {
  const due = start + (k * 1000) / rate;
  setTimeout(() => {
    http.get(url, { agent, headers: { Cookie: cookie } }, (res) => {
      if (res.statusCode !== 200) bad++;
      res.resume();
      res.on('end', () => { latencies.push(performance.now() - due); finish(); });
    }).on('error', () => { bad++; finish(); });
  }, Math.max(0, due - performance.now()));
}`;

async function steady(path: string): Promise<{ p50: number; p99: number; max: number; rate: number; bad: number }> {
  const worker = new Worker(STEADY, {
    eval: true,
    workerData: { url: `${base}${path}`, cookie: jar.join('; '), rate: RATE, seconds },
  });
  const { latencies, bad, ms } = await new Promise<{ latencies: number[]; bad: number; ms: number }>((done) =>
    worker.once('message', done),
  );
  await worker.terminate();
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return { p50: at(0.5), p99: at(0.99), max: at(1), rate: Math.round((latencies.length * 1000) / ms), bad };
}

console.log(
  `endpoint            | flat out: req/s · p50 · p99 (ms) | steady ${RATE}/s: p50 · p99 · max | autocannon ${RATE}/s (bursts): p99 | non-2xx | load`,
);
for (const [name, path] of endpoints) {
  const flat = await cannon(path);
  const even = await steady(path);
  const held = await cannon(path, RATE);
  const bad = flat.non2xx + flat.errors + held.non2xx + held.errors + even.bad;
  const cells = [
    `${name.padEnd(20)}`,
    ` ${String(Math.round(flat.requests.average)).padStart(5)} · ${flat.latency.p50} · ${flat.latency.p99}`.padEnd(34),
    ` ${even.rate} req/s: ${even.p50} · ${even.p99} · ${even.max}`.padEnd(31),
    ` ${held.latency.p99}`.padEnd(36),
    ` ${String(bad).padStart(7)} `,
    ` ${load()}`,
  ];
  console.log(cells.join('|'));
}

// Keep-alive connections of the load tool would otherwise reach a closed database.
await new Promise((done) => {
  server.close(done);
  (server as import('node:http').Server).closeAllConnections();
});
// Requests the load tool sent last may still be in their handlers: let them finish before the database closes.
await new Promise((done) => setTimeout(done, 500));
await store.close();
if (dbUrl) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: dbUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
rmSync(dir, { recursive: true, force: true });

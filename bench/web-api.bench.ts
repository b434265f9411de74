/**
 * The web API under load: a bounded autocannon run on loopback against a site of the synthetic 100k-flow shape
 * (bench/synthetic.ts). Run: `npx tsx bench/web-api.bench.ts [flows] [seconds]`. Starts the real server
 * (embedded database in memory, one process), signs in, creates the site through the API, builds the grid once,
 * then loads each read endpoint for `seconds` (default 5) with 10 connections and prints requests/s and
 * latency percentiles. Target (issue 15): 200 req/s with p99 under 100 ms for reads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { syntheticFiles } from './synthetic.js';

const flows = Number(process.argv[2] ?? 100_000);
const seconds = Number(process.argv[3] ?? 5);

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

const store = await openStore({ db: 'memory://' });
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

const { csrfToken } = (await (await call('GET', '/api/session')).json()) as { csrfToken: string };
const login = await call('POST', '/api/auth/login', { username: 'admin', password: 'bench-password' }, csrfToken);
const { csrfToken: csrf } = (await login.json()) as { csrfToken: string };
let t = performance.now();
const created = await call('POST', '/api/sites', { name: 'bench', yaml: site }, csrf);
if (created.status !== 201) throw new Error(`site not created: ${created.status} ${await created.text()}`);
const { id } = (await created.json()) as { id: number };
const createMs = performance.now() - t;
t = performance.now();
const first = (await (await call('GET', `/api/sites/${id}/matrix?limit=100`)).json()) as { total: number };
const firstMs = performance.now() - t;
t = performance.now();
await call('GET', `/api/sites/${id}/matrix?limit=100&sort=destination:desc`);
const firstSortMs = performance.now() - t;
console.log(
  `${flows} flows → ${first.total} matrix lines; site created (validated, stored) in ${Math.round(createMs)} ms;`,
);
console.log(
  `first grid page (load, resolve, build the table) ${Math.round(firstMs)} ms; first sort on a column ${Math.round(firstSortMs)} ms\n`,
);

const endpoints: [string, string][] = [
  ['session', '/api/session'],
  ['sites list', '/api/sites'],
  ['matrix page', `/api/sites/${id}/matrix?offset=5000&limit=100`],
  ['matrix filter+sort', `/api/sites/${id}/matrix?filter[zone_to]=dmz&sort=destination:desc&limit=100`],
  ['matrix q search', `/api/sites/${id}/matrix?q=tcp&limit=100&columns=flow,source,destination,ports`],
];

console.log('endpoint            | req/s | p50 ms | p99 ms | max ms | non-2xx');
console.log('--------------------|-------|--------|--------|--------|--------');
for (const [name, path] of endpoints) {
  const result = await autocannon({
    url: `${base}${path}`,
    connections: 10,
    duration: seconds,
    headers: { Cookie: jar.join('; ') },
  });
  const l = result.latency;
  const bad = result.non2xx + result.errors;
  console.log(
    `${name.padEnd(20)}| ${String(Math.round(result.requests.average)).padStart(5)} | ${String(l.p50).padStart(6)} | ${String(l.p99).padStart(6)} | ${String(l.max).padStart(6)} | ${bad}`,
  );
}

// Keep-alive connections of the load tool would otherwise reach a closed database.
await new Promise((done) => {
  server.close(done);
  (server as import('node:http').Server).closeAllConnections();
});
await store.close();
rmSync(dir, { recursive: true, force: true });

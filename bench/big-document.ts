/**
 * `npx tsx bench/big-document.ts [flows] [hosts]`: the documents issue 16 saw crash — a JSON of 5,000 flows between
 * roles bound to 200 hosts each was larger than one string may be (RangeError: Invalid string length), and
 * `--all-formats` then wrote nothing. Writes such a site under bench/.tmp/, runs the real CLI for the JSON and for
 * every format, and prints exit code, time, peak RSS and the size of each file. Not a test: it takes minutes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const flows = Number(process.argv[2] ?? 5000);
const hosts = Number(process.argv[3] ?? 200);
const root = new URL('./.tmp/big-document/', import.meta.url).pathname;
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

const catalog = [
  'id: big',
  'title: { fr: Gros document, en: Big document }',
  'vendor: Bench',
  'product: Bench',
  'source: { document: synthetic, title: Synthetic }',
  'roles:',
  '  clients: { title: { fr: Clients, en: Clients } }',
  '  servers: { title: { fr: Serveurs, en: Servers } }',
  'services:',
  ...Array.from({ length: 50 }, (_, s) => `  s${s}: { ports: [tcp/${2000 + s}], app: APP${s} }`),
  'flows:',
  ...Array.from(
    { length: flows },
    (_, i) =>
      `  - { id: flow-${i}, ref: row ${i + 1}, purpose: { fr: Flux ${i}, en: Flow ${i} }, from: clients, to: servers, services: [s${i % 50}], level: mandatory }`,
  ),
];
const site = [
  'id: big-site',
  'title: Big site',
  'catalogs:',
  '  - catalog: ./big.yaml',
  '    roles: { clients: [clients], servers: [servers] }',
  'zones:',
  '  lan: { kind: internal, cidrs: [10.0.0.0/16], default: true }',
  '  dmz: { kind: perimeter, cidrs: [10.1.0.0/16] }',
  'hosts:',
  ...Array.from({ length: hosts }, (_, h) => `  c${h}: { address: 10.0.${h >> 8}.${(h % 250) + 1} }`),
  ...Array.from({ length: hosts }, (_, h) => `  s${h}: { address: 10.1.${h >> 8}.${(h % 250) + 1} }`),
  'groups:',
  `  clients: [${Array.from({ length: hosts }, (_, h) => `c${h}`).join(', ')}]`,
  `  servers: [${Array.from({ length: hosts }, (_, h) => `s${h}`).join(', ')}]`,
  'firewalls:',
  '  - { name: fw, platform: nftables, zones: [lan, dmz], interfaces: { lan: eth0, dmz: eth1 } }',
];
writeFileSync(join(root, 'big.yaml'), `${catalog.join('\n')}\n`);
writeFileSync(join(root, 'site.yaml'), `${site.join('\n')}\n`);

const bin = new URL('../bin/flowmatrix.js', import.meta.url).pathname;
function measure(label: string, args: string[]): void {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], { encoding: 'utf8' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rss = Number(r.stderr.trim().split('\n').pop()) / 1024;
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('flowmatrix:') || l.includes('Error'));
  console.log(`${label}: exit ${r.status}, ${seconds} s, peak RSS ${rss.toFixed(0)} MiB ${errors.join(' | ')}`);
}

measure(`${flows} flows × ${hosts} hosts, -f json`, [
  'matrix',
  join(root, 'site.yaml'),
  '-f',
  'json',
  '-o',
  join(root, 'one.json'),
]);
measure('--all-formats', ['matrix', join(root, 'site.yaml'), '--all-formats', '-o', join(root, 'all')]);
for (const f of readdirSync(join(root, 'all')).sort())
  console.log(`  ${f}: ${(statSync(join(root, 'all', f)).size / 2 ** 20).toFixed(1)} MiB`);
execFileSync('rm', ['-rf', root]);

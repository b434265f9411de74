/**
 * `npx tsx bench/import.bench.ts [runs]`: `flowmatrix import m365` on the full Worldwide answers of the service
 * (../shared/fixtures/m365, never copied here). In process: read + check the JSON, build the catalog, write the
 * YAML, and load it back through the real loader (what `validate` does); then the whole command as a user runs it
 * (`bin/flowmatrix.js`, Node start-up included). Median of `runs` (default 7) and the range. Target in
 * bench/README.md: the full Worldwide feed imported under 0.5 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCatalogText } from '../src/catalog/parse.js';
import { m365Catalog } from '../src/import/m365/catalog.js';
import { parseFeed } from '../src/import/m365/feed.js';
import { toYaml } from '../src/import/yaml.js';

const runs = Math.max(1, Number(process.argv[2] ?? 7));
const fixtures = process.env.FLOWMATRIX_FIXTURES ?? new URL('../../shared/fixtures', import.meta.url).pathname;
const files = [
  'endpoints-worldwide-2025-12-01.terraform-provider-microsoft365.json',
  'endpoints-worldwide-2021-10-11.nebula.json',
];
const bin = new URL('../bin/flowmatrix.js', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'flowmatrix-bench-import-'));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const range = (xs: number[]) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;

const rows: string[][] = [];
for (const file of files) {
  const path = join(fixtures, 'm365', file);
  const stages = {
    parse: [] as number[],
    build: [] as number[],
    yaml: [] as number[],
    reload: [] as number[],
    total: [] as number[],
  };
  let sets = 0;
  let flows = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const feed = parseFeed(readFileSync(path, 'utf8'), file);
    const t1 = performance.now();
    const { catalog } = m365Catalog(feed.sets, { instance: 'worldwide', document: file });
    const t2 = performance.now();
    const yaml = toYaml(catalog, ['bench'], 'catalog');
    const t3 = performance.now();
    const back = parseCatalogText(yaml, 'bench.yaml');
    const t4 = performance.now();
    if (!back.ok || feed.issues.length) throw new Error(`${file}: did not import cleanly`);
    stages.parse.push(t1 - t0);
    stages.build.push(t2 - t1);
    stages.yaml.push(t3 - t2);
    stages.reload.push(t4 - t3);
    stages.total.push(t4 - t0);
    sets = feed.sets.length;
    flows = catalog.flows.length;
    bytes = yaml.length;
  }
  const cli: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    execFileSync(bin, ['import', 'm365', path, '-o', join(out, 'm365.yaml')], { stdio: 'ignore' });
    cli.push(performance.now() - t0);
  }
  rows.push([
    file.replace(/\.json$/, ''),
    String(sets),
    String(flows),
    `${(bytes / 1024).toFixed(0)} KiB`,
    ms(median(stages.parse)),
    ms(median(stages.build)),
    ms(median(stages.yaml)),
    ms(median(stages.reload)),
    `${ms(median(stages.total))} (${range(stages.total)})`,
    `${ms(median(cli))} (${range(cli)})`,
  ]);
}

const header = [
  'answer',
  'sets',
  'flows',
  'catalog',
  'parse',
  'build',
  'yaml',
  'reload',
  'in process',
  'whole command',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\n${runs} runs each, median (range); Node ${process.version}.`);

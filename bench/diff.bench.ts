/**
 * Diff of two 100k-row matrices. Run: `npx tsx bench/diff.bench.ts [rows]`. OLD is the synthetic site (bench/synthetic.ts)
 * resolved at the given size; NEW is a deep copy (no object shared with OLD, as two files read apart would be) with
 * 1% of rows given another port, 0.5% a narrower source, 0.5% closed and as many opened, and 0.5% reworded.
 * Prints per case the rows, the changes found and the wall and CPU time of `diffMatrices` (first run, and best of 3
 * once warm): on a shared machine the CPU time is the steadier figure.
 * Target (issue 13): under 2 s at 100k rows.
 */
import { readFileSync } from 'node:fs';
import { parseCatalogText, parseSiteText } from '../src/catalog/parse.js';
import { diffMatrices } from '../src/diff/diff.js';
import { resolveSite } from '../src/matrix/index.js';
import type { Matrix, MatrixRow } from '../src/model/matrix.js';
import { syntheticFiles } from './synthetic.js';

function matrixOf(flows: number): Matrix {
  const files = syntheticFiles(flows);
  const catalog = parseCatalogText(files.catalog, 'synthetic.yaml');
  const site = parseSiteText(files.site, 'site.yaml');
  if (!catalog.ok || !site.ok) throw new Error('synthetic inputs do not load');
  const m = resolveSite({ site: site.value, catalogs: new Map([['./synthetic.yaml', catalog.value]]) });
  if (!m.ok) throw new Error(m.issues[0]?.message);
  return m.value;
}

function changed(old: Matrix): Matrix {
  const rows: MatrixRow[] = structuredClone(old.rows) as MatrixRow[];
  const out: MatrixRow[] = [];
  rows.forEach((r, i) => {
    const k = i % 200;
    if (k === 0) return; // closed
    if (k === 1 || k === 2)
      out.push({
        ...r,
        services: r.services.map((s) =>
          s.ports.length ? { ...s, ports: [...s.ports, { from: 61000, to: 61000 }] } : s,
        ),
      });
    else if (k === 3) out.push({ ...r, source: { ...r.source, addresses: r.source.addresses.slice(0, 1) } });
    else if (k === 4) out.push({ ...r, purpose: { fr: 'Reformulé', en: 'Reworded' } });
    else out.push(r);
    if (k === 5) out.push({ ...r, key: `${r.key}-new`, flow: `${r.flow}-new` }); // opened
  });
  return { ...old, rows: out };
}

const target = Number(process.argv[2] ?? 100_000);
// The synthetic site makes several rows per flow: grow the flow count until the matrix has the rows asked for.
let flows = Math.ceil(target / 4);
let old = matrixOf(flows);
while (old.rows.length < target) {
  flows = Math.ceil((flows * target) / Math.max(1, old.rows.length)) + 1;
  old = matrixOf(flows);
}
old = { ...old, rows: old.rows.slice(0, target) };
const cases: [string, Matrix][] = [
  ['identical (deep copy)', { ...old, rows: structuredClone(old.rows) as MatrixRow[] }],
  ['2.5% of rows changed', changed(old)],
];
console.log(`node ${process.version}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
console.log('case | rows old | rows new | changes | first run wall / CPU | best of 3 (warm) wall / CPU');
for (const [name, now] of cases) {
  const time = () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const d = diffMatrices(old, now, { old: 'old', new: 'new' });
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000, changes: d.changes.length };
  };
  const first = time();
  const warm = [time(), time(), time()].sort((a, b) => a.ms - b.ms)[0] as ReturnType<typeof time>;
  const ms = (t: ReturnType<typeof time>) => `${t.ms.toFixed(0)} / ${t.cpu.toFixed(0)} ms`;
  console.log(`${name} | ${old.rows.length} | ${now.rows.length} | ${first.changes} | ${ms(first)} | ${ms(warm)}`);
}

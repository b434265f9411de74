/**
 * The error path on a large file (issue 16): an 8 MB catalog whose first line is indented one space (every later
 * line is then a syntax error, ~5 a line), one whose flows all carry the same bad value (a schema error per
 * flow), and one with a single mis-indented line in the middle. Times the loader (`parseCatalogText`) and the
 * report the CLI prints, and counts the lines printed. Asserts nothing.
 * Run: `npx tsx bench/error-flood.bench.ts [flows]` (default 52000 flows ≈ 8 MB).
 */
import { parseCatalogText } from '../src/catalog/parse.js';
import { reportIssues } from '../src/cli/report.js';

const flows = Number(process.argv[2] ?? 52_000);

function catalog(n: number, level = 'mandatory'): string[] {
  const out = ['id: synthetic', 'title: { fr: Synthétique, en: Synthetic }', 'vendor: Bench', 'product: Bench'];
  out.push('source: { document: synthetic, title: Synthetic }', 'roles:', '  a: { title: { fr: A, en: A } }', 'flows:');
  for (let i = 0; i < n; i++) {
    out.push(
      `  - id: flow-${i}`,
      `    ref: '${i}'`,
      `    purpose: { fr: Flux ${i}, en: Flow ${i} }`,
      '    from: a',
      '    to: a',
      `    services: [tcp/${1024 + (i % 60000)}]`,
      `    level: ${level}`,
    );
  }
  return out;
}

const cases: [string, string[]][] = [
  ['first line indented', catalog(flows).map((l, i) => (i === 0 ? ` ${l}` : l))],
  ['a bad value in every flow', catalog(flows, 'sometimes')],
  ['one line mis-indented', catalog(flows).map((l, i, all) => (i === Math.floor(all.length / 2) ? ` ${l}` : l))],
];

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

console.log(`node ${process.version}, ${flows} flows`);
console.log(
  'case                         size     load+check  its CPU    issues kept  errors counted  report  lines printed',
);
for (const [name, lines] of cases) {
  const text = `${lines.join('\n')}\n`;
  const c0 = cpuMs();
  const t0 = performance.now();
  const result = parseCatalogText(text, 'synthetic.yaml');
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  const issues = result.ok ? [] : result.issues;
  let printed = 0;
  let summary = '';
  const t1 = performance.now();
  reportIssues(
    {
      cwd: '.',
      env: {},
      interactive: false,
      out: () => {},
      err: (s) => {
        printed++;
        summary = s.trim();
      },
    },
    issues,
  );
  const report = performance.now() - t1;
  const counted = issues.reduce((n, i) => n + 1 + (i.more ?? 0), 0);
  console.log(
    [
      name.padEnd(28),
      `${(text.length / 1e6).toFixed(1)} MB`.padEnd(8),
      `${(ms / 1000).toFixed(2)} s`.padEnd(11),
      `${(cpu / 1000).toFixed(2)} s`.padEnd(10),
      String(issues.length).padEnd(12),
      String(counted).padEnd(15),
      `${report.toFixed(0)} ms`.padEnd(7),
      `${printed} (${summary})`,
    ].join(' '),
  );
}

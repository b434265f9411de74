/**
 * Catalog loading: the happy path (fast subset reader, or js-yaml, + zod + cross-references, no positions)
 * against the error path (one dangling role: the text is re-parsed with `yaml` for positions). Prints a table
 * with wall and CPU time, and the first call's wall time (cold JIT for the first size), asserts nothing. With
 * `node --expose-gc` (`NODE_OPTIONS=--expose-gc npx tsx …`) it also prints the heap the parsed value and zod's
 * copy of it keep alive.
 * Run: `npx tsx bench/load.bench.ts [sizes]` (default 1000,10000).
 */
import { load } from 'js-yaml';
import { parseDocument } from 'yaml';
import { readFastYaml } from '../src/catalog/fast-yaml/index.js';
import { parseCatalogText } from '../src/catalog/parse.js';
import { validateCatalog } from '../src/catalog/validate-catalog.js';
import { Catalog, loadedCatalog } from '../src/model/catalog.js';

const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number);

/** A catalog of `n` flows over √n·2 roles, 100 services, 20 features: the shape of a large product's matrix. */
function syntheticCatalog(n: number): string {
  const roles = Math.max(10, Math.round(Math.sqrt(n) * 2));
  const out = ['id: synthetic', 'title: { fr: Synthétique, en: Synthetic }', 'vendor: Bench', 'product: Bench'];
  out.push('source: { document: synthetic, title: Synthetic }', 'roles:');
  for (let r = 0; r < roles; r++) {
    const fixed = r % 5 === 0 ? `, addresses: [svc${r}.example.com, 203.0.113.${r % 250}]` : '';
    out.push(`  r${r}: { title: { fr: Rôle ${r}, en: Role ${r} }${fixed} }`);
  }
  out.push('services:');
  for (let s = 0; s < 100; s++)
    out.push(`  s${s}: { ports: ['tcp/${1000 + s * 7},${1001 + s * 7}', udp/${2000 + s}-${2099 + s}] }`);
  out.push('features:');
  for (let f = 0; f < 20; f++) out.push(`  f${f}: { title: { fr: Option ${f}, en: Option ${f} } }`);
  out.push('flows:');
  for (let i = 0; i < n; i++) {
    out.push(
      `  - id: flow-${i}`,
      `    ref: 'row ${i}'`,
      `    purpose: { fr: Flux ${i}, en: Flow ${i} }`,
      `    from: r${i % roles}`,
      `    to: r${(i * 7 + 3) % roles}`,
      `    services: [s${i % 100}, tcp/${1024 + (i % 60000)}]`,
      ...(i % 4 === 0 ? [`    when: f${i % 20} && !f${(i + 1) % 20}`] : []),
      `    level: ${i % 3 === 0 ? 'optional' : 'mandatory'}`,
      '    encryption: { supported: [tls], byDefault: yes, minTls: "1.2" }',
    );
  }
  return `${out.join('\n')}\n`;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Best wall time of `runs`, and the CPU time (user + system, GC included) of that same run; `first`: the wall
 * time of the warm-up call, which for the first stage using a function is its cold-JIT time (what a user has).
 */
function time<T>(fn: () => T, runs = 5): { ms: number; cpu: number; first: number; value: T } {
  let best = Number.POSITIVE_INFINITY;
  let cpu = 0;
  const t0 = performance.now();
  let value = fn(); // warm-up
  const first = performance.now() - t0;
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    value = fn();
    const ms = performance.now() - t0;
    if (ms < best) [best, cpu] = [ms, cpuMs() - c0];
  }
  return { ms: best, cpu, first, value };
}

const gc = (globalThis as { gc?: () => void }).gc;
/** Heap kept alive by what `make` returns (needs --expose-gc). */
function retainedMiB(make: () => unknown): string {
  if (!gc) return 'n/a (run with --expose-gc)';
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = make();
  gc();
  const after = process.memoryUsage().heapUsed;
  return kept === undefined ? '?' : `${((after - before) / 2 ** 20).toFixed(0)} MiB kept`;
}

const rows: string[][] = [];
for (const n of sizes) {
  const text = syntheticCatalog(n);
  // A typo in the last flow's destination: the slow, positioned path.
  const at = text.lastIndexOf('\n    to: ');
  const broken = `${text.slice(0, at)}\n    to: no-such-role${text.slice(text.indexOf('\n', at + 1))}`;
  // The fast reader first: its first call is then a cold one (the first size only: later ones reuse the JIT).
  const fast = time(() => readFastYaml(text));
  const data = load(text);
  const parsed = loadedCatalog(Catalog.parse(data));
  const ok = time(() => parseCatalogText(text, 'synthetic.yaml'));
  const bad = time(() => parseCatalogText(broken, 'synthetic.yaml'), 2);
  const line = (stage: string, t: { ms: number; cpu: number; first: number }, note = '') =>
    rows.push([String(n), stage, `${t.ms.toFixed(1)} ms`, `${t.cpu.toFixed(0)} ms`, `${t.first.toFixed(0)} ms`, note]);
  line(
    'fast reader',
    fast,
    retainedMiB(() => readFastYaml(text)),
  );
  line(
    'js-yaml load',
    time(() => load(text)),
    `${(text.length / 1e6).toFixed(2)} MB`,
  );
  line(
    'zod parse',
    time(() => Catalog.parse(data)),
    `copy: ${retainedMiB(() => Catalog.parse(data))}`,
  );
  line(
    'cross-references',
    time(() => validateCatalog(parsed)),
  );
  line('parseCatalogText (valid)', ok, ok.value.ok ? 'ok' : `${ok.value.issues.length} issues`);
  line(
    'yaml parseDocument',
    time(() => parseDocument(text), 2),
    'for comparison',
  );
  line('parseCatalogText (1 error)', bad, bad.value.ok ? 'no issue?' : `${bad.value.issues.length} issue(s)`);
}

const header = ['flows', 'stage', 'best of 5', 'its CPU', 'first call', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(`node ${process.version}`);
console.log(fmt(header));
for (const r of rows) console.log(fmt(r));

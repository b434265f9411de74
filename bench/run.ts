/**
 * `npm run bench`: synthetic catalogs and sites of 1k, 10k and 100k flows; for each size and each document format
 * (and each stage registered in stages-extra.ts), one child process measures load + validate, resolve and render,
 * and reports peak memory. Then the whole command as a user runs it (`bin/flowmatrix.js`, start-up included), for
 * nftables and CSV. Prints two tables; `--sizes 1000,10000` and `--only csv,xlsx` narrow the run, `--repeat N`
 * runs each stage N times and shows the run with the median total (and the range), `--cli-runs N` sets the runs
 * per command (0 skips them). Last, the policy Flowmatrix is compared on with Aerleon (device-cost.bench.ts: our
 * nftables and iptables outputs at 10k terms, their set and rule counts and what `nft -f` / `iptables-restore` take
 * to load them); `--no-device-cost` skips it, and it is reported as skipped where it cannot run (not root, no
 * policy scripts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formats } from '../src/render/index.js';
import { extraStages } from './stages-extra.js';
import { syntheticFiles } from './synthetic.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (opt('--sizes') ?? '1000,10000,100000').split(',').map(Number);
/** Runs of each stage: the row shown is the run with the median total (run-to-run noise here is ±15 % and more). */
const repeat = Math.max(1, Number(opt('--repeat') ?? 1));
/** Runs of each whole-command measurement (the median is shown). */
const cliRuns = Number(opt('--cli-runs') ?? 5);
const only = opt('--only')?.split(',');
const stages = [...Object.keys(formats), ...Object.keys(extraStages)].filter((s) => !only || only.includes(s));
const root = new URL('./.tmp/', import.meta.url).pathname;
const tsx = new URL('../node_modules/.bin/tsx', import.meta.url).pathname;
// Children run with the node flags the CLI itself runs with (its shebang), so the bench measures the product.
const cliFlags = (readFileSync(new URL('../bin/flowmatrix.js', import.meta.url), 'utf8').split('\n')[0] ?? '')
  .split(/\s+/)
  .filter((w) => w.startsWith('--'));
const childEnv = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', ...cliFlags].join(' ').trim() };

/** Busy share of all CPUs over `ms` (from /proc/stat; 0 where it does not exist). */
function busyShare(ms: number): number {
  const read = (): number[] | undefined => {
    try {
      return readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number);
    } catch {
      return undefined;
    }
  };
  const a = read();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const b = read();
  if (!a || !b) return 0;
  const delta = b.map((v, i) => v - (a[i] ?? 0));
  const total = delta.reduce((x, y) => x + y, 0);
  const idle = (delta[3] ?? 0) + (delta[4] ?? 0);
  return total === 0 ? 0 : 1 - idle / total;
}

/**
 * Waits (up to 10 s) until the machine is quiet: the kernel goes on tearing down a namespace (and the rules loaded
 * in it) after `ip netns del` returns, and on two cores that work would land in the next stage's timings.
 */
function waitForQuiet(): void {
  const until = Date.now() + 10_000;
  while (busyShare(200) > 0.1 && Date.now() < until) {}
}

const fmt = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const header = ['flows', 'rows', 'stage', 'load+validate', 'resolve', 'render', 'total', 'output', 'peak RSS'];
const table: string[][] = [];
// Timings a stage reports beyond the standard ones (a target's `check` by the real tool), one column each.
const STANDARD = new Set(['load', 'resolve', 'render', 'rows', 'outputBytes', 'maxRssMiB']);
const extraKeys: string[] = [];
/** Extra values that are counts, not milliseconds. */
const COUNTS = new Set(['findings']);
const show = (k: string, v: number): string => (COUNTS.has(k) ? String(v) : fmt(v));
const extras: Record<string, number>[] = [];
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const n of sizes) {
  const dir = join(root, String(n));
  mkdirSync(dir, { recursive: true });
  const files = syntheticFiles(n);
  writeFileSync(join(dir, 'synthetic.yaml'), files.catalog);
  writeFileSync(join(dir, 'site.yaml'), files.site);
  writeFileSync(join(dir, 'site-k8s.yaml'), files.k8sSite);
  for (const stage of stages) {
    const siteFile = stage === 'kubernetes' ? 'site-k8s.yaml' : 'site.yaml';
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < repeat; i++) {
      waitForQuiet();
      const out = execFileSync(tsx, [new URL('./stage.ts', import.meta.url).pathname, join(dir, siteFile), stage], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
        env: childEnv,
      });
      runs.push(JSON.parse(out.trim().split('\n').pop() as string) as Record<string, number>);
    }
    const total = (x: Record<string, number>) => (x.load as number) + (x.resolve as number) + (x.render as number);
    runs.sort((a, b) => total(a) - total(b));
    const r = runs[Math.floor(runs.length / 2)] as Record<string, number>;
    const row = [
      String(n),
      String(r.rows),
      stage,
      fmt(r.load as number),
      fmt(r.resolve as number),
      fmt(r.render as number),
      repeat > 1
        ? `${fmt(total(r))} (${fmt(total(runs[0] as Record<string, number>))}–${fmt(total(runs.at(-1) as Record<string, number>))})`
        : fmt(total(r)),
      `${((r.outputBytes as number) / 1024 / 1024).toFixed(1)} MiB`,
      `${(r.maxRssMiB as number).toFixed(0)} MiB`,
    ];
    const extra = Object.fromEntries(Object.entries(r).filter(([k]) => !STANDARD.has(k)));
    for (const k of Object.keys(extra)) if (!extraKeys.includes(k)) extraKeys.push(k);
    table.push(row);
    extras.push(extra);
    console.error([...row, ...Object.entries(extra).map(([k, v]) => `${k} ${show(k, v)}`)].join('  '));
  }
}
header.push(...extraKeys);
table.forEach((row, i) => {
  for (const k of extraKeys) row.push(extras[i]?.[k] === undefined ? '' : show(k, extras[i]?.[k] as number));
});

/**
 * The product as a user runs it: `bin/flowmatrix.js` in a fresh process, start-up and module loading included, after
 * the build `npm install` makes (bin runs dist/ when it is fresh). Median wall time of `--cli-runs` runs.
 */
const CLI_COMMANDS: Record<string, (site: string, out: string) => string[]> = {
  'generate --target nftables': (site, out) => ['generate', site, '--target', 'nftables', '-o', out],
  'matrix -f csv': (site, out) => ['matrix', site, '-f', 'csv', '-o', join(out, 'matrix.csv')],
};
// tsc and the bundle both (`npm run build`): tsc alone leaves the bundle older than dist/, and bin would run dist/.
execFileSync('npm', ['run', '--silent', 'build'], { cwd: new URL('..', import.meta.url).pathname });
const bin = new URL('../bin/flowmatrix.js', import.meta.url).pathname;
const cliTable: string[][] = [];
for (const n of cliRuns > 0 ? sizes : []) {
  for (const [name, args] of Object.entries(CLI_COMMANDS)) {
    const out = join(root, String(n), 'cli-out');
    const times: number[] = [];
    for (let i = 0; i < cliRuns; i++) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      waitForQuiet();
      const t0 = performance.now();
      // Without --strict a run exits 0 with findings (their summary goes to stderr); anything else throws here.
      execFileSync(bin, args(join(root, String(n), 'site.yaml'), out), { stdio: 'ignore' });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] as number;
    cliTable.push([
      String(n),
      `flowmatrix ${name}`,
      fmt(median),
      `${fmt(times[0] as number)}–${fmt(times.at(-1) as number)}`,
    ]);
  }
}

const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table) console.log(line(r));
const cliHeader = ['flows', 'command (whole process)', `median of ${cliRuns}`, 'range'];
const cliWidths = cliHeader.map((h, i) => Math.max(h.length, ...cliTable.map((r) => (r[i] ?? '').length)));
const cliLine = (r: string[]) => `| ${r.map((c, i) => c.padEnd(cliWidths[i] ?? 0)).join(' | ')} |`;
console.log('');
console.log(cliLine(cliHeader));
console.log(`|${cliWidths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of cliTable) console.log(cliLine(r));

// What the firewall pays to load our output (issue 10): a child of its own, so that a machine without root or the
// shared policy scripts still gets the tables above.
if (!args.includes('--no-device-cost')) {
  console.log('');
  const device = spawnSync(tsx, [new URL('./device-cost.bench.ts', import.meta.url).pathname], { stdio: 'inherit' });
  if (device.status !== 0)
    console.log('device cost: skipped (needs root, nftables, iptables, ipset and ../shared/bench)');
}

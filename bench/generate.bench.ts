/**
 * Generate alone, warm and cold, for the address-based targets (the registry's: test/targets/support/registry.ts):
 * `npx tsx bench/generate.bench.ts [--sizes 10000] [--only nftables,iptables] [--runs 7]`. Loads and resolves the
 * synthetic site once (bench/synthetic.ts), then for each target generates every firewall of its platform: the first
 * run (JIT included) and the best of `--runs` warm runs, wall and CPU. A stage-level figure the whole-process bench
 * (`run.ts`) drowns in load and resolve. `--site a.yaml` measures a given site instead (e.g.
 * `bench/.tmp/aerleon-10000/site-nftables.yaml`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSiteFile } from '../src/catalog/fs.js';
import { resolveSite } from '../src/matrix/index.js';
import type { Matrix } from '../src/model/matrix.js';
import { generate, type TargetId } from '../src/targets/index.js';
import { ADDRESS_BASED } from '../test/targets/support/registry.js';
import { syntheticFiles } from './synthetic.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (opt('--sizes') ?? '10000').split(',').map(Number);
const only = (opt('--only')?.split(',') as TargetId[] | undefined) ?? ADDRESS_BASED;
const runs = Number(opt('--runs') ?? 7);

function once(m: Matrix, target: TargetId): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of m.firewalls) {
    const out = generate(m, { firewall: f.name, target });
    if (!out.ok) throw new Error(`${target}: ${out.issues[0]?.message}`);
  }
  const cpu = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log('flows | target | first run wall / CPU | best warm wall / CPU');
/** The synthetic site of each size, or the site files `--site a.yaml,b.yaml` names (the Aerleon policy: device-cost.bench.ts). */
function siteFiles(): { label: string; path: string }[] {
  const given = opt('--site');
  if (given) return given.split(',').map((path) => ({ label: path, path }));
  return sizes.map((n) => {
    const dir = join(new URL('./.tmp/', import.meta.url).pathname, String(n));
    mkdirSync(dir, { recursive: true });
    const files = syntheticFiles(n);
    writeFileSync(join(dir, 'synthetic.yaml'), files.catalog);
    writeFileSync(join(dir, 'site.yaml'), files.site);
    return { label: String(n), path: join(dir, 'site.yaml') };
  });
}

for (const { label: n, path } of siteFiles()) {
  const loaded = await loadSiteFile(path);
  if (!loaded.ok) throw new Error(`load failed: ${loaded.issues[0]?.message}`);
  const resolved = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
  if (!resolved.ok) throw new Error(`resolve failed: ${resolved.issues[0]?.message}`);
  for (const target of only) {
    const first = once(resolved.value, target);
    const warm = Array.from({ length: runs }, () => once(resolved.value, target));
    const best = (k: 'wall' | 'cpu') => Math.min(...warm.map((w) => w[k]));
    console.log(`${n} | ${target} | ${ms(first.wall)} / ${ms(first.cpu)} | ${ms(best('wall'))} / ${ms(best('cpu'))}`);
  }
}

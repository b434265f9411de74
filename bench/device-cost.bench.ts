/**
 * What the firewall pays to load our output, on the policy Flowmatrix is compared on with Aerleon (issue 10 item 6):
 * `npx tsx bench/device-cost.bench.ts [--sizes 10000,100000] [--only nftables,iptables] [--no-load]`.
 * Writes the seeded policy with the shared scripts (`$FLOWMATRIX_BENCH_POLICY`, default `../shared/bench`: N terms,
 * N/5 networks, 100 services, one firewall), then per target: the whole `generate` command as a user runs it (the
 * build in dist/, wall time and peak RSS), the set and rule counts of its output, and the real load into a fresh
 * network namespace (`nft -f`; `ipset restore` then `iptables-restore`), each figure with the load average beside it
 * (this machine is shared). Needs root, python3, iproute2, nftables, iptables and ipset.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { outputCounts, timedInNamespace } from './targets.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (opt('--sizes') ?? '10000').split(',').map(Number);
const only = (opt('--only')?.split(',') ?? ['nftables', 'iptables']) as ('nftables' | 'iptables')[];
const load = !args.includes('--no-load');
const repo = new URL('..', import.meta.url).pathname;
const scripts = process.env.FLOWMATRIX_BENCH_POLICY ?? join(repo, '../shared/bench');
if (!existsSync(join(scripts, 'synth_spec.py'))) throw new Error(`no synth_spec.py in ${scripts}`);

const la = () => loadavg()[0]?.toFixed(1) ?? '?';
const fmt = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);

// The CLI runs its bundle when it is as new as dist/ (bin/flowmatrix.js): make both, as `npm install` does, so the
// figures are the product's. `tsc` alone would leave the bundle older than dist/ and time the unbundled CLI.
execFileSync('npm', ['run', '--silent', 'build'], { cwd: repo });
const bin = join(repo, 'bin/flowmatrix.js');

for (const n of sizes) {
  const dir = join(repo, 'bench/.tmp', `aerleon-${n}`);
  mkdirSync(dir, { recursive: true });
  const spec = execFileSync('python3', [join(scripts, 'synth_spec.py'), String(n)], { maxBuffer: 1 << 30 });
  writeFileSync(join(dir, 'spec.json'), spec);
  execFileSync('python3', [join(scripts, 'to_flowmatrix.py'), join(dir, 'spec.json'), dir]);
  for (const target of only) {
    const out = join(dir, `out-${target}`);
    rmSync(out, { recursive: true, force: true });
    const before = la();
    const t0 = performance.now();
    // GNU time's %M is the peak RSS in KiB of the command (node and all it allocates).
    const run = spawnSync(
      '/usr/bin/time',
      ['-f', '%M', bin, 'generate', join(dir, `site-${target}.yaml`), '--target', target, '-o', out],
      { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const wall = performance.now() - t0;
    if (run.status !== 0) throw new Error(`generate ${target} failed: ${run.stderr}`);
    const rssKiB = Number(run.stderr.trim().split('\n').pop());
    const files = (ext: string) => {
      const path = join(out, `fw${ext}`);
      return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    };
    const counts = outputCounts(target, files);
    console.log(
      `${n} terms | ${target} | generate ${fmt(wall)}, peak RSS ${(rssKiB / 1024).toFixed(0)} MiB (load ${before}) | ${counts}`,
    );
    if (!load) continue;
    const steps =
      target === 'nftables'
        ? [[['nft', '-f', join(out, 'fw.nft')]]]
        : [
            files('.ipset') ? [['ipset', 'restore', '-exist', '-file', join(out, 'fw.ipset')]] : [],
            [['iptables-restore', join(out, 'fw.iptables')]],
          ];
    const loadBefore = la();
    const times = timedInNamespace(`fmcost${process.pid}`, steps as [string, ...string[]][][]);
    const names = target === 'nftables' ? ['nft -f'] : ['ipset restore', 'iptables-restore'];
    console.log(
      `${n} terms | ${target} | ${names.map((s, i) => `${s} ${fmt(times[i] ?? 0)}`).join(', ')} (load ${loadBefore} → ${la()})`,
    );
  }
}

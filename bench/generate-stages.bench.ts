/**
 * Where one cold `generate` spends its CPU and memory, stage by stage, in one process as the CLI runs them, on the
 * built code (dist/, built first): `npx tsx bench/generate-stages.bench.ts --site
 * bench/.tmp/aerleon-10000/site-nftables.yaml [--target nftables] [--runs 5]`. Stages: import of the modules
 * generate needs, load + validate, resolve, slice + NAT view + capability check into the rules a target prints
 * (what `generate` does before printing), print. Each run is a fresh `node` (the first run of each stage is the
 * one a user pays); the table gives the least CPU of `--runs` runs per stage, and the largest heap and RSS after it.
 * Printing is timed apart from the stages before it: the printers change on their own schedule.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const repo = fileURLToPath(new URL('..', import.meta.url));
const site = opt('--site');
if (!site) throw new Error('--site FILE is required (device-cost.bench.ts writes bench/.tmp/aerleon-N/site-*.yaml)');
const target = opt('--target') ?? 'nftables';
const runs = Number(opt('--runs') ?? 5);

/** One cold run, in a child `node` started as the CLI is (no V8 flag); prints one JSON line of stage → [cpu ms, heap MiB, rss MiB]. */
const CHILD = `
const dist = process.argv[1], site = process.argv[2], target = process.argv[3];
const out = {};
let cpu = process.cpuUsage();
const mark = (name) => {
  const c = process.cpuUsage(cpu);
  const m = process.memoryUsage();
  out[name] = [(c.user + c.system) / 1000, m.heapUsed / 2 ** 20, m.rss / 2 ** 20];
  cpu = process.cpuUsage();
};
const fs = await import(dist + '/catalog/fs.js');
const mx = await import(dist + '/matrix/index.js');
const tg = await import(dist + '/targets/index.js');
const rules = await import(dist + '/targets/generate/rules.js');
const nat = await import(dist + '/targets/generate/nat.js');
const cap = await import(dist + '/targets/generate/capabilities.js');
mark('import');
const loaded = fs.loadSiteFile(site);
if (!loaded.ok) throw new Error(loaded.issues[0].message);
mark('load + validate');
const resolved = mx.resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
if (!resolved.ok) throw new Error(resolved.issues[0].message);
const m = resolved.value;
mark('resolve');
const t = tg.targets[target];
const info = m.firewalls[0];
const slice = rules.sliceForFirewall(m, info.name, target);
const viewed = nat.natRules(slice.rules, t.natView, target);
const allowed = [];
cap.checkEachRule(viewed.rules, t, (r) => allowed.push(rules.allowRule(r)));
const ruleset = rules.rulesetOf(m.site, info.name, allowed, nat.natContext(info, m.zones), rules.firewallZones(info, m.zones));
mark('slice + check + rules');
const printed = t.print(ruleset, {});
if (!printed.ok) throw new Error(printed.issues[0].message);
mark('print');
console.log(JSON.stringify(out));
`;

// The whole build, bundle included: tsc alone would leave the CLI's bundle older than dist/ (bin then runs dist/).
execFileSync('npm', ['run', '--silent', 'build'], { cwd: repo });
const samples: Record<string, number[]>[] = [];
for (let i = 0; i < runs; i++) {
  const line = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD, `${repo}dist`, site, target], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  samples.push(JSON.parse(line.trim().split('\n').pop() as string));
}
const stages = Object.keys(samples[0] ?? {});
const least = (s: string, k: number) => Math.min(...samples.map((x) => x[s]?.[k] ?? Number.NaN));
const most = (s: string, k: number) => Math.max(...samples.map((x) => x[s]?.[k] ?? Number.NaN));
console.log(`${site} | ${target} | ${runs} cold runs | least CPU per stage, largest heap / RSS after it`);
let total = 0;
for (const s of stages) {
  total += least(s, 0);
  console.log(
    `${s.padEnd(22)} ${least(s, 0).toFixed(0).padStart(6)} ms CPU  heap ${most(s, 1).toFixed(0)} MiB  RSS ${most(s, 2).toFixed(0)} MiB`,
  );
}
console.log(`${'sum'.padEnd(22)} ${total.toFixed(0).padStart(6)} ms CPU`);

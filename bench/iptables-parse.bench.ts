/**
 * Reading a real iptables-save file into a Ruleset. Run: `npx tsx bench/iptables-parse.bench.ts`. The input is the
 * 4,973-rule TUM ruleset of the shared fixtures (FLOWMATRIX_FIXTURES, default ../shared/fixtures; never copied here).
 * Prints, for each file, the first parse in a fresh process (what a user waits for: JIT warm-up included; median of
 * 5 processes) and the best of 10 parses once warm, as wall and CPU time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseIptables } from '../src/targets/iptables/parse/index.js';

const FILES = ['tum_i8_2015-09-03.iptables-save', 'medium_company_mainfw_2016-01-31.iptables-save'];

function fixtures(): string {
  if (process.env.FLOWMATRIX_FIXTURES) return process.env.FLOWMATRIX_FIXTURES;
  const candidates = [new URL('../../shared/fixtures', import.meta.url).pathname, '/work/shared/fixtures'];
  return candidates.find((d) => existsSync(d)) ?? (candidates[0] as string);
}

function once(path: string): { wall: number; cpu: number; rules: number } {
  const text = readFileSync(path, 'utf8');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = parseIptables([{ file: path, text, kind: 'iptables' }]);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return { wall, cpu: (c.user + c.system) / 1000, rules: Object.values(r.value.rules)[0] ?? 0 };
}

const onceArg = process.argv.indexOf('--once');
if (onceArg >= 0) {
  process.stdout.write(JSON.stringify(once(process.argv[onceArg + 1] as string)));
} else {
  const dir = `${fixtures()}/firewalls/iptables`;
  if (!existsSync(dir)) throw new Error(`no fixtures at ${dir}: set FLOWMATRIX_FIXTURES`);
  const tsx = new URL('../node_modules/.bin/tsx', import.meta.url).pathname;
  const self = new URL(import.meta.url).pathname;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  console.log(`node ${process.version}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  console.log('file | rules | first parse wall / CPU (median of 5 processes) | warm wall / CPU (best of 10)');
  for (const file of FILES) {
    const path = `${dir}/${file}`;
    const cold = Array.from({ length: 5 }, () =>
      JSON.parse(execFileSync(tsx, [self, '--once', path], { encoding: 'utf8' })),
    ) as ReturnType<typeof once>[];
    const warm = Array.from({ length: 10 }, () => once(path));
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    console.log(
      [
        file,
        cold[0]?.rules,
        `${ms(median(cold.map((c) => c.wall)))} / ${ms(median(cold.map((c) => c.cpu)))}`,
        `${ms(Math.min(...warm.map((w) => w.wall)))} / ${ms(Math.min(...warm.map((w) => w.cpu)))}`,
      ].join(' | '),
    );
  }
}

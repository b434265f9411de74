/**
 * Target stages for `npm run bench`: render the synthetic site's matrix for each of its firewalls with one Linux
 * target, then have the real tool accept it inside a throw-away network namespace (`nft -c -f`, or `ipset restore`
 * then `iptables-restore --test` / `ip6tables-restore --test`). DESIGN.md §6: the device's load time is what
 * matters, so three times are reported: `render` (ours), `check` (the tool's dry run) and `apply` (the real load
 * into that namespace's kernel: `iptables-restore --test` never reaches the kernel, `nft -c` does).
 * Needs root, iproute2, nftables, iptables and ipset.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Matrix } from '../src/model/matrix.js';
import { type Artifact, generate } from '../src/targets/index.js';

type LinuxTarget = 'nftables' | 'iptables';

export interface TargetStageResult {
  readonly bytes: number;
  readonly extra: { readonly render: number; readonly check: number; readonly apply: number };
}

const sh = (cmd: string, args: readonly string[]) =>
  execFileSync(cmd, [...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26, timeout: 3_600_000 });

/** Writes one firewall's artifacts and returns the tool commands that check and that really load them. */
function commands(target: LinuxTarget, artifacts: readonly Artifact[], dir: string): { check: Cmd[]; apply: Cmd[] } {
  const path = (ext: string): string | undefined => {
    const a = artifacts.find((x) => x.path.endsWith(ext));
    if (!a) return undefined;
    const file = join(dir, a.path);
    writeFileSync(file, a.content);
    return file;
  };
  if (target === 'nftables') {
    const nft = path('.nft');
    return nft ? { check: [['nft', '-c', '-f', nft]], apply: [['nft', '-f', nft]] } : { check: [], apply: [] };
  }
  // The rules name the sets, so the sets must exist before the check: restoring them counts as checking.
  const ipset = path('.ipset');
  const v4 = path('.iptables');
  const v6 = path('.ip6tables');
  const check: Cmd[] = [];
  const apply: Cmd[] = [];
  if (ipset) check.push(['ipset', 'restore', '-exist', '-file', ipset]);
  for (const [tool, file] of [
    ['iptables-restore', v4],
    ['ip6tables-restore', v6],
  ] as const) {
    if (!file) continue;
    check.push([tool, '--test', file]);
    apply.push([tool, file]);
  }
  return { check, apply };
}

export type Cmd = [string, ...string[]];

/** Milliseconds the commands take, in order, inside a fresh namespace (removed afterwards). */
export function timedInNamespace(ns: string, steps: readonly (readonly Cmd[])[]): number[] {
  sh('ip', ['netns', 'add', ns]);
  try {
    return steps.map((cmds) => {
      const t0 = performance.now();
      for (const c of cmds) sh('ip', ['netns', 'exec', ns, ...c]);
      return performance.now() - t0;
    });
  } finally {
    sh('ip', ['netns', 'del', ns]);
  }
}

export async function targetStage(matrix: Matrix, target: LinuxTarget): Promise<TargetStageResult> {
  const dir = mkdtempSync(join(tmpdir(), `fm-bench-${target}-`));
  const times = { render: 0, check: 0, apply: 0 };
  let bytes = 0;
  try {
    // Every firewall rendered first, then checked: a namespace's teardown goes on in the kernel after `ip netns
    // del` returns, and would otherwise compete with the next render for this machine's two cores.
    const t0 = performance.now();
    const outputs = matrix.firewalls.map((fw) => {
      const out = generate(matrix, { firewall: fw.name, target });
      if (!out.ok) throw new Error(`${target} ${fw.name}: ${out.issues[0]?.message}`);
      return out.value;
    });
    times.render = performance.now() - t0;
    for (const out of outputs) {
      for (const a of out.artifacts) bytes += Buffer.byteLength(a.content);
      const { check, apply } = commands(target, out.artifacts, dir);
      const [c = 0, a = 0] = timedInNamespace(`fmbench${process.pid}`, [check, apply]);
      times.check += c;
      times.apply += a;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { bytes, extra: times };
}

/**
 * What the device is given, counted from the output text: named sets and rules for nftables; for iptables the
 * ipsets, the rules as written, and the rules iptables-restore makes of them (`-s a,b -d c,d` is one rule per pair).
 */
export function outputCounts(target: LinuxTarget, file: (ext: string) => string | undefined): string {
  if (target === 'nftables') {
    const nft = file('.nft') ?? '';
    const sets = nft.match(/^\tset /gm)?.length ?? 0;
    let rules = 0;
    let inChain = false;
    for (const line of nft.split('\n')) {
      if (line.startsWith('\tchain ')) inChain = true;
      else if (line === '\t}') inChain = false;
      else if (inChain && line.startsWith('\t\t') && !line.startsWith('\t\ttype ')) rules++;
    }
    const chains = nft.match(/^\tchain /gm)?.length ?? 0;
    return `${sets} sets, ${rules} rules, ${chains} chains`;
  }
  const ipset = file('.ipset') ?? '';
  const sets = ipset.match(/^create /gm)?.length ?? 0;
  let written = 0;
  let expanded = 0;
  let chains = 0;
  for (const text of [file('.iptables') ?? '', file('.ip6tables') ?? '']) {
    for (const line of text.split('\n')) {
      if (/^:\S+ - /.test(line)) chains++;
      if (!line.startsWith('-A ')) continue;
      written++;
      const many = (flag: string) => line.match(new RegExp(`(?:^| )${flag} (\\S+)`))?.[1]?.split(',').length ?? 1;
      expanded += many('-s') * many('-d');
    }
  }
  return `${sets} ipsets, ${written} rules written, ${expanded} kernel rules, ${chains} user chains`;
}

/**
 * Target stages for `npm run bench`: render the synthetic site's matrix for each of its firewalls with one Linux
 * target, then have the real tool accept it inside a throw-away network namespace (`nft -c -f`, or `ipset restore`
 * then `iptables-restore --test` / `ip6tables-restore --test`). DESIGN.md §6: the device's load time is what
 * matters, so both times are reported: `render` (ours) and `check` (the kernel tool's).
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
  readonly extra: { readonly render: number; readonly check: number };
}

const sh = (cmd: string, args: readonly string[]) =>
  execFileSync(cmd, [...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26, timeout: 3_600_000 });

/** The real tool's check of one firewall's artifacts, in the namespace `ns`. */
function check(ns: string, target: LinuxTarget, artifacts: readonly Artifact[], dir: string): void {
  const path = (ext: string): string | undefined => {
    const a = artifacts.find((x) => x.path.endsWith(ext));
    if (!a) return undefined;
    const file = join(dir, a.path);
    writeFileSync(file, a.content);
    return file;
  };
  const inNs = (cmd: string, ...args: string[]) => sh('ip', ['netns', 'exec', ns, cmd, ...args]);
  if (target === 'nftables') {
    const nft = path('.nft');
    if (nft) inNs('nft', '-c', '-f', nft);
    return;
  }
  // The sets must exist for the rules that name them: restoring them is part of accepting the output.
  const ipset = path('.ipset');
  if (ipset) inNs('ipset', 'restore', '-exist', '-file', ipset);
  const v4 = path('.iptables');
  const v6 = path('.ip6tables');
  if (v4) inNs('iptables-restore', '--test', v4);
  if (v6) inNs('ip6tables-restore', '--test', v6);
}

export async function targetStage(matrix: Matrix, target: LinuxTarget): Promise<TargetStageResult> {
  const dir = mkdtempSync(join(tmpdir(), `fm-bench-${target}-`));
  const ns = `fmbench${process.pid}`;
  let render = 0;
  let checkMs = 0;
  let bytes = 0;
  sh('ip', ['netns', 'add', ns]);
  try {
    for (const fw of matrix.firewalls) {
      const t0 = performance.now();
      const out = generate(matrix, { firewall: fw.name, target });
      const t1 = performance.now();
      if (!out.ok) throw new Error(`${target} ${fw.name}: ${out.issues[0]?.message}`);
      render += t1 - t0;
      for (const a of out.value.artifacts) bytes += Buffer.byteLength(a.content);
      const t2 = performance.now();
      check(ns, target, out.value.artifacts, dir);
      checkMs += performance.now() - t2;
    }
  } finally {
    sh('ip', ['netns', 'del', ns]);
    rmSync(dir, { recursive: true, force: true });
  }
  return { bytes, extra: { render, check: checkMs } };
}

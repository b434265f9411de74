import { runAudit } from '../src/audit/index.js';
import type { Catalog } from '../src/model/catalog.js';
import type { Matrix } from '../src/model/matrix.js';
import { generate, type TargetId, targetIds } from '../src/targets/index.js';
import { targetStage } from './targets.js';

export type StageRun = (
  m: Matrix,
  ctx: { readonly catalogs: readonly Catalog[] },
) => Promise<{ bytes: number; extra?: Record<string, number> }>;

/** Renders one target for every firewall of the site (or once for the proxy, for proxy targets). */
async function renderOnly(m: Matrix, target: TargetId): Promise<{ bytes: number; extra: Record<string, number> }> {
  const runs =
    target === 'pac' || target === 'squid' ? [{ target }] : m.firewalls.map((f) => ({ firewall: f.name, target }));
  let bytes = 0;
  let findings = 0;
  for (const run of runs) {
    const out = generate(m, run);
    if (!out.ok) throw new Error(`${target}: ${out.issues[0]?.message}`);
    for (const a of out.value.artifacts) bytes += Buffer.byteLength(a.content);
    findings += out.value.findings.length;
  }
  return { bytes, extra: { findings } };
}

/**
 * Stages beyond document formats (targets, audit), keyed by name; each returns the output size and may return
 * `extra` values (`render` replaces the measured time; any other key, such as `check`, becomes a column).
 * nftables and iptables are also checked and loaded by the real tools (bench/targets.ts).
 */
export const extraStages: Record<string, StageRun> = {
  ...Object.fromEntries(targetIds.map((id) => [id, (m: Matrix) => renderOnly(m, id)])),
  nftables: (m) => targetStage(m, 'nftables'),
  iptables: (m) => targetStage(m, 'iptables'),
  audit: async (m, { catalogs }) => {
    const r = runAudit({ matrix: m, catalogs, today: '2026-01-01' });
    return { bytes: 0, extra: { findings: r.findings.length } };
  },
};

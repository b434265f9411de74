import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import type { TargetOutput } from '../../../src/targets/generate/target.js';
import { generate } from '../../../src/targets/index.js';
import { parseIptables } from '../../../src/targets/iptables/parse/index.js';
import { parseNftText } from '../../../src/targets/nftables/parse/index.js';
import { netnsRequirements } from '../../support/netns.js';
import { loadGenerated } from '../../support/netns-kernel.js';
import { createSidedLab, type SidedLab } from '../../support/netns-sided.js';
import { planFirewall, type SideProbe, type SitePlan } from '../../support/netns-site-plan.js';
import { missing, requirements } from '../../support/system.js';
import { exampleMatrix } from '../support/examples.js';

/**
 * Kernel proof on an example site: every firewall of the site, rendered for nftables and for iptables (its own
 * platform, or `--target` for the others), loaded into a namespace lab whose sides hold the site's real addresses
 * behind the interface names the site declares; every rule probed with real TCP/UDP/ICMP (return traffic
 * included) and its near misses; every rule that cannot be probed must be reported by a finding.
 */
export const KERNEL_TARGETS = ['nftables', 'iptables'] as const;
type KernelTarget = (typeof KERNEL_TARGETS)[number];

/** A lab for one firewall's plan, with listeners on every side for the ports probed there. */
export async function openLab(plan: SitePlan): Promise<SidedLab> {
  const lab = await createSidedLab(plan.sides);
  try {
    await Promise.all(
      plan.sides.map((_, side) => {
        const inbound = plan.probes.filter((p) => p.toSide === side);
        const ports = (proto: string) => [...new Set(inbound.filter((p) => p.proto === proto).map((p) => p.port))];
        return lab.listen(side, { tcp: ports('tcp'), udp: ports('udp') }, [...new Set(inbound.map((p) => p.dst))]);
      }),
    );
  } catch (e) {
    lab.destroy();
    throw e;
  }
  return lab;
}

const describeProbe = (p: SideProbe) =>
  `${p.proto} ${p.src} -> ${p.dst}:${p.port} (${p.why}) expected ${p.expected ? 'permit' : 'drop'}`;

/** Generate, load, probe every side at once; returns the probes that disagree with the matrix. */
export async function proveTarget(
  lab: SidedLab,
  plan: SitePlan,
  matrix: Matrix,
  firewall: string,
  target: KernelTarget,
): Promise<{ mismatches: string[]; unreported: string[]; modelDisagrees: string[] }> {
  const native = matrix.firewalls.find((f) => f.name === firewall)?.platform === target;
  const out = generate(matrix, native ? { firewall } : { firewall, target });
  if (!out.ok) throw new Error(out.issues.map((i) => i.message).join('\n'));
  await loadGenerated(lab, target, out.value);
  const model = readBack(target, out.value);
  const modelDisagrees: string[] = [];
  const results = await Promise.all(
    plan.sides.map(async (_, side) => {
      const mine = plan.probes.filter((p) => p.fromSide === side);
      const got = await lab.probe(side, mine);
      // The kernel is the oracle of the reader too: the ruleset read back from the same file decides alike.
      if (model) {
        mine.forEach((p, i) => {
          const said = decides(model, p, plan);
          if (said !== got[i])
            modelDisagrees.push(`${describeProbe(p)}: kernel ${got[i] ? 'permits' : 'drops'}, evaluate says ${said}`);
        });
      }
      return mine.filter((p, i) => got[i] !== p.expected);
    }),
  );
  const reported = new Set(out.value.findings.filter((f) => f.rule.startsWith(`target:${target}:`)).map((f) => f.key));
  const unreported = plan.rules
    .filter((r) => r.withheld.length > 0 && !reported.has(r.row.key))
    .map((r) => `${r.label}: ${r.withheld.join('; ')}`);
  return { mismatches: results.flat().map(describeProbe), unreported, modelDisagrees };
}

/** The generated file read back into the neutral ruleset, for the targets that have a reader. */
function readBack(target: KernelTarget, out: TargetOutput): Ruleset {
  if (target === 'iptables') {
    const files = out.artifacts.filter((a) => /\.(iptables|ip6tables|ipset)$/.test(a.path));
    const r = parseIptables(files.map((a) => ({ file: a.path, text: a.content })));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    return r.value.ruleset;
  }
  const text = out.artifacts.find((a) => a.path.endsWith('.nft'))?.content ?? '';
  const r = parseNftText({ path: 'generated.nft', text });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

/** What first-match evaluation says of a probe: true (permit), false (drop), or 'indeterminate'. */
function decides(model: Ruleset, p: SideProbe, plan: SitePlan): boolean | 'indeterminate' {
  const where = `in ${plan.sides[p.fromSide]?.iface} out ${plan.sides[p.toSide]?.iface}`;
  const at = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
  const text =
    p.proto === 'icmp'
      ? `icmp ${p.src} -> ${p.dst} type ${p.src.includes(':') ? 128 : 8} ${where}`
      : `${p.proto} ${at(p.src, 40000)} -> ${at(p.dst, p.port)} ${where}`;
  const packet = parsePacket(text);
  if (!packet.ok) throw new Error(`${text}: ${packet.message}`);
  const d = evaluate(model, packet.value);
  return d.kind === 'decided' ? d.action === 'accept' : 'indeterminate';
}

/** The whole suite for one example site: one lab per firewall, both targets proven in it in turn. */
export function describeSite(file: string): void {
  describe.skipIf(
    missing(
      requirements.nft,
      requirements.iptables,
      requirements.netns,
      netnsRequirements.ipset,
      netnsRequirements.ping,
    ),
  )(`${file} in a real kernel`, () => {
    const matrix = exampleMatrix(file);
    for (const fw of matrix.firewalls) {
      describe(`${fw.name} (${fw.platform})`, () => {
        const plan = planFirewall(matrix, fw.name);
        let lab: SidedLab | undefined;
        beforeAll(async () => {
          lab = await openLab(plan);
        });
        afterAll(() => lab?.destroy());

        it('plans a passing probe for every rule a Linux firewall can hold, and near misses', () => {
          for (const r of plan.rules) if (r.withheld.length === 0) expect(r.passes, r.label).toBeGreaterThan(0);
          // A firewall whose every row is a name (Hamilton's edge) has nothing to probe: then all of it is withheld.
          const probed = plan.rules.some((r) => r.passes > 0);
          expect(probed || plan.rules.every((r) => r.withheld.length > 0)).toBe(true);
          if (probed) expect(plan.probes.some((p) => !p.expected)).toBe(true);
        });

        for (const target of KERNEL_TARGETS) {
          it(`${target}${fw.platform === target ? '' : ' (--target)'}: every rule passes, near misses drop, the rest is reported`, async () => {
            const { mismatches, unreported, modelDisagrees } = await proveTarget(
              lab as SidedLab,
              plan,
              matrix,
              fw.name,
              target,
            );
            expect(mismatches).toEqual([]);
            expect(unreported).toEqual([]);
            expect(modelDisagrees).toEqual([]);
          }, 60_000);
        }
      });
    }
  });
}

import { describe, expect, it } from 'vitest';
import { CidrSet } from '../../src/net/cidr-set.js';
import { PortSet } from '../../src/net/port-set.js';
import { evaluate } from '../../src/ruleset/evaluate.js';
import { lowerSlice } from '../../src/ruleset/lower.js';
import { parsePacket } from '../../src/ruleset/packet.js';
import type { Rule, Ruleset } from '../../src/ruleset/types.js';
import { checkCapabilities } from '../../src/targets/generate/capabilities.js';
import { allowRule, sliceForFirewall } from '../../src/targets/generate/rules.js';
import { nftables } from '../../src/targets/nftables/index.js';
import { describeBox, verifyFirewall } from '../../src/verify/index.js';
import { EXAMPLES, exampleMatrix } from '../targets/support/examples.js';

/**
 * The matrix's own slice, lowered to a ruleset, must verify clean — every row permitted, nothing opened beyond the
 * matrix — and each mutation a reviewer fears must be caught and named.
 */
function lowered(name: string) {
  const matrix = exampleMatrix(name);
  return matrix.firewalls.map((fw) => {
    const slice = sliceForFirewall(matrix, fw.name);
    const checked = checkCapabilities(slice.rules, nftables);
    return { matrix, firewall: fw.name, rules: checked.rules, ruleset: lowerSlice(checked.rules.map(allowRule)) };
  });
}

/** The first packet of a rule's match, when it has one address of each side in the same family. */
function samplePacket(rule: Rule) {
  const src = rule.source?.toRanges()[0];
  const dst = rule.destination?.toRanges().find((r) => r.family === src?.family);
  const port = rule.destinationPorts?.toRanges()[0]?.from;
  const proto = rule.protocols?.toRanges()[0]?.from === 17 ? 'udp' : 'tcp';
  if (!src || !dst || port === undefined) return undefined;
  const at = (a: string) => (src.family === 6 ? `[${a}]` : a);
  const p = parsePacket(`${proto} ${at(src.first)}:40000 -> ${at(dst.first)}:${port}${iface(rule)}`);
  return p.ok ? p.value : undefined;
}
const iface = (rule: Rule): string =>
  `${rule.inInterface ? ` in ${rule.inInterface.name}` : ''}${rule.outInterface ? ` out ${rule.outInterface.name}` : ''}`;

const forwardRules = (rs: Ruleset): Rule[] => [...(rs.chains[rs.entry]?.rules ?? [])];
const withRules = (rs: Ruleset, rules: Rule[]): Ruleset => ({
  ...rs,
  chains: { [rs.entry]: { name: rs.entry, rules, policy: 'drop' } },
});

describe.each(EXAMPLES)('%s lowered to a ruleset', (name) => {
  const cases = lowered(name).filter((c) => c.rules.length > 0);

  it('verifies clean: every address-only row permitted, nothing beyond the matrix', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const v = verifyFirewall(c.matrix, c.firewall, c.ruleset);
      for (const row of v.rows) {
        if (row.unverifiable.length > 0) continue;
        expect(row.verdict, `${c.firewall} ${row.rule.id} ${row.reasons.map((x) => x.en).join('; ')}`).toBe(
          'permitted',
        );
      }
      for (const rule of v.rules) {
        expect(
          rule.beyondMatrix?.map((b) => describeBox(b)),
          `${c.firewall} rule ${rule.hit.index}`,
        ).toBeUndefined();
      }
    }
  });

  it('names a dropped rule, a widened port, swapped sides and an earlier deny', () => {
    const c = cases[0];
    if (!c) throw new Error(`${name} has no firewall with rules`);
    const rules = forwardRules(c.ruleset);
    // A victim whose traffic no other rule lets through: first-match evaluation of one of its packets, without it,
    // must drop (the rows of these sites often share traffic).
    const victimIndex = rules.findIndex((r, i) => {
      if (!r.destinationPorts || !r.source || !r.destination) return false;
      const packet = samplePacket(r);
      if (!packet) return false;
      const d = evaluate(
        withRules(
          c.ruleset,
          rules.filter((_, j) => j !== i),
        ),
        packet,
      );
      return d.kind === 'decided' && d.action === 'drop';
    });
    expect(victimIndex, 'a rule the matrix needs alone').toBeGreaterThanOrEqual(0);
    const victim = rules[victimIndex] as Rule;
    const rowKey = victim.provenance.row;
    const rowOf = (v: ReturnType<typeof verifyFirewall>) => v.rows.filter((r) => r.rule.row.key === rowKey);

    // Dropped: the row is no longer (fully) permitted.
    const dropped = verifyFirewall(
      c.matrix,
      c.firewall,
      withRules(
        c.ruleset,
        rules.filter((_, i) => i !== victimIndex),
      ),
    );
    expect(rowOf(dropped).some((r) => r.verdict === 'denied' || r.verdict === 'partial')).toBe(true);

    // Widened to every port: the rule opens more than the matrix asks, and says so.
    const wide = rules.map((r, i) => (i === victimIndex ? { ...r, destinationPorts: PortSet.all() } : r));
    const widened = verifyFirewall(c.matrix, c.firewall, withRules(c.ruleset, wide));
    const beyond = widened.rules.find((r) => r.hit.index === victimIndex)?.beyondMatrix;
    expect(beyond?.length).toBeGreaterThan(0);

    // Source and destination swapped: the row is denied (unless the matrix has the reverse too).
    const swapped = rules.map((r, i) =>
      i === victimIndex ? { ...r, source: victim.destination as CidrSet, destination: victim.source as CidrSet } : r,
    );
    const sw = verifyFirewall(c.matrix, c.firewall, withRules(c.ruleset, swapped));
    expect(rowOf(sw).some((r) => r.verdict !== 'permitted')).toBe(true);
    // And the swapped rule opens traffic no row asks for — even where the mirror row exists, since it enters and
    // leaves by the other interfaces.
    if (victim.inInterface) {
      expect(sw.rules.find((r) => r.hit.index === victimIndex)?.beyondMatrix?.length).toBeGreaterThan(0);
    }

    // An earlier deny of the same traffic: the row is denied by it and the accept is shadowed, a conflict.
    const deny: Rule = { ...victim, verdict: { kind: 'drop' }, provenance: { file: 'mutant', line: 1 } };
    const denied = verifyFirewall(c.matrix, c.firewall, withRules(c.ruleset, [deny, ...rules]));
    const denyRow = rowOf(denied).find((r) => r.verdict !== 'permitted');
    expect(denyRow?.deniedParts.some((p) => p.by?.rule.provenance.file === 'mutant')).toBe(true);
    const shadow = denied.rules.find((r) => r.hit.index === victimIndex + 1)?.shadowed;
    expect(shadow?.kind).toBe('conflict');
    expect(shadow?.by.map((h) => h.rule.provenance.file)).toContain('mutant');
  });
});

it('a member taken out of an address object makes the row partial and names what is missing', () => {
  const c = lowered('hamilton-site').find((x) => x.rules.length > 0);
  if (!c) throw new Error('hamilton has firewall rules');
  const rules = forwardRules(c.ruleset);
  const i = rules.findIndex((r) => r.source && r.source.toCidrs().length >= 1 && r.destinationPorts);
  const victim = rules[i] as Rule;
  const first = (victim.source as CidrSet).toCidrs()[0] as string;
  const removed = CidrSet.parse([first.endsWith('/32') || first.endsWith('/128') ? first : first]);
  if (!removed.ok) throw new Error(removed.message);
  const narrowed = rules.map((r, j) =>
    j === i ? { ...r, source: (victim.source as CidrSet).subtract(removed.value) } : r,
  );
  const v = verifyFirewall(c.matrix, c.firewall, withRules(c.ruleset, narrowed));
  const row = v.rows.find((r) => r.rule.row.key === victim.provenance.row && r.verdict !== 'permitted');
  expect(row?.verdict).toMatch(/partial|denied/);
  expect(row?.deniedParts.some((p) => p.box.source.overlaps(removed.value))).toBe(true);
});

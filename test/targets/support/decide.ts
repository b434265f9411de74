import { type Decision, evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';

/** What `rs` does with a packet written as `verify --packet` reads it (a packet that does not read fails the test). */
export function decision(rs: Ruleset, packet: string): Decision {
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(`${packet}: ${p.message}`);
  return evaluate(rs, p.value);
}

/**
 * A decision as one short line to compare: `accept 12` (the deciding rule's line), `drop by default` (a policy), or
 * `indeterminate (line 4,7): why; why` (the rules whose matches are not interpreted, and why).
 */
export function decisionText(d: Decision): string {
  if (d.kind === 'decided') return `${d.action} ${d.decidedBy?.rule.provenance.line ?? 'by default'}`;
  const lines = d.opaque.map((h) => h.rule.provenance.line).join(',');
  return `indeterminate (line ${lines}): ${d.opaque.flatMap((h) => h.rule.opaque ?? []).join('; ')}`;
}

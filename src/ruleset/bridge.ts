import type { Packet } from './packet.js';
import type { Rule } from './types.js';

/**
 * Whether the packet crosses a bridge: as it says (`path bridged|routed`), else routed when it names two different
 * interfaces. With br_netfilter a bridged packet meets FORWARD with the bridge as both its in and out interface
 * (unless bridge-nf-pass-vlan-input-dev names a VLAN device of the bridge as `in`: say `path bridged` then).
 * Undefined when unknown.
 */
export function isBridged(packet: Packet): boolean | undefined {
  if (packet.bridged !== undefined) return packet.bridged;
  const { inInterface: i, outInterface: o } = packet;
  return i !== undefined && o !== undefined && i !== o ? false : undefined;
}

/**
 * The rule as the packet's path leaves it: undefined when its bridge-port matches cannot match the packet, the rule
 * without them in `opaque` when they surely match, the rule itself when the path does not decide them.
 */
export function bridgeResolved(rule: Rule, packet: Packet): Rule | undefined {
  const b = rule.bridgePorts;
  if (!b) return rule;
  const bridged = isBridged(packet);
  const matches = bridged === undefined ? undefined : bridged ? b.bridged : b.routed;
  if (matches === undefined) return rule;
  if (!matches) return undefined;
  const opaque = (rule.opaque ?? []).filter((o) => !b.opaque.includes(o));
  const { opaque: _o, bridgePorts: _b, ...rest } = rule;
  return opaque.length > 0 ? { ...rest, opaque } : rest;
}

import type { Chain, FinalAction, InterfaceMatch, Provenance, Rule } from '../../../ruleset/types.js';
import type { NftChain } from './model.js';

/**
 * A netdev base chain as a stage of the walk: its ingress hook sees every packet entering its devices before
 * prerouting (egress: leaving them, after postrouting). The stage sends the packets of those devices to a chain
 * that calls the rules (`id`, a chain that returns) then gives the policy, as the kernel does when a base chain
 * ends or returns; other packets pass. A JSON listing does not name the devices (nft 1.0.6): whether the chain
 * applies is then a match the reading cannot tell.
 */
export function netdevStage(
  id: string,
  chain: NftChain,
  rules: Rule[],
  file: string,
): { stage: string; chains: Record<string, Chain> } {
  const policy: FinalAction = chain.policy === 'drop' ? 'drop' : 'accept';
  const stage = `${id} (${chain.hook} hook)`;
  const then = `${id} (policy ${policy})`;
  const provenance: Provenance = {
    file,
    line: chain.line,
    ...(chain.column !== undefined ? { column: chain.column } : {}),
    text: `${chain.hook} hook of ${id}`,
  };
  const key = chain.hook === 'egress' ? 'outInterface' : 'inInterface';
  const enter = (device: string): Rule => {
    const match: InterfaceMatch = { name: device, prefix: false, negated: false };
    return { [key]: match, verdict: { kind: 'goto', chain: then }, provenance };
  };
  const entries: Rule[] = chain.devices
    ? chain.devices.map(enter)
    : [
        {
          verdict: { kind: 'goto', chain: then },
          opaque: [`the devices of ${id} are not in the listing: it may see the packet or not`],
          provenance,
        },
      ];
  return {
    stage,
    chains: {
      [id]: { name: id, rules },
      // A policy, not a rule that decides: the rule checks of verify judge the configuration's own rules only.
      [then]: { name: then, rules: [{ verdict: { kind: 'jump', chain: id }, provenance }], policy },
      [stage]: { name: stage, rules: entries, policy: 'accept' },
    },
  };
}

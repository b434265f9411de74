import type { Chain, FinalAction, Rule } from '../../../ruleset/types.js';
import type { NftChain } from './model.js';

/**
 * A base chain as the neutral form needs it. Its policy ends the walk of the packets its table sees: in a table of
 * family ip or ip6 those of that family only, so a drop policy there becomes a last rule of that family (a packet
 * of the other family passes the chain, as it never meets it).
 */
export function baseChain(id: string, chain: NftChain, family: 4 | 6 | undefined, rules: Rule[], file: string): Chain {
  const policy: FinalAction = chain.policy === 'drop' ? 'drop' : 'accept';
  if (family === undefined || policy === 'accept') return { name: id, rules, policy };
  const provenance = { file, line: chain.line, text: `policy ${policy} of ${id}` };
  rules.push({ family, verdict: { kind: policy }, provenance });
  return { name: id, rules, policy: 'accept' };
}

import type { Chain, FinalAction, Rule } from '../../../ruleset/types.js';
import type { NftChain } from './model.js';

/**
 * A base chain as the neutral form needs it, with the stage that stands for it. The kernel applies the policy when
 * the base chain ends, when it returns, and when a chain it went to (`goto`) ends: evaluate does the same for a
 * chain with a policy, so the rules stay as written. A table of family ip or ip6 sees the packets of its family
 * only: its stage goes to the chain (which stays the base chain: its policy decides what returns) and lets the
 * others pass (a drop policy there is not theirs). No rule is added that decides: the rule checks of `verify` judge
 * the configuration's own rules only, and a policy stays a policy.
 */
export function baseChain(
  id: string,
  chain: NftChain,
  family: 4 | 6 | undefined,
  rules: readonly Rule[],
  file: string,
): { stage: string; chains: Record<string, Chain> } {
  const policy: FinalAction = chain.policy === 'drop' ? 'drop' : 'accept';
  const chains: Record<string, Chain> = { [id]: { name: id, rules, policy } };
  if (family === undefined || policy === 'accept') return { stage: id, chains };
  const stage = `${id} (IPv${family} only)`;
  const provenance = {
    file,
    line: chain.line,
    text: `${id}: a table of family ${chain.family} sees IPv${family} only`,
  };
  chains[stage] = {
    name: stage,
    rules: [{ family, verdict: { kind: 'goto', chain: id }, provenance }],
    policy: 'accept',
  };
  return { stage, chains };
}

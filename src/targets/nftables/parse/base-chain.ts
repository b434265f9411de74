import type { Chain, FinalAction, Rule } from '../../../ruleset/types.js';
import type { NftChain } from './model.js';

/**
 * A base chain as the neutral form needs it, with the chains it adds and the stage that stands for it. The kernel
 * applies the policy when the base chain ends, when it returns, and when a chain it went to (`goto`) ends: a
 * `return` in the base chain becomes the policy, and a `goto X` a jump to a chain that calls X and then ends with
 * the policy. A table of family ip or ip6 sees the packets of its family only: its stage sends those to the chain
 * and lets the others pass (a drop policy there is not theirs). No rule is added that decides: the rule checks of
 * `verify` judge the configuration's own rules only, and a policy stays a policy.
 */
export function baseChain(
  id: string,
  chain: NftChain,
  family: 4 | 6 | undefined,
  lowered: readonly Rule[],
  file: string,
): { stage: string; chains: Record<string, Chain> } {
  const policy: FinalAction = chain.policy === 'drop' ? 'drop' : 'accept';
  const chains: Record<string, Chain> = {};
  const rules: Rule[] = [];
  for (const rule of lowered) {
    const v = rule.verdict;
    if (v.kind === 'return') rules.push({ ...rule, verdict: { kind: policy } });
    else if (v.kind === 'goto') {
      const then = `${v.chain} (goto from ${id})`;
      chains[then] ??= {
        name: then,
        rules: [{ verdict: { kind: 'jump', chain: v.chain }, provenance: rule.provenance }],
        policy,
      };
      rules.push({ ...rule, verdict: { kind: 'jump', chain: then } });
    } else rules.push(rule);
  }
  chains[id] = { name: id, rules, policy };
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

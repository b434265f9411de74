import type { Chain, FinalAction, Provenance, Rule } from '../../../ruleset/types.js';
import type { NftChain } from './model.js';

/**
 * A base chain as the neutral form needs it, with the chains it adds. Its policy ends the walk of the packets its
 * table sees: in a table of family ip or ip6 those of that family only, so a drop policy there becomes a last rule
 * of that family (a packet of the other family passes the chain, as it never meets it). The kernel applies the
 * policy too when the base chain returns, or when a chain it went to (`goto`) ends: a `return` in the base chain
 * becomes the policy, and a `goto X` a jump to a chain that calls X then gives the policy.
 */
export function baseChain(
  id: string,
  chain: NftChain,
  family: 4 | 6 | undefined,
  lowered: readonly Rule[],
  file: string,
): Record<string, Chain> {
  const policy: FinalAction = chain.policy === 'drop' ? 'drop' : 'accept';
  const provenance: Provenance = { file, line: chain.line, text: `policy ${policy} of ${id}` };
  const ending: Rule = { ...(family ? { family } : {}), verdict: { kind: policy }, provenance };
  const out: Record<string, Chain> = {};
  const rules: Rule[] = [];
  for (const rule of lowered) {
    const v = rule.verdict;
    if (v.kind === 'return') rules.push({ ...rule, verdict: { kind: policy } });
    else if (v.kind === 'goto') {
      const then = `${v.chain} (goto from ${id})`;
      out[then] ??= {
        name: then,
        rules: [{ verdict: { kind: 'jump', chain: v.chain }, provenance: rule.provenance }, ending],
      };
      rules.push({ ...rule, verdict: { kind: 'jump', chain: then } });
    } else rules.push(rule);
  }
  if (family === undefined || policy === 'accept') out[id] = { name: id, rules, policy };
  else {
    rules.push(ending);
    out[id] = { name: id, rules, policy: 'accept' };
  }
  return out;
}

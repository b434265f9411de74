import type { Rule } from '../../../ruleset/types.js';
import { type SavedChain, type SavedFile, type SavedRule, UNKNOWN_CHAIN } from './saved.js';
import { PREFILTER_REWRITES, type Table } from './vocab.js';

/**
 * The base chains a forwarded packet walks, in the kernel's order (priorities of the IPv4/IPv6 hooks): raw and
 * mangle before routing, then (after destination NAT, nat PREROUTING: the ruleset's NAT stage) mangle FORWARD,
 * filter FORWARD, security FORWARD, and mangle POSTROUTING. A packet one of them accepts walks the next; a drop
 * anywhere ends it. nat POSTROUTING (SNAT, MASQUERADE) comes last and changes nothing a filter decides.
 */
export const FORWARD_HOOKS: readonly { readonly table: Table; readonly chain: string; readonly beforeNat: boolean }[] =
  [
    { table: 'raw', chain: 'PREROUTING', beforeNat: true },
    { table: 'mangle', chain: 'PREROUTING', beforeNat: true },
    { table: 'mangle', chain: 'FORWARD', beforeNat: false },
    { table: 'filter', chain: 'FORWARD', beforeNat: false },
    { table: 'security', chain: 'FORWARD', beforeNat: false },
    { table: 'mangle', chain: 'POSTROUTING', beforeNat: false },
  ];

/**
 * Each hook chain that some file holds, given to every file that lacks it as the kernel has it there: no table
 * loaded (or an empty chain) lets every packet on. So an IPv6 packet does not meet the IPv4 file's raw table.
 */
export function fillMissingHooks(files: readonly SavedFile[]): void {
  for (const { table, chain } of FORWARD_HOOKS) {
    if (!files.some((f) => f.tables.get(table)?.has(chain))) continue;
    for (const f of files) {
      const chains = f.tables.get(table) ?? new Map<string, SavedChain>();
      f.tables.set(table, chains);
      if (!chains.has(chain)) chains.set(chain, { name: chain, builtin: true, policy: 'accept', rules: [] });
    }
  }
}

/** The chains of a table a base chain reaches by jump or goto (itself included). */
export function reachedFrom(chains: ReadonlyMap<string, SavedChain>, base: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const chain = chains.get(name);
    if (!chain || seen.has(name)) return;
    seen.add(name);
    for (const { rule } of chain.rules) {
      const v = rule.verdict;
      if (v.kind === 'jump' || v.kind === 'goto') visit(v.chain);
    }
  };
  visit(base);
  return seen;
}

/**
 * A rule of raw or mangle as the walk meets it. Most of their targets only mark or log (`continue`); those that
 * rewrite what the filter sees (NOTRACK and `CT --notrack` or `--zone`: another conntrack state; TPROXY) stand for
 * "cannot tell"; a TTL or hop limit left at 1 or less before routing may leave the packet no hop (dropped by
 * forwarding), else the walk goes on.
 */
export function asWalked(
  saved: SavedRule,
  rule: Rule,
  where: { readonly table: Table; readonly chain: string; readonly beforeRouting: boolean },
): Rule {
  const { table, chain, beforeRouting } = where;
  const target = saved.target;
  if ((table !== 'raw' && table !== 'mangle') || target === undefined) return rule;
  const what = `-j ${target} in ${table} ${chain} (line ${rule.provenance.line})`;
  if (beforeRouting && (target === 'TTL' || target === 'HL') && mayExpire(saved.written.args)) {
    const why = `${what} ${saved.written.args?.join(' ')}: may leave no hop to forward the packet (dropped)`;
    return { ...rule, verdict: { kind: 'drop' }, opaque: [...(rule.opaque ?? []), why] };
  }
  if (PREFILTER_REWRITES.has(target) && !(target === 'CT' && onlyLaterConnections(saved.written.args))) {
    const why = `${what}: may change what the filter sees`;
    return { ...rule, verdict: { kind: 'jump', chain: UNKNOWN_CHAIN }, opaque: [...(rule.opaque ?? []), why] };
  }
  return rule;
}

/**
 * `CT --helper`, `--ctevents`, `--expevents`, `--timeout`: they shape what the connection tracker does later (related
 * connections, events, timeouts), not the state this packet shows the filter. `--notrack` and `--zone*` do change it.
 */
const onlyLaterConnections = (args: readonly string[] | undefined): boolean =>
  (args ?? []).every((a) => /^--(helper|ctevents|expevents|timeout)\b/.test(a));

/**
 * Whether `-j TTL`/`-j HL` may leave a packet 1 hop or fewer before routing (the forwarding path then drops it):
 * set to 0 or 1, or decreased (by how much the packet had, this reading does not know). Increasing never does.
 */
function mayExpire(args: readonly string[] | undefined): boolean {
  return (args ?? []).some((a) => {
    const [option, value] = a.split(' ');
    if (option === '--ttl-dec' || option === '--hl-dec') return true;
    return (option === '--ttl-set' || option === '--hl-set') && !(Number(value) > 1);
  });
}

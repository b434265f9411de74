import type { Chain, FinalAction, NamedObject, Provenance, Rule, Ruleset } from '../../../ruleset/types.js';
import { rulesOf as entryRules } from './either-ports.js';
import { FORWARD_PATH, type SavedChain, type SavedFile, UNKNOWN_CHAIN } from './file.js';
import type { IpSet } from './ipset.js';
import { asWalked, FORWARD_HOOKS, fillMissingHooks, reachedFrom } from './stages.js';
import { BUILTIN_CHAINS, type Table } from './vocab.js';

const DNAT_TARGETS = new Set(['DNAT', 'REDIRECT', 'NETMAP']);

/** Chains of tables other than filter are named `table/CHAIN`; filter's keep their names (FORWARD, INPUT…). */
export const chainName = (table: Table, chain: string): string => (table === 'filter' ? chain : `${table}/${chain}`);

/**
 * One ruleset for the files read (IPv4 and IPv6 side by side: every rule carries its family, and a built-in chain
 * whose policy differs between the families ends with one policy rule per family). The forward path is the hook
 * chains a forwarded packet walks, in the kernel's order (stages.ts): raw and mangle PREROUTING before destination
 * NAT, then mangle FORWARD, filter FORWARD, security FORWARD and mangle POSTROUTING, each where it can change a
 * packet's fate (filter FORWARD always).
 */
export function assemble(files: readonly SavedFile[], sets: ReadonlyMap<string, IpSet>): Ruleset {
  const parts = new Map<string, ChainPart[]>();
  const hidden: Rule[] = [];
  for (const f of files) {
    if (!f.tables.has('filter')) {
      const empty = new Map(BUILTIN_CHAINS.filter.map((b) => [b, { name: b, builtin: true, rules: [] } as SavedChain]));
      f.tables.set('filter', empty);
    }
  }
  fillMissingHooks(files);
  for (const f of files) {
    for (const [table, chains] of f.tables) {
      const early = new Set(
        FORWARD_HOOKS.filter((h) => h.table === table && h.beforeNat).flatMap((h) => [...reachedFrom(chains, h.chain)]),
      );
      for (const chain of chains.values()) {
        const name = chainName(table, chain.name);
        const part = { family: f.family, chain, table, beforeRouting: early.has(chain.name) };
        parts.set(name, [...(parts.get(name) ?? []), part]);
      }
    }
    for (const h of f.hidden) {
      hidden.push(unknownWhere({ family: f.family }, h, `${h.text}: rules this file does not show also filter`));
    }
  }
  const translating = [...parts].some(
    ([name, byFamily]) =>
      name.startsWith('nat/') &&
      byFamily.some((p) => p.chain.rules.some(({ target }) => DNAT_TARGETS.has(target ?? ''))),
  );

  const chains: Record<string, Chain> = {};
  for (const [name, byFamily] of parts) Object.assign(chains, mergeFamilies(name, byFamily));
  // Filter FORWARD always; the other hooks where they can change a packet's fate. Rules a file says it does not
  // show stand in front of filter FORWARD, as "cannot tell".
  const filterEntry = hidden.length > 0 ? FORWARD_PATH : 'FORWARD';
  if (hidden.length > 0) {
    chains[FORWARD_PATH] = {
      name: FORWARD_PATH,
      rules: [
        ...hidden,
        { verdict: { kind: 'goto', chain: 'FORWARD' }, provenance: { comment: 'then filter FORWARD' } },
      ],
    };
  }
  const walked = FORWARD_HOOKS.filter(({ table, chain }) => {
    if (table === 'filter') return true;
    const c = chains[chainName(table, chain)];
    return c !== undefined && chainDecides(chains, c);
  });
  const before = walked.filter((h) => h.beforeNat).map((h) => chainName(h.table, h.chain));
  const after = walked
    .filter((h) => !h.beforeNat)
    .map((h) => (h.table === 'filter' ? filterEntry : chainName(h.table, h.chain)));
  const path = [...before, ...after];
  // After every chain that may jump to it.
  if (
    Object.values(chains).some((c) => c.rules.some((r) => 'chain' in r.verdict && r.verdict.chain === UNKNOWN_CHAIN))
  ) {
    const provenance: Provenance = { comment: 'stands for an outcome this reading cannot tell' };
    chains[UNKNOWN_CHAIN] = {
      name: UNKNOWN_CHAIN,
      rules: [
        { verdict: { kind: 'accept' }, opaque: ['the packet may be accepted or dropped'], provenance },
        { verdict: { kind: 'drop' }, provenance },
      ],
    };
  }
  const objects: NamedObject[] = [...sets.values()].map((s) => ({
    name: s.name,
    kind: 'addresses',
    addresses: s.addresses,
    ...(s.notModelled ? { description: s.notModelled } : {}),
    provenance: s.provenance,
  }));
  // A RETURN with nothing to return to applies the policy of its base chain: evaluate does that itself, every walk
  // here reaching one. The default action only says FORWARD's policy where it is one.
  const defaultAction: FinalAction = chains.FORWARD?.policy ?? 'accept';
  const [entry, ...stages] = path as [string, ...string[]];
  const walk = { entry, ...(stages.length > 0 ? { stages } : {}), chains, objects, defaultAction };
  if (!translating) return walk;
  const nat = {
    destination: ['nat/PREROUTING'],
    ...(chains['nat/POSTROUTING'] ? { source: ['nat/POSTROUTING'] } : {}),
    ...(before.length > 0 ? { destinationBefore: before.length } : {}),
  };
  return { ...walk, nat };
}

/** One table's chain in one file, and whether packets reach it before routing (from raw or mangle PREROUTING). */
interface ChainPart {
  readonly family: 4 | 6;
  readonly chain: SavedChain;
  readonly table: Table;
  readonly beforeRouting: boolean;
}

/** Whether walking a hook chain can change a packet's fate: through its rules, the chains they reach, or its policy. */
function chainDecides(chains: Readonly<Record<string, Chain>>, base: Chain): boolean {
  const seen = new Set<string>();
  const visit = (c: Chain | undefined): boolean => {
    if (!c || seen.has(c.name)) return false;
    seen.add(c.name);
    if (c.policy !== undefined && c.policy !== 'accept') return true;
    return c.rules.some((r) => {
      const v = r.verdict;
      if (v.kind === 'jump' || v.kind === 'goto') return v.chain === UNKNOWN_CHAIN || visit(chains[v.chain]);
      return v.kind === 'drop' || v.kind === 'reject' || (v.kind === 'accept' && (r.opaque?.length ?? 0) > 0);
    });
  };
  return visit(base);
}

/**
 * One chain of both files. When the IPv4 and IPv6 policies of a built-in chain differ, each family gets its own
 * chain with its policy, reached by a goto of its family (so it is that family's base chain, whose policy decides
 * what returns there): a policy stays a policy (verify judges the file's rules, and a rule added here would be
 * judged as one of them).
 */
function mergeFamilies(name: string, byFamily: readonly ChainPart[]): Record<string, Chain> {
  const policies = new Set(byFamily.map((p) => p.chain.policy ?? (p.chain.builtin ? 'accept' : undefined)));
  const rulesOf = ({ chain, table, beforeRouting }: ChainPart): Rule[] =>
    chain.rules.flatMap((saved) =>
      entryRules(saved).map((rule) =>
        table === 'filter' ? rule : renamed(asWalked(saved, rule, { table, chain: chain.name, beforeRouting }), table),
      ),
    );
  if (policies.size > 1) {
    const out: Record<string, Chain> = {};
    const entries: Rule[] = [];
    for (const part of byFamily) {
      const { family, chain } = part;
      const own = `${name} (IPv${family})`;
      out[own] = { name: own, rules: rulesOf(part), policy: chain.policy ?? 'accept' };
      const provenance = chain.policyProvenance ?? { comment: `policy of ${name}` };
      entries.push({ family, verdict: { kind: 'goto', chain: own }, provenance });
    }
    out[name] = { name, rules: entries };
    return out;
  }
  const rules: Rule[] = [];
  for (const part of byFamily) for (const rule of rulesOf(part)) rules.push(rule);
  const shared = [...policies][0];
  return { [name]: shared === undefined ? { name, rules } : { name, rules, policy: shared } };
}

/** A rule of another table with its jumps pointing at that table's chains. */
function renamed(rule: Rule, table: Table): Rule {
  const v = rule.verdict;
  if ((v.kind === 'jump' || v.kind === 'goto') && v.chain !== UNKNOWN_CHAIN) {
    return { ...rule, verdict: { kind: v.kind, chain: chainName(table, v.chain) } };
  }
  return rule;
}

/** Where `match` matches, the outcome is "cannot tell" (a jump to the chain that stands for it): rules a file hides. */
function unknownWhere(match: Partial<Rule>, provenance: Provenance, why: string): Rule {
  const { verdict: _v, opaque, provenance: _p, ...fields } = match;
  return { ...fields, verdict: { kind: 'jump', chain: UNKNOWN_CHAIN }, opaque: [...(opaque ?? []), why], provenance };
}

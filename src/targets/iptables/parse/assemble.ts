import type { Chain, FinalAction, NamedObject, Provenance, Rule, Ruleset } from '../../../ruleset/types.js';
import { rulesOf as entryRules } from './either-ports.js';
import { FORWARD_PATH, type SavedChain, type SavedFile, UNKNOWN_CHAIN } from './file.js';
import type { IpSet } from './ipset.js';
import { BUILTIN_CHAINS, PREFILTER_REWRITES, type Table } from './vocab.js';

/**
 * The hooks a forwarded packet crosses besides filter FORWARD, in order (`beforeNat`: before nat PREROUTING). A
 * rule there that drops, or rewrites what the filter sees (REDIRECT in mangle, NOTRACK, CT, TPROXY…), makes the
 * verdict of every packet it could match "cannot tell": those tables are recorded, not modelled. Destination NAT
 * (nat PREROUTING) is the ruleset's NAT stage; SNAT and MASQUERADE come after the filter and change nothing it decides.
 */
const FORWARD_HOOKS: readonly { table: Table; chain: string; rewrites: boolean; beforeNat: boolean }[] = [
  { table: 'raw', chain: 'PREROUTING', rewrites: true, beforeNat: true },
  { table: 'mangle', chain: 'PREROUTING', rewrites: true, beforeNat: true },
  { table: 'nat', chain: 'PREROUTING', rewrites: false, beforeNat: true },
  { table: 'mangle', chain: 'FORWARD', rewrites: true, beforeNat: false },
  { table: 'security', chain: 'FORWARD', rewrites: false, beforeNat: false },
  { table: 'mangle', chain: 'POSTROUTING', rewrites: false, beforeNat: false },
  { table: 'nat', chain: 'POSTROUTING', rewrites: false, beforeNat: false },
];

const DNAT_TARGETS = new Set(['DNAT', 'REDIRECT', 'NETMAP']);

/** The chain of guards a packet meets before destination NAT, when the NAT stage splits them. */
export const BEFORE_NAT = '@before-nat';

/** Chains of tables other than filter are named `table/CHAIN`; filter's keep their names (FORWARD, INPUT…). */
export const chainName = (table: Table, chain: string): string => (table === 'filter' ? chain : `${table}/${chain}`);

/**
 * One ruleset for the files read (IPv4 and IPv6 side by side: every rule carries its family, and a built-in chain
 * whose policy differs between the families ends with one policy rule per family). Entry: filter FORWARD, behind
 * the guards the other tables need.
 */
export function assemble(files: readonly SavedFile[], sets: ReadonlyMap<string, IpSet>): Ruleset {
  const parts = new Map<string, { family: 4 | 6; chain: SavedChain; table: Table }[]>();
  const guards: Rule[] = [];
  const early: Rule[] = [];
  for (const f of files) {
    if (!f.tables.has('filter')) {
      const empty = new Map(BUILTIN_CHAINS.filter.map((b) => [b, { name: b, builtin: true, rules: [] } as SavedChain]));
      f.tables.set('filter', empty);
    }
    for (const [table, chains] of f.tables) {
      for (const chain of chains.values()) {
        const name = chainName(table, chain.name);
        parts.set(name, [...(parts.get(name) ?? []), { family: f.family, chain, table }]);
      }
    }
    const g = guardsFor(f);
    early.push(...g.beforeNat);
    guards.push(...g.afterNat);
  }
  const translating = [...parts].some(
    ([name, byFamily]) =>
      name.startsWith('nat/') &&
      byFamily.some((p) => p.chain.rules.some(({ target }) => DNAT_TARGETS.has(target ?? ''))),
  );
  // Without destination NAT every guard sits in one chain in front of FORWARD, as before.
  if (!translating) guards.unshift(...early.splice(0));

  const chains: Record<string, Chain> = {};
  for (const [name, byFamily] of parts) Object.assign(chains, mergeFamilies(name, byFamily));
  const entry = guards.length > 0 ? FORWARD_PATH : 'FORWARD';
  if (guards.length > 0) {
    chains[FORWARD_PATH] = {
      name: FORWARD_PATH,
      rules: [
        ...guards,
        { verdict: { kind: 'goto', chain: 'FORWARD' }, provenance: { comment: 'then filter FORWARD' } },
      ],
    };
  }
  if (early.length > 0) chains[BEFORE_NAT] = { name: BEFORE_NAT, rules: early, policy: 'accept' };
  // After every chain that may jump to it (the guards before NAT too).
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
  // A RETURN with nothing to return to applies the policy of FORWARD (or of its family's FORWARD): evaluate does
  // that itself, every walk here reaching one. The default action only says FORWARD's policy where it is one.
  const defaultAction: FinalAction = chains.FORWARD?.policy ?? 'accept';
  if (!translating) return { entry, chains, objects, defaultAction };
  const nat = {
    destination: ['nat/PREROUTING'],
    ...(chains['nat/POSTROUTING'] ? { source: ['nat/POSTROUTING'] } : {}),
    ...(early.length > 0 ? { destinationBefore: 1 } : {}),
  };
  return early.length > 0
    ? { entry: BEFORE_NAT, stages: [entry], chains, objects, defaultAction, nat }
    : { entry, chains, objects, defaultAction, nat };
}

/**
 * One chain of both files. When the IPv4 and IPv6 policies of a built-in chain differ, each family gets its own
 * chain with its policy, reached by a goto of its family (so it is that family's base chain, whose policy decides
 * what returns there): a policy stays a policy (verify judges the file's rules, and a rule added here would be
 * judged as one of them).
 */
function mergeFamilies(
  name: string,
  byFamily: readonly { family: 4 | 6; chain: SavedChain; table: Table }[],
): Record<string, Chain> {
  const policies = new Set(byFamily.map((p) => p.chain.policy ?? (p.chain.builtin ? 'accept' : undefined)));
  const rulesOf = (chain: SavedChain, table: Table): Rule[] =>
    chain.rules.flatMap((saved) => entryRules(saved).map((rule) => (table === 'filter' ? rule : renamed(rule, table))));
  if (policies.size > 1) {
    const out: Record<string, Chain> = {};
    const entries: Rule[] = [];
    for (const { family, chain, table } of byFamily) {
      const own = `${name} (IPv${family})`;
      out[own] = { name: own, rules: rulesOf(chain, table), policy: chain.policy ?? 'accept' };
      const provenance = chain.policyProvenance ?? { comment: `policy of ${name}` };
      entries.push({ family, verdict: { kind: 'goto', chain: own }, provenance });
    }
    out[name] = { name, rules: entries };
    return out;
  }
  const rules: Rule[] = [];
  for (const { chain, table } of byFamily) for (const rule of rulesOf(chain, table)) rules.push(rule);
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

/** The guards one file's other tables put in front of filter FORWARD. */
function guardsFor(f: SavedFile): { beforeNat: Rule[]; afterNat: Rule[] } {
  const before: Rule[] = [];
  const after: Rule[] = [];
  for (const h of f.hidden) {
    before.push(unknownWhere({ family: f.family }, h, `${h.text}: rules this file does not show also filter`));
  }
  for (const hook of FORWARD_HOOKS) {
    const out = hook.beforeNat ? before : after;
    const chains = f.tables.get(hook.table);
    const base = chains?.get(hook.chain);
    if (!chains || !base) continue;
    for (const { chain, contexts } of reachable(base, chains)) {
      for (const { rule: own, target, written } of chain.rules.flatMap((r) =>
        entryRules(r).map((rule) => ({ ...r, rule })),
      )) {
        // Before routing, a TTL (hop limit) left at 1 or less makes forwarding drop the packet.
        const expires = hook.chain === 'PREROUTING' && (target === 'TTL' || target === 'HL') && mayExpire(written.args);
        const drops = target === 'DROP' || target === 'REJECT' || expires;
        const unknown = 'chain' in own.verdict && own.verdict.chain === UNKNOWN_CHAIN;
        const rewrites = hook.rewrites && target !== undefined && PREFILTER_REWRITES.has(target);
        if (!drops && !unknown && !rewrites) continue;
        const what = `-j ${target}${expires ? ` ${written.args?.join(' ')}` : ''} in ${hook.table} ${chain.name} (line ${own.provenance.line})`;
        const why = `${what} may ${expires ? 'leave no hop to forward the packet (dropped)' : drops ? 'drop the packet' : 'change what the filter sees'}`;
        // Where the packet can meet the rule: its matches and those of a way into its chain.
        for (const context of contexts) out.push(unknownWhere(within(own, context), own.provenance, why));
      }
    }
    if (base.policy === 'drop') {
      const where = base.policyProvenance ?? { comment: `${hook.table} ${hook.chain} policy` };
      out.push(
        unknownWhere({ family: f.family }, where, `policy DROP of ${hook.table} ${hook.chain} may drop the packet`),
      );
    }
  }
  return { beforeNat: before, afterNat: after };
}

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

/** A guard: where `match` matches, the outcome is "cannot tell" (a jump to the chain that stands for it). */
function unknownWhere(match: Partial<Rule>, provenance: Provenance, why: string): Rule {
  const { verdict: _v, opaque, provenance: _p, ...fields } = match;
  return { ...fields, verdict: { kind: 'jump', chain: UNKNOWN_CHAIN }, opaque: [...(opaque ?? []), why], provenance };
}

/** Ways into one chain kept beyond which the chain is taken as reached by every packet. */
const MAX_CONTEXTS = 16;

/** What a packet passed to reach a chain: the modelled matches of the jumps and gotos on the way, composed. */
type Context = Partial<Rule>;

/**
 * A base chain and every user chain it reaches by jump or goto, each once, with the ways into it (`{}`: any
 * packet). A way matches at least every packet that takes it (a jump's uninterpreted matches and the rules before it
 * are left out), so a guard narrowed by it still covers every packet the guarded rule can meet.
 */
function reachable(
  base: SavedChain,
  chains: ReadonlyMap<string, SavedChain>,
): { chain: SavedChain; contexts: Context[] }[] {
  const into = new Map<string, Context[]>([[base.name, [{}]]]);
  const order: SavedChain[] = [base];
  const walk = (chain: SavedChain, context: Context, depth: number): void => {
    for (const saved of chain.rules) {
      const v = saved.rule.verdict;
      if (v.kind !== 'jump' && v.kind !== 'goto') continue;
      const next = chains.get(v.chain);
      if (!next) continue;
      const known = into.get(v.chain);
      if (!known) order.push(next);
      const list = known ?? [];
      into.set(v.chain, list);
      if (list.length === 1 && Object.keys(list[0] as Context).length === 0) continue;
      if (depth > 8 || list.length >= MAX_CONTEXTS) {
        list.splice(0, list.length, {});
        walk(next, {}, depth + 1);
        continue;
      }
      for (const rule of entryRules(saved)) {
        const narrowed = within(rule, context);
        list.push(narrowed);
        walk(next, narrowed, depth + 1);
      }
    }
  };
  walk(base, {}, 0);
  return order.map((chain) => ({ chain, contexts: into.get(chain.name) ?? [{}] }));
}

/**
 * The fields of `rule` narrowed by `context` (both must hold): sets intersected; where two matches of one field do
 * not compose (two interface names, two ICMP lists), the rule's own, which matches at least every packet both do.
 */
function within(rule: Partial<Rule>, context: Context): Partial<Rule> {
  const out: Record<string, unknown> = { ...rule };
  const c = context;
  if (c.family !== undefined) out.family = c.family;
  if (c.source) out.source = rule.source ? rule.source.intersect(c.source) : c.source;
  if (c.destination) out.destination = rule.destination ? rule.destination.intersect(c.destination) : c.destination;
  if (c.protocols) out.protocols = rule.protocols ? rule.protocols.intersect(c.protocols) : c.protocols;
  if (c.sourcePorts) out.sourcePorts = rule.sourcePorts ? rule.sourcePorts.intersect(c.sourcePorts) : c.sourcePorts;
  if (c.destinationPorts)
    out.destinationPorts = rule.destinationPorts
      ? rule.destinationPorts.intersect(c.destinationPorts)
      : c.destinationPorts;
  if (c.states) out.states = rule.states ? rule.states.filter((x) => c.states?.includes(x)) : c.states;
  if (c.icmp && !rule.icmp) out.icmp = c.icmp;
  if (c.inInterface && !rule.inInterface) out.inInterface = c.inInterface;
  if (c.outInterface && !rule.outInterface) out.outInterface = c.outInterface;
  return out as Partial<Rule>;
}

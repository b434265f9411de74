import type { Issue, Result } from '../../../model/issues.js';
import { configIssue } from '../../../ruleset/config-file.js';
import type { Chain, NatStage, Rule, Ruleset } from '../../../ruleset/types.js';
import { baseChain } from './base-chain.js';
import { chainId, type NftChain, type NftDocument, type NftSet, setId } from './model.js';
import { netdevStage } from './netdev.js';
import { lowerRule } from './rule.js';
import { type SetLookup, valueMemo } from './values.js';

/** Families whose tables see forwarded IP packets; bridge, netdev and arp tables do not decide them. */
const IP_FAMILIES: Readonly<Record<string, 4 | 6 | undefined>> = { inet: undefined, ip: 4, ip6: 6 };
/** Families whose chains are read: the IP ones, and netdev (its ingress hook sees every packet of a device). */
const isRead = (family: string): boolean => family in IP_FAMILIES || family === 'netdev';
/** The order of the forward hook among the stages (netdev ingress, prerouting, forward, postrouting, egress). */
const FORWARD = 2;
/** Standard priority names and their numbers (nft(8), "CHAIN PRIORITIES"). */
export const PRIORITIES: Readonly<Record<string, number>> = {
  raw: -300,
  mangle: -150,
  dstnat: -100,
  filter: 0,
  security: 50,
  srcnat: 100,
};

/**
 * A whole nftables ruleset as the neutral form: every chain of the ip, ip6 and inet tables, rules lowered one by
 * one, and the forward hook's base chains as stages in priority order (a packet accepted by one meets the next).
 */
export function lowerDocument(doc: NftDocument): Result<Ruleset> {
  const warnings: Issue[] = [];
  const sets = new Map<string, NftSet>(doc.sets.map((s) => [setId(s.family, s.table, s.name), s]));
  const chains: Record<string, Chain> = {};
  /** The stage that stands for a base chain (the chain itself, or one that sends it the packets it sees). */
  const stageOf = new Map<string, string>();
  const rulesOf = new Map<string, Rule[]>();
  const skipped = new Set<string>();
  const dormant = new Set(doc.tables.filter((t) => t.dormant).map((t) => `${t.family} ${t.name}`));
  for (const t of doc.tables.filter((x) => x.dormant)) {
    warnings.push({
      ...configIssue(
        doc.file,
        1,
        `table ${t.family} ${t.name} is dormant (flags dormant): it filters nothing and is not analysed`,
      ),
      severity: 'warning',
    });
  }
  const live = (c: { family: string; table: string }) => !dormant.has(`${c.family} ${c.table}`);
  for (const c of doc.chains) {
    if (!live(c)) continue;
    if (isRead(c.family)) rulesOf.set(chainId(c.family, c.table, c.name), []);
    else skipped.add(c.family);
  }
  const memo = valueMemo();
  // One set lookup and one chain namer per table, sharing the memo of values read.
  const perTable = new Map<string, { lookup: SetLookup; chainName: (target: string) => string }>();
  const tableOf = (family: string, table: string) => {
    const key = `${family} ${table}`;
    let t = perTable.get(key);
    if (!t) {
      const lookup: SetLookup = Object.assign((name: string) => sets.get(setId(family, table, name)), { memo });
      t = { lookup, chainName: (target: string) => chainId(family, table, target) };
      perTable.set(key, t);
    }
    return t;
  };
  for (const r of doc.rules) {
    if (!live(r)) continue;
    if (!isRead(r.family)) {
      skipped.add(r.family);
      continue;
    }
    const id = chainId(r.family, r.table, r.chain);
    const list = rulesOf.get(id);
    if (!list) {
      return {
        ok: false,
        issues: [
          configIssue(
            doc.file,
            r.line,
            `rule in chain ${r.chain} of table ${r.family} ${r.table}, which is not defined`,
            undefined,
            r.column,
          ),
        ],
      };
    }
    const { lookup, chainName } = tableOf(r.family, r.table);
    for (const lowered of lowerRule(r, IP_FAMILIES[r.family], lookup, chainName, doc.file)) list.push(lowered);
  }
  for (const family of skipped) {
    warnings.push({
      ...configIssue(
        doc.file,
        1,
        `tables of family ${family} are not analysed`,
        'they do not filter routed IP packets',
      ),
      severity: 'warning',
    });
  }
  for (const c of doc.chains) {
    const id = chainId(c.family, c.table, c.name);
    const rules = rulesOf.get(id);
    if (!rules) continue;
    if (c.hook === undefined) chains[id] = { name: id, rules };
    else if (c.family === 'netdev') {
      const netdev = netdevStage(id, c, rules, doc.file);
      Object.assign(chains, netdev.chains);
      stageOf.set(id, netdev.stage);
    } else {
      const base = baseChain(id, c, IP_FAMILIES[c.family], rules, doc.file);
      Object.assign(chains, base.chains);
      // The NAT stage names its chains itself.
      if (c.type !== 'nat') stageOf.set(id, base.stage);
    }
  }
  // A forwarded packet meets the prerouting filter chains, then forward, then postrouting filter chains, each
  // hook's chains by priority: every one may drop it. Destination NAT (nat chains of prerouting) changes it before
  // the filter chains of higher priority see it; source NAT (nat chains of postrouting) comes last.
  const walked = (c: NftChain): number => {
    const type = c.type ?? 'filter';
    if (type !== 'filter') return -1;
    if (c.family === 'netdev') return c.hook === 'ingress' ? 0 : c.hook === 'egress' ? 4 : -1;
    if (!(c.family in IP_FAMILIES)) return -1;
    if (c.hook === 'prerouting') return 1;
    if (c.hook === 'forward') return FORWARD;
    if (c.hook === 'postrouting') return 3;
    return -1;
  };
  const ordered = doc.chains
    .filter((c) => live(c) && walked(c) >= 0)
    .sort((a, b) => walked(a) - walked(b) || (a.prio ?? 0) - (b.prio ?? 0));
  const forward = ordered.map((c) => {
    const id = chainId(c.family, c.table, c.name);
    return stageOf.get(id) ?? id;
  });
  if (!ordered.some((c) => walked(c) === FORWARD)) {
    // No base chain on the forward hook: nftables lets every forwarded packet through it.
    const open = 'forward (no base chain: accept)';
    chains[open] = { name: open, rules: [], policy: 'accept' };
    forward.splice(ordered.filter((c) => walked(c) < FORWARD).length, 0, open);
    warnings.push({
      ...configIssue(doc.file, 1, 'no base chain on the forward hook: every forwarded packet passes it'),
      severity: 'warning',
    });
  }
  const [entry, ...stages] = forward as [string, ...string[]];
  const nat = natStage(doc.chains.filter(live), ordered, chains);
  const ruleset: Ruleset = {
    entry,
    ...(stages.length > 0 ? { stages } : {}),
    ...(nat ? { nat } : {}),
    chains,
    objects: doc.sets
      .filter((s) => s.family in IP_FAMILIES && s.map === undefined)
      .map((s) => ({
        name: setId(s.family, s.table, s.name),
        kind: 'addresses' as const,
        provenance: { file: doc.file, line: s.line, ...(s.column !== undefined ? { column: s.column } : {}) },
      })),
    defaultAction: 'accept',
  };
  return { ok: true, value: ruleset, warnings };
}

/** The nat chains of prerouting (destination) and postrouting (source) by priority, and which filter chains come first. */
function natStage(
  all: readonly NftChain[],
  filters: readonly NftChain[],
  chains: Readonly<Record<string, Chain>>,
): NatStage | undefined {
  const nat = (hook: string) =>
    all
      .filter((c) => c.family in IP_FAMILIES && c.type === 'nat' && c.hook === hook)
      .sort((a, b) => (a.prio ?? 0) - (b.prio ?? 0));
  const destination = nat('prerouting');
  const source = nat('postrouting');
  // Empty prerouting nat chains translate nothing (iptables-restore-translate writes them so).
  const rules = destination.some((c) => (chains[chainId(c.family, c.table, c.name)]?.rules.length ?? 0) > 0);
  if (destination.length === 0 || !rules) return undefined;
  const first = destination[0]?.prio ?? PRIORITIES.dstnat;
  const before = filters.filter(
    (c) => (c.family === 'netdev' && c.hook === 'ingress') || (c.hook === 'prerouting' && (c.prio ?? 0) < (first ?? 0)),
  ).length;
  const id = (c: NftChain) => chainId(c.family, c.table, c.name);
  return {
    destination: destination.map(id),
    ...(source.length > 0 ? { source: source.map(id) } : {}),
    ...(before > 0 ? { destinationBefore: before } : {}),
  };
}

import type { Rule, Verdict } from '../../../ruleset/types.js';
import {
  applyKey,
  applyMatch,
  type Draft,
  expandConcat,
  interfaceKey,
  isEmptyMatch,
  plainInterface,
} from './matches.js';
import type { NftRule, NftValue } from './model.js';
import { natStatement } from './nat-statement.js';
import { elements, isObject, type SetLookup, strings } from './values.js';

/** xtables targets iptables-nft leaves opaque that never end a packet's walk. */
const PASSING_TARGETS = new Set([
  'LOG',
  'NFLOG',
  'ULOG',
  'MARK',
  'CONNMARK',
  'TCPMSS',
  'CHECKSUM',
  'CT',
  'CLASSIFY',
  'TOS',
  'DSCP',
  'TRACE',
  'AUDIT',
  'NOTRACK',
]);
/** Statements that decide nothing and match everything. */
const NEUTRAL = new Set([
  'counter',
  'log',
  'mangle',
  'meta',
  'ct',
  'set',
  'map',
  'flow',
  'dup',
  'secmark',
  'ct helper',
  'ct timeout',
  'ct expectation',
  'last',
  'quota_reset',
]);
/** Translations: the NAT stage's rules (dnat and redirect before filtering, snat and masquerade after). */
const NAT = new Set(['dnat', 'snat', 'masquerade', 'redirect']);
/**
 * Statements that change the packet before the forward filter sees it: a transparent proxy (tproxy) or no
 * connection tracking (notrack: the filter sees state `untracked`). Not modelled: the packets such a rule matches
 * get an unknown fate (indeterminate), never the fate of the packet as it was.
 */
const CHANGES_BEFORE_FILTER = new Set(['tproxy', 'notrack']);
/** Statements that end the walk with a fate decided elsewhere (a program, the device itself): indeterminate. */
const DECIDED_ELSEWHERE: Readonly<Record<string, string>> = {
  queue: 'a program reading the queue decides the packet',
  synproxy: 'the firewall answers the TCP handshake itself',
  fwd: 'the packet is sent out of another device',
};
/** A chain no ruleset holds: a rule that jumps there has a fate this reading cannot tell. */
export const UNKNOWN_FATE = '@changed before filtering';

/**
 * One nft rule as neutral rules: usually one; a verdict map or a set of interface names becomes one rule per key
 * (keys are disjoint, so first match over them decides as the map does). Table family `ip`/`ip6` fixes the family.
 */
export function lowerRule(
  rule: NftRule,
  family: 4 | 6 | undefined,
  sets: SetLookup,
  chainName: (c: string) => string,
  file: string,
): Rule[] {
  const draft: Draft = { verdict: { kind: 'continue' }, provenance: provenance(rule, file) };
  if (family !== undefined) draft.family = family;
  const opaque: string[] = [];
  let changed = false;
  // Disjunctions (a set of interface names, a verdict map) applied once the whole rule is read.
  const expansions: ((d: Draft) => Draft[] | string)[] = [];
  for (const expr of rule.expr) {
    const kind = firstKey(expr);
    const body = expr[kind];
    if (kind === 'match' && isObject(body) && isObject(body.left) && Array.isArray(body.left.concat)) {
      const parts = body.left.concat as NftValue[];
      if (body.op !== '==' && body.op !== 'in') opaque.push(`negated concatenation`);
      else expansions.push((d) => expandConcat(d, parts, body.right, sets));
    } else if (kind === 'match' && isObject(body)) {
      const problem = applyMatch(draft, body.left, String(body.op ?? '=='), body.right, sets);
      if (problem === 'interfaces') {
        const names = strings(body.right, sets);
        const key = interfaceKey(body.left);
        if (names.ok) expansions.push((d) => names.value.map((name) => ({ ...d, [key]: plainInterface(name) })));
        else opaque.push(names.reason);
      } else if (problem) opaque.push(problem);
    } else if (kind === 'accept' || kind === 'drop' || kind === 'return' || kind === 'continue') {
      draft.verdict = { kind } as Verdict;
    } else if (kind === 'reject') {
      draft.verdict = { kind: 'reject' };
    } else if ((kind === 'jump' || kind === 'goto') && isObject(body)) {
      draft.verdict = { kind, chain: chainName(String(body.target)) };
    } else if (kind === 'vmap' && isObject(body)) {
      expansions.push((d) => expandVmap(d, body, sets, chainName));
    } else if (kind === 'xt' && isObject(body)) {
      const name = String(body.name ?? '?');
      if (body.type === 'target') {
        if (name === 'REJECT') draft.verdict = { kind: 'reject' };
        else if (!PASSING_TARGETS.has(name)) {
          opaque.push(`xtables target ${name} (its arguments are not in the listing)`);
          draft.verdict = { kind: 'drop' };
        }
      } else opaque.push(`xtables match ${name} (its arguments are not in the listing)`);
    } else if (
      kind === 'limit' ||
      kind === 'quota' ||
      kind === 'meter' ||
      kind === 'connlimit' ||
      kind === 'ct count' ||
      // `update @set { ip saddr limit rate over 10/second }`: a meter written as a set statement.
      ((kind === 'set' || kind === 'map') && isObject(body) && Array.isArray(body.stmt) && body.stmt.length > 0)
    ) {
      opaque.push(`${kind} (matches depending on traffic rates)`);
    } else if (NAT.has(kind)) {
      // A translation ends the nat chain's walk for the packet (nft's nat statements accept).
      const t = natStatement(kind, body, family);
      draft.verdict = { kind: 'accept' };
      draft.translate = t.translate;
      if (t.opaque) opaque.push(t.opaque);
    } else if (CHANGES_BEFORE_FILTER.has(kind)) {
      opaque.push(`${kind}: the packet is changed before the forward filter sees it (not modelled)`);
      changed = true;
    } else if (DECIDED_ELSEWHERE[kind] !== undefined) {
      opaque.push(`${kind}: ${DECIDED_ELSEWHERE[kind]} (not modelled)`);
      changed = true;
    } else if (NEUTRAL.has(kind) || kind === 'comment') {
      // counters, logs, marks and translations do not decide whether the packet passes
    } else {
      // A statement this reading does not know may end the walk as well as let it go on.
      opaque.push(`statement ${kind} (not modelled)`);
      changed = true;
    }
  }
  let out: Draft[] = [draft];
  for (const expand of expansions) {
    const next: Draft[] = [];
    for (const d of out) {
      const r = expand(d);
      if (typeof r === 'string') {
        // A disjunction not understood may end the walk with any verdict: the packet's fate is unknown there (a
        // drop would be a guess, and a wrong one for the keys that accept).
        opaque.push(r);
        next.push({ ...d, verdict: { kind: 'jump', chain: UNKNOWN_FATE } });
      } else next.push(...r);
    }
    out = next;
  }
  if (changed) out = out.map((d) => ({ ...d, verdict: { kind: 'jump', chain: UNKNOWN_FATE } }));
  // Flag tests are read per variant (a verdict map on `tcp flags`): each keeps its own texts in `opaque` too.
  return out
    .filter((d) => !isEmptyMatch(d))
    .map((d) => {
      const all = [...opaque, ...(d.tcpFlags?.opaque ?? [])];
      return all.length > 0 ? { ...d, opaque: all } : d;
    });
}

/** A JSON statement's one key (`{match: …}`, `{accept: null}`). */
function firstKey(expr: Record<string, NftValue>): string {
  for (const key in expr) return key;
  return '';
}

function provenance(rule: NftRule, file: string): Rule['provenance'] {
  return {
    file,
    line: rule.line,
    ...(rule.column !== undefined ? { column: rule.column } : {}),
    text: rule.text,
    ...(rule.comment !== undefined ? { comment: rule.comment } : {}),
  };
}

/** `vmap { key : verdict, … }` (inline or a named map) as one rule per key. */
function expandVmap(
  d: Draft,
  body: Record<string, NftValue>,
  sets: SetLookup,
  chainName: (c: string) => string,
): Draft[] | string {
  const data = body.data;
  let pairs: NftValue[];
  if (typeof data === 'string' && data.startsWith('@')) {
    const map = sets(data.slice(1));
    if (!map) return `map ${data} is not defined`;
    pairs = [...map.elem];
  } else {
    const list = elements(data, () => undefined);
    if (!list.ok) return list.reason;
    pairs = list.value;
  }
  const out: Draft[] = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) return `verdict map element ${JSON.stringify(pair)}`;
    const variant: Draft = { ...d };
    const problem = applyKey(variant, body.key, pair[0], sets);
    if (problem) return `verdict map on ${problem === 'interfaces' ? 'interface sets' : problem}`;
    const verdict = verdictOf(pair[1], chainName);
    if (!verdict) return `verdict ${JSON.stringify(pair[1])}`;
    variant.verdict = verdict;
    out.push(variant);
  }
  return out;
}

function verdictOf(v: NftValue, chainName: (c: string) => string): Verdict | undefined {
  if (!isObject(v)) return undefined;
  const [kind, body] = Object.entries(v)[0] ?? [];
  if (kind === 'accept' || kind === 'drop' || kind === 'return' || kind === 'continue' || kind === 'reject')
    return { kind } as Verdict;
  if ((kind === 'jump' || kind === 'goto') && isObject(body)) return { kind, chain: chainName(String(body.target)) };
  return undefined;
}

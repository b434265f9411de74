import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { PROTOCOL_NUMBERS, type Rule } from '../../../ruleset/types.js';
import type { Statement } from './statements.js';

/**
 * SRX destination translation, applied before the security policies (which match the translated destination):
 * `security nat static` rule sets first (they take precedence), then `security nat destination` ones, each in the
 * order written, rules in the order written. What a rule matches (`from zone|interface`, source and destination
 * addresses, destination ports, protocol) and where it sends the packet (a pool's address and port, a static
 * prefix) are modelled; anything else (`prefix-name`, `routing-instance`, address-book names, a mapped port range
 * in static NAT…) makes the rule's translation not modelled, so the verdicts it could change are indeterminate.
 * Source NAT comes after the policies and changes nothing they decide.
 */
interface NatRuleDraft {
  readonly kind: 'static' | 'destination';
  readonly ruleSet: string;
  readonly name: string;
  readonly line: number;
  readonly match: Map<string, string[][]>;
  action: string[] | undefined;
}

interface RuleSetDraft {
  from?: string[];
  readonly rules: NatRuleDraft[];
}

const PROTOCOLS: Readonly<Record<string, number>> = PROTOCOL_NUMBERS;

export class SrxNat {
  private readonly pools = new Map<string, { address?: string[]; port?: string }>();
  private readonly sets = new Map<string, RuleSetDraft>();

  /** A statement under `security nat` (its words after `security nat`). */
  add(s: Statement, at: number): void {
    const w = s.words.slice(at);
    const kind = w[0];
    if (kind !== 'static' && kind !== 'destination') return;
    if (kind === 'destination' && w[1] === 'pool' && w[2] !== undefined) {
      const pool = this.pools.get(w[2]) ?? {};
      this.pools.set(w[2], pool);
      if (w[3] !== 'address') return;
      const rest = w.slice(4);
      const port = rest.indexOf('port');
      if (port >= 0) pool.port = rest[port + 1];
      const address = port >= 0 ? rest.slice(0, port) : rest;
      if (address.length > 0) pool.address = address;
      return;
    }
    if (w[1] !== 'rule-set' || w[2] === undefined) return;
    const key = `${kind} ${w[2]}`;
    const set = this.sets.get(key) ?? { rules: [] };
    this.sets.set(key, set);
    if (w[3] === 'from') {
      set.from = w.slice(4);
      return;
    }
    if (w[3] !== 'rule' || w[4] === undefined) return;
    let rule = set.rules.find((r) => r.name === w[4]);
    if (!rule) {
      rule = { kind, ruleSet: w[2], name: w[4], line: s.lines[at + 4] ?? 0, match: new Map(), action: undefined };
      set.rules.push(rule);
    }
    if (w[5] === 'match' && w[6] !== undefined) rule.match.set(w[6], [...(rule.match.get(w[6]) ?? []), w.slice(7)]);
    else if (w[5] === 'then') rule.action = w.slice(6);
  }

  get empty(): boolean {
    return this.sets.size === 0;
  }

  /** The NAT stage's rules, `zoneOf` giving the zone and its interfaces as the policies name them. */
  rules(file: string, zoneOf: (zone: string) => string[]): Rule[] {
    const sets = [...this.sets.values()];
    const ordered = [
      ...sets.filter((s) => s.rules[0]?.kind === 'static'),
      ...sets.filter((s) => s.rules[0]?.kind === 'destination'),
    ];
    return ordered.flatMap((set) => set.rules.map((r) => this.lower(r, set, file, zoneOf)));
  }

  private lower(r: NatRuleDraft, set: RuleSetDraft, file: string, zoneOf: (zone: string) => string[]): Rule {
    const opaque: string[] = [];
    const rule: { -readonly [K in keyof Rule]: Rule[K] } = {
      verdict: { kind: 'accept' },
      provenance: { file, line: r.line, text: `security nat ${r.kind} rule-set ${r.ruleSet} rule ${r.name}` },
    };
    const from = set.from ?? [];
    if (from[0] === 'zone') rule.fromZones = from.slice(1).flatMap(zoneOf);
    else if (from[0] === 'interface') rule.fromZones = from.slice(1);
    else opaque.push(`from ${from.join(' ') || '(nothing)'}`);
    for (const [key, values] of r.match) {
      if (key === 'destination-address' || key === 'source-address') {
        const set = addresses(values.map((v) => v[0] ?? ''));
        if (set) rule[key === 'destination-address' ? 'destination' : 'source'] = set;
        else opaque.push(`match ${key} ${values.flat().join(' ')} (an address-book name)`);
      } else if (key === 'destination-port') {
        const ports = portRanges(values);
        if (ports) rule.destinationPorts = ports;
        else opaque.push(`match destination-port ${values.flat().join(' ')}`);
      } else if (key === 'protocol') {
        const numbers = values.flat().map((p) => PROTOCOLS[p] ?? (/^\d+$/.test(p) ? Number(p) : undefined));
        if (numbers.every((n) => n !== undefined)) rule.protocols = PortSet.of(...(numbers as number[]));
        else opaque.push(`match protocol ${values.flat().join(' ')}`);
      } else opaque.push(`match ${key} ${values.flat().join(' ')}`);
    }
    const then = r.action ?? [];
    if ((then[0] === 'destination-nat' || then[0] === 'static-nat') && then[1] === 'off') {
      // Not translated: the rule ends the search as it is.
    } else if (then[0] === 'destination-nat' && then[1] === 'pool' && then[2] !== undefined) {
      const pool = this.pools.get(then[2]);
      const address = pool?.address;
      const set = address
        ? address[1] === 'to'
          ? range(address[0] ?? '', address[2] ?? '')
          : addresses([address[0] ?? ''])
        : undefined;
      const port = pool?.port !== undefined && /^\d+$/.test(pool.port) ? Number(pool.port) : undefined;
      if (!set || (pool?.port !== undefined && port === undefined)) {
        opaque.push(`pool ${then[2]} ${pool ? 'is not modelled' : 'is not defined'}`);
        rule.translate = {};
      } else rule.translate = { addresses: set, ...(port !== undefined ? { ports: PortSet.of(port) } : {}) };
    } else if (then[0] === 'static-nat' && then[1] === 'prefix' && then[2] !== undefined && then.length === 3) {
      const set = addresses([then[2]]);
      if (set) rule.translate = { addresses: set };
      else {
        opaque.push(`static-nat prefix ${then[2]}`);
        rule.translate = {};
      }
    } else {
      opaque.push(`then ${then.join(' ') || '(nothing)'}`);
      rule.translate = {};
    }
    if (opaque.length > 0) rule.opaque = opaque.map((o) => `NAT rule not modelled: ${o}`);
    return rule;
  }
}

function addresses(words: readonly string[]): CidrSet | undefined {
  const r = CidrSet.parse([...words]);
  return r.ok ? r.value : undefined;
}

function range(first: string, last: string): CidrSet | undefined {
  const r = CidrSet.fromRange(first.replace(/\/\d+$/, ''), last.replace(/\/\d+$/, ''));
  return r.ok ? r.value : undefined;
}

/** `80`, `80 to 90` or `80-90`, each written once or more. */
function portRanges(values: readonly (readonly string[])[]): PortSet | undefined {
  const ranges: { from: number; to: number }[] = [];
  for (const v of values) {
    const text = v.join(' ').replace(/ to /, '-');
    const m = /^(\d+)(?:-(\d+))?$/.exec(text);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from > to || to > 65535) return undefined;
    ranges.push({ from, to });
  }
  return PortSet.fromRanges(ranges);
}

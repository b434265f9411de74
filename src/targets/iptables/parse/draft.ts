import { CidrSet } from '../../../net/cidr-set.js';
import { PORT_MAX, PortSet } from '../../../net/port-set.js';
import {
  CONN_STATES,
  type ConnState,
  type IcmpMatch,
  type InterfaceMatch,
  type TcpFlagTest,
} from '../../../ruleset/types.js';

/**
 * A rule being read: every match narrows one field (two matches on one field intersect, a negated one adds the
 * complement), so the finished rule is the conjunction iptables applies.
 */
export class RuleDraft {
  source?: CidrSet;
  destination?: CidrSet;
  protocols?: PortSet;
  /** The protocol `-p` names (not negated), which decides the implicit module for --dport and friends. */
  protocol?: number;
  sourcePorts?: PortSet;
  destinationPorts?: PortSet;
  icmp?: IcmpMatch[];
  inInterface?: InterfaceMatch;
  outInterface?: InterfaceMatch;
  states?: ConnState[];
  /** `--ctorigdst`, `--ctorigdstport`, `--ctstate DNAT`: the connection before destination translation. */
  original?: { destination?: CidrSet; destinationPorts?: PortSet; translated?: boolean };
  readonly opaque: string[] = [];
  readonly comments: string[] = [];
  /** `-m multiport --ports`: the source or the destination port in the set (one set per match). */
  readonly eitherPorts: PortSet[] = [];
  /** `--ctstate ESTABLISHED,RELATED,DNAT`: a state in the list, or the destination was translated (one per match). */
  readonly statesOrTranslated: ConnState[][] = [];
  /** `--ctproto`: the connection's protocols (negation applied), intersected, and the options as written. */
  connection?: { protocols: PortSet; texts: string[] };
  /** `--tcp-flags` and `--syn` tests (their texts also in `opaque`). */
  readonly tcpFlags: { readonly text: string; readonly test: TcpFlagTest }[] = [];
  /** `-m physdev` options as written (also in `opaque`), and whether each is negated. */
  readonly physdev: { readonly option: string; readonly text: string; readonly negated: boolean }[] = [];

  constructor(readonly family: 4 | 6) {}

  private everyAddress(): CidrSet {
    return this.family === 4 ? ALL_V4 : ALL_V6;
  }

  addSource(set: CidrSet, negated: boolean): void {
    const s = negated ? this.everyAddress().subtract(set) : set;
    this.source = this.source ? this.source.intersect(s) : s;
  }

  addDestination(set: CidrSet, negated: boolean): void {
    const s = negated ? this.everyAddress().subtract(set) : set;
    this.destination = this.destination ? this.destination.intersect(s) : s;
  }

  addProtocols(set: PortSet, negated: boolean): void {
    const s = negated ? ALL_PROTOCOLS.subtract(set) : set;
    this.protocols = this.protocols ? this.protocols.intersect(s) : s;
  }

  addSourcePorts(set: PortSet, negated: boolean): void {
    const s = negated ? ALL_PORTS.subtract(set) : set;
    this.sourcePorts = this.sourcePorts ? this.sourcePorts.intersect(s) : s;
  }

  addDestinationPorts(set: PortSet, negated: boolean): void {
    const s = negated ? ALL_PORTS.subtract(set) : set;
    this.destinationPorts = this.destinationPorts ? this.destinationPorts.intersect(s) : s;
  }

  /** `[!] --ctproto P`: decided per state when the rule is built (`connectionPieces`). */
  addConnectionProtocols(set: PortSet, negated: boolean, text: string): void {
    const s = negated ? ALL_PROTOCOLS.subtract(set) : set;
    this.connection = this.connection
      ? { protocols: this.connection.protocols.intersect(s), texts: [...this.connection.texts, text] }
      : { protocols: s, texts: [text] };
  }

  addStates(states: readonly ConnState[], negated: boolean): void {
    const s = negated ? CONN_STATES.filter((x) => !states.includes(x)) : [...states];
    this.states = this.states ? this.states.filter((x) => s.includes(x)) : s;
  }

  private originalMatch(): NonNullable<RuleDraft['original']> {
    if (!this.original) this.original = {};
    return this.original;
  }

  addOriginalDestination(set: CidrSet, negated: boolean): void {
    const s = negated ? this.everyAddress().subtract(set) : set;
    const o = this.originalMatch();
    o.destination = o.destination ? o.destination.intersect(s) : s;
  }

  addOriginalDestinationPorts(set: PortSet, negated: boolean): void {
    const s = negated ? ALL_PORTS.subtract(set) : set;
    const o = this.originalMatch();
    o.destinationPorts = o.destinationPorts ? o.destinationPorts.intersect(s) : s;
  }

  /** `--ctstate DNAT` (translated) or `! --ctstate DNAT`; both at once match nothing. */
  setTranslated(translated: boolean): void {
    const o = this.originalMatch();
    if (o.translated !== undefined && o.translated !== translated) this.destination = CidrSet.empty();
    o.translated = translated;
  }

  /** ICMP type (and code): a negated one is every other type and code, listed. */
  addIcmp(match: IcmpMatch | 'any', negated: boolean): void {
    let list: IcmpMatch[];
    if (match === 'any') list = negated ? [] : allIcmp();
    else if (!negated) list = [match];
    else list = complementIcmp(match);
    this.icmp = this.icmp ? intersectIcmp(this.icmp, list) : list;
  }
}

const ALL_V4 = CidrSet.all().family(4);
const ALL_V6 = CidrSet.all().family(6);
const ALL_PORTS = PortSet.fromRanges([{ from: 0, to: PORT_MAX }]);
export const ALL_PROTOCOLS = PortSet.fromRanges([{ from: 0, to: 255 }]);

const allIcmp = (): IcmpMatch[] => Array.from({ length: 256 }, (_, type) => ({ type }));

function complementIcmp(m: IcmpMatch): IcmpMatch[] {
  const out: IcmpMatch[] = [];
  for (let type = 0; type < 256; type++) {
    if (type !== m.type) out.push({ type });
    else if (m.code !== undefined) for (let code = 0; code < 256; code++) if (code !== m.code) out.push({ type, code });
  }
  return out;
}

/** The ICMP matches both lists accept: each entry of one that some entry of the other covers. */
function intersectIcmp(a: readonly IcmpMatch[], b: readonly IcmpMatch[]): IcmpMatch[] {
  const out = new Map<string, IcmpMatch>();
  for (const [xs, ys] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const x of xs) if (ys.some((y) => icmpCovers(y, x))) out.set(`${x.type}/${x.code ?? ''}`, x);
  }
  return [...out.values()];
}

/** Whether `outer` matches every packet `inner` matches. */
const icmpCovers = (outer: IcmpMatch, inner: IcmpMatch): boolean =>
  outer.type === inner.type && (outer.code === undefined || outer.code === inner.code);

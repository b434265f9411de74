import type { Address, Endpoint, Matrix, MatrixRow, ServiceMatch } from '../../src/model/matrix.js';
import type { Probe, ProbeProto } from './netns.js';
import { type Family, familyOf, hostAt, hostIn, inCidr, justAfter, outsiders } from './netns-addresses.js';
import { allowedByMatrix, contains, type ExpectedProbe } from './netns-flows.js';
import { type SideSpec, TRANSFER_V4, TRANSFER_V6 } from './netns-sided.js';

/**
 * Probe plan for one firewall of a real site: which side (zone) holds which real address, and, for every rule
 * the firewall must hold (a row leg crossing it), probes built from the rule's own addresses and ports (pass)
 * plus near misses (port just outside, other transport, a source or destination outside the rule, the reverse
 * direction, the address right after the source prefix). Expectations come from the matrix oracle
 * (`allowedByMatrix`), never from the generated text. Parts a Linux firewall cannot hold (names, URLs) are not
 * probed: the rule is listed as needing a finding instead.
 */
export interface SideProbe extends ExpectedProbe {
  readonly fromSide: number;
  readonly toSide: number;
}

export interface RuleCoverage {
  readonly row: MatrixRow;
  /** `flow leg/hop` for messages. */
  readonly label: string;
  /** Probes built from this rule that the oracle expects to pass. */
  readonly passes: number;
  /** Why part (or all) of the rule cannot be in a Linux ruleset: the generator must report it in a finding. */
  readonly withheld: readonly string[];
}

export interface SitePlan {
  readonly sides: readonly (SideSpec & { readonly zone: string })[];
  readonly probes: readonly SideProbe[];
  readonly rules: readonly RuleCoverage[];
}

/** At most this many addresses sampled per side, family and rule; at most this many port ranges per service. */
const SAMPLES = 2;
const RANGES = 4;
const NAMED: ReadonlySet<Address['kind']> = new Set(['fqdn', 'wildcard', 'url', 'k8s']);

interface PortProbe {
  readonly proto: ProbeProto;
  readonly port: number;
}

/** Ports to pass (bounds and one inside each range) and near misses, per service; empty when not probeable. */
function servicePorts(s: ServiceMatch, family: Family): { pass: PortProbe[]; miss: PortProbe[] } {
  if (s.protocol === 'icmp' || s.protocol === 'icmpv6') {
    const fits = (s.protocol === 'icmp') === (family === 4);
    const echo = family === 4 ? 8 : 128;
    const ok = fits && (s.icmpType === undefined || s.icmpType === echo);
    return { pass: ok ? [{ proto: 'icmp', port: 0 }] : [], miss: [] };
  }
  if (s.protocol !== 'tcp' && s.protocol !== 'udp') return { pass: [], miss: [] };
  const other = s.protocol === 'tcp' ? 'udp' : 'tcp';
  const pass: PortProbe[] = [];
  const miss: PortProbe[] = [];
  for (const r of s.ports.slice(0, RANGES)) {
    const inside = [r.from, r.to, Math.floor((r.from + r.to) / 2)];
    for (const port of new Set(inside)) pass.push({ proto: s.protocol, port });
    if (r.from > 1) miss.push({ proto: s.protocol, port: r.from - 1 });
    if (r.to < 65535) miss.push({ proto: s.protocol, port: r.to + 1 });
    miss.push({ proto: other, port: r.from });
  }
  return { pass, miss };
}

const cidrs = (ep: Endpoint, f: Family): string[] =>
  ep.addresses.flatMap((a) => (a.kind === 'cidr' && a.family === f ? [a.value] : []));

export function planFirewall(matrix: Matrix, firewall: string): SitePlan {
  const fw = matrix.firewalls.find((f) => f.name === firewall);
  if (!fw) throw new Error(`no firewall ${firewall}`);
  const zones = fw.zones;
  const sideOf = (zone: string): number => {
    const i = zones.indexOf(zone);
    if (i < 0) throw new Error(`${firewall}: hop zone ${zone} is not one of ${zones.join(', ')}`);
    return i;
  };
  // A prefix pattern (`vlan1*`) gets a real interface it must match (`vlan10`).
  const ifaces = zones.map((z, i) => (fw.interfaces[z] ?? `zone${i}`).replace(/\*$/, '0'));
  const crossing = matrix.rows.flatMap((row) =>
    row.legs.flatMap((leg, l) =>
      leg.hops.flatMap((hop, h) =>
        hop.firewall === firewall ? [{ row, leg, hop, label: `${row.flow} ${l}/${h}` }] : [],
      ),
    ),
  );

  // Every prefix the site or the rules mention: strangers and `any` samples stay out of them.
  const known = [
    ...Object.values(matrix.zones).flatMap((z) => z.cidrs),
    ...crossing.flatMap(({ leg }) =>
      [...leg.source.addresses, ...leg.destination.addresses].flatMap((a) => (a.kind === 'cidr' ? [a.value] : [])),
    ),
    TRANSFER_V4,
    TRANSFER_V6,
  ];
  const placed = new Map<string, number>();
  const place = (ip: string, side: number): boolean => {
    if (inCidr(ip, TRANSFER_V4) || inCidr(ip, TRANSFER_V6)) throw new Error(`${ip} is in the lab's transfer range`);
    const at = placed.get(ip);
    if (at === undefined) placed.set(ip, side);
    return (at ?? side) === side;
  };
  const pick = (family: Family, avoid: (ip: string) => boolean): string => {
    for (const ip of outsiders(family, avoid)) if (!placed.has(ip)) return ip;
    throw new Error(`no free documentation address of family ${family}`);
  };
  const outsideAll = (ip: string) => known.some((c) => inCidr(ip, c));
  const strangers = zones.map((_, side) => {
    const pair = { 4: pick(4, outsideAll), 6: pick(6, outsideAll) } as const;
    place(pair[4], side);
    place(pair[6], side);
    return pair;
  });
  // `any` on a side: a host of that side's zone when it has prefixes, else a documentation address.
  const anySamples = zones.map((zone, side) => {
    const sample = (f: Family): string => {
      const prefix = (matrix.zones[zone]?.cidrs ?? []).find((c) => familyOf(c.split('/')[0] as string) === f);
      const ip = prefix ? hostAt(prefix, 77) : pick(f, outsideAll);
      place(ip, side);
      return ip;
    };
    return { 4: sample(4), 6: sample(6) } as const;
  });
  const samples = (ep: Endpoint, f: Family, side: number): string[] => {
    if (ep.addresses.some((a) => a.kind === 'any')) return [anySamples[side]?.[f] as string];
    const list = cidrs(ep, f);
    if (list.length === 0) return [];
    const candidates = [hostIn(list[0] as string, 'low'), hostIn(list[list.length - 1] as string, 'high')];
    return [...new Set(candidates)].filter((ip) => place(ip, side)).slice(0, SAMPLES);
  };

  const probes = new Map<string, SideProbe>();
  const rules: RuleCoverage[] = [];
  for (const { row, leg, hop, label } of crossing) {
    const withheld: string[] = [];
    if (row.kind !== 'network') {
      rules.push({ row, label, passes: 0, withheld: [`${row.kind} row`] });
      continue;
    }
    for (const ep of [leg.source, leg.destination]) {
      if (ep.addresses.some((a) => a.kind === 'any')) continue;
      const names = ep.addresses.filter((a) => NAMED.has(a.kind));
      if (names.length > 0) withheld.push(`${ep.role}: ${names.length} name(s)`);
    }
    const from = sideOf(hop.fromZone);
    const to = sideOf(hop.toZone);
    let passes = 0;
    const add = (p: Probe, fromSide: number, toSide: number, why: string): boolean => {
      const through = { client: ifaces[fromSide] as string, server: ifaces[toSide] as string };
      const expected = allowedByMatrix(matrix, firewall, p, through);
      const key = `${p.proto} ${p.src} ${p.dst} ${p.port}`;
      if (!probes.has(key)) probes.set(key, { ...p, expected, why: `${label} ${why}`, fromSide, toSide });
      return expected;
    };
    for (const f of [4, 6] as const) {
      const srcs = samples(leg.source, f, from);
      const dsts = samples(leg.destination, f, to);
      const [src, dst] = [srcs[0], dsts[0]];
      if (src === undefined || dst === undefined) continue;
      const ports = leg.services.map((s) => servicePorts(s, f));
      const first = ports.flatMap((p) => p.pass)[0];
      if (first === undefined) continue;
      for (const { pass, miss } of ports) {
        for (const p of pass) if (add({ ...p, src, dst }, from, to, 'rule')) passes++;
        for (const p of miss) add({ ...p, src, dst }, from, to, 'port or protocol outside');
      }
      for (const other of srcs.slice(1)) if (add({ ...first, src: other, dst }, from, to, 'rule')) passes++;
      for (const other of dsts.slice(1)) if (add({ ...first, src, dst: other }, from, to, 'rule')) passes++;
      add({ ...first, src: strangers[from]?.[f] as string, dst }, from, to, 'wrong source');
      add({ ...first, src, dst: strangers[to]?.[f] as string }, from, to, 'wrong destination');
      add({ ...first, src: dst, dst: src }, to, from, 'reverse direction');
      const last = cidrs(leg.source, f).at(-1);
      const after = last === undefined ? undefined : justAfter(last);
      if (after !== undefined && !contains(leg.source.addresses, after) && place(after, from)) {
        add({ ...first, src: after, dst }, from, to, 'source just after the prefix');
      }
    }
    if (passes === 0 && withheld.length === 0) withheld.push('nothing a Linux probe can send');
    rules.push({ row, label, passes, withheld });
  }

  const sides = zones.map((zone, i) => ({
    zone,
    iface: ifaces[i] as string,
    addresses: [...placed].filter(([, s]) => s === i).map(([ip]) => ip),
  }));
  return { sides, probes: [...probes.values()], rules };
}

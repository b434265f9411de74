import { parseCidrBounds } from '../../../src/net/cidr-set.js';
import { formatIpv4 } from '../../../src/net/ipv4.js';
import { formatIpv6 } from '../../../src/net/ipv6.js';
import type { Rule, Ruleset } from '../../../src/ruleset/types.js';
import type { OracleProbe } from '../../support/netns-oracle.js';

/**
 * Packets for the kernel oracle, drawn from a ruleset: inside a rule (its addresses, ports, protocol and
 * interfaces), a near miss of it (one field moved just outside), or at random. Addresses stay where a kernel
 * forwards them (IPv4 unicast outside 0/8, 127/8, 169.254/16 and 224/3; IPv6 in 2000::/3 or fc00::/7).
 */
export interface Sampled {
  readonly probe: OracleProbe;
  readonly in: string;
  readonly out: string;
  /** As `parsePacket` reads it. */
  readonly packet: string;
}

type Rng = () => number;

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const V4_MAX = 0xdfffffff;
const v4ok = (n: number): boolean =>
  n >= 0x01000000 && n <= V4_MAX && n >>> 24 !== 127 && n >>> 16 !== 0xa9fe && n >>> 24 !== 0;
const v6ok = (b: bigint): boolean => {
  const top = Number(b >> 120n);
  return (top >= 0x20 && top < 0x40) || (top & 0xfe) === 0xfc;
};

const bigOf = (words: ArrayLike<number>): bigint =>
  Array.from({ length: 4 }, (_, i) => BigInt(words[i] as number)).reduce((a, w) => (a << 32n) | w, 0n);
const v6text = (b: bigint): string =>
  formatIpv6(Uint32Array.from({ length: 4 }, (_, i) => Number((b >> BigInt(96 - 32 * i)) & 0xffffffffn)));

/** A point of an address range, or just outside it (`edge`: the first, the last, one below, one above). */
function pointIn(r: Rng, family: 4 | 6, first: string, last: string, outside: boolean): string | undefined {
  const a = parseCidrBounds(first);
  const z = parseCidrBounds(last);
  if (!a.ok || !z.ok) return undefined;
  if (family === 4) {
    const lo = a.value.first[0] as number;
    const hi = z.value.first[0] as number;
    const n = outside ? (r() < 0.5 ? lo - 1 : hi + 1) : pick(r, [lo, hi, lo + Math.floor(r() * (hi - lo + 1))]);
    return v4ok(n) ? formatIpv4(n >>> 0) : undefined;
  }
  const lo = bigOf(a.value.first);
  const hi = bigOf(z.value.first);
  const span = hi - lo;
  const mid = lo + (span > 0n ? BigInt(Math.floor(r() * 2 ** 31)) % (span + 1n) : 0n);
  const b = outside ? (r() < 0.5 ? lo - 1n : hi + 1n) : pick(r, [lo, hi, mid]);
  return b >= 0n && v6ok(b) ? v6text(b) : undefined;
}

function randomAddress(r: Rng, family: 4 | 6): string {
  for (;;) {
    if (family === 4) {
      const n = Math.floor(r() * 2 ** 32);
      if (v4ok(n)) return formatIpv4(n);
    } else {
      const b = (0x2001n << 112n) | (BigInt(Math.floor(r() * 2 ** 48)) << 64n) | BigInt(Math.floor(r() * 2 ** 32));
      return v6text(b);
    }
  }
}

const IFACE_FALLBACK = ['zz0', 'zz1'];

/** The interface names the rules use (a prefix `eth+` as `eth0`), plus two that no rule names. */
export function interfaceNames(rules: readonly Rule[]): string[] {
  const names = new Set<string>(IFACE_FALLBACK);
  for (const rule of rules) {
    for (const m of [rule.inInterface, rule.outInterface]) {
      if (m) names.add(m.prefix ? `${m.name}0`.slice(0, 15) : m.name);
    }
  }
  // Loopback is no interface a forwarded packet crosses (and the lab's own `lo` holds the name).
  return [...names].filter((n) => n.length > 0 && n !== 'lo');
}

type Matches = Partial<Omit<Rule, 'verdict' | 'provenance'>>;

/** The fields a rule sets (an absent match leaves the jump's in force). */
const definedFields = (rule: Rule): Partial<Rule> =>
  Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as Partial<Rule>;

/**
 * The matches a packet has already passed when it reaches each chain: the jumps that lead there, composed (our
 * printers test the interfaces, then the source, then destination and service, each in its own chain). A rule of
 * such a chain is aimed at with them, or packets aimed at it would never reach it. At most 16 ways into a chain.
 */
function jumpContexts(ruleset: Ruleset): Map<string, Matches[]> {
  const into = new Map<string, Matches[]>();
  const walk = (chain: string, outer: Matches, depth: number): void => {
    if (depth > 8) return;
    for (const rule of ruleset.chains[chain]?.rules ?? []) {
      const { verdict } = rule;
      if (verdict.kind !== 'jump' && verdict.kind !== 'goto') continue;
      const { verdict: _v, provenance: _p, ...matches } = definedFields(rule);
      const composed = { ...outer, ...matches };
      const known = into.get(verdict.chain) ?? [];
      if (known.length >= 16) continue;
      known.push(composed);
      into.set(verdict.chain, known);
      walk(verdict.chain, composed, depth + 1);
    }
  };
  walk(ruleset.entry, {}, 0);
  return into;
}

/**
 * `count` packets from the filter rules of `ruleset`, through at most `maxPairs` interface pairs (each pair costs
 * the lab a rename): the pairs the rules name first, so that packets aimed at a rule can match it.
 */
export function samplePackets(
  ruleset: Ruleset,
  families: readonly (4 | 6)[],
  count: number,
  seed: number,
  maxPairs = 8,
): Sampled[] {
  const r = rng(seed);
  const contexts = jumpContexts(ruleset);
  const rules = Object.entries(ruleset.chains)
    // Filter chains, and the destination NAT chains of iptables' nat table (packets aimed at a translation's match).
    .filter(
      ([name]) =>
        (!name.includes('/') && !name.startsWith('@')) ||
        (ruleset.nat !== undefined && name.startsWith('nat/') && !/\/(POSTROUTING|INPUT|OUTPUT)$/.test(name)),
    )
    .flatMap(([name, c]) => {
      const outer = contexts.get(name) ?? [{}];
      return c.rules.flatMap((rule) => outer.map((o) => ({ ...o, ...definedFields(rule) }) as Rule));
    })
    .filter((rule) => rule.verdict.kind !== 'continue');
  // Rules that name an address or a port are the ones worth aiming at (state rules match anything).
  const aims = rules.filter((rule) => rule.source || rule.destination || rule.destinationPorts);
  const ifaces = interfaceNames(rules);
  const name = (m: Rule['inInterface']): string | undefined =>
    m && !m.negated && m.name !== 'lo' ? (m.prefix ? `${m.name}0`.slice(0, 15) : m.name) : undefined;
  const pairs: [string, string][] = [];
  for (let i = 0; i < aims.length * 4 && pairs.length < maxPairs; i++) {
    const rule = pick(r, aims);
    const a = name(rule.inInterface) ?? pick(r, ifaces);
    let b = name(rule.outInterface) ?? pick(r, ifaces);
    if (b === a) b = ifaces.find((n) => n !== a) ?? 'zz1';
    if (!pairs.some(([x, y]) => x === a && y === b)) pairs.push([a, b]);
  }
  if (pairs.length === 0) pairs.push(['zz0', 'zz1']);
  const out: Sampled[] = [];
  const srcs = new Set<string>();
  const dsts = new Set<string>();
  const keys = new Set<string>();
  // First one packet squarely inside each rule (at most a third of the packets), then the mix: an address is a
  // source or a destination, never both, so a near miss drawn first could take the only host a rule names.
  const firstPass = aims.slice(0, Math.floor(count / 3));
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const exact = tries < firstPass.length;
    const rule = exact ? firstPass[tries] : aims.length > 0 && r() < 0.85 ? pick(r, aims) : undefined;
    const family = rule?.family ?? pick(r, families);
    if (!families.includes(family)) continue;
    const miss =
      rule && !exact && r() < 0.3 ? pick(r, ['source', 'destination', 'port', 'proto', 'iface'] as const) : undefined;
    const address = (set: Rule['source'], outside: boolean): string | undefined => {
      const ranges = set?.toRanges().filter((x) => x.family === family) ?? [];
      if (ranges.length === 0 || (!exact && r() < 0.1)) return randomAddress(r, family);
      const range = pick(r, ranges);
      return pointIn(r, family, range.first, range.last, outside);
    };
    const src = address(rule?.source, miss === 'source');
    const dst = address(rule?.destination, miss === 'destination');
    if (!src || !dst || src === dst || dsts.has(src) || srcs.has(dst)) continue;
    const protocols = rule?.protocols?.toRanges().flatMap((x) => [x.from, x.to]) ?? [];
    const wanted = protocols.filter((p) => p === 6 || p === 17 || p === 1 || p === 58);
    let proto: OracleProbe['proto'] =
      wanted.length > 0 && miss !== 'proto'
        ? ({ 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmp' } as const)[pick(r, wanted) as 6 | 17 | 1 | 58]
        : pick(r, ['tcp', 'tcp', 'udp', 'udp', 'icmp'] as const);
    if (miss === 'proto' && wanted.length === 1) proto = wanted[0] === 6 ? 'udp' : 'tcp';
    const portOf = (set: Rule['sourcePorts'], outside: boolean, fallback: () => number): number => {
      const ranges = set?.toRanges() ?? [];
      if (ranges.length === 0) return fallback();
      const range = pick(r, ranges);
      const p = outside ? (r() < 0.5 ? range.from - 1 : range.to + 1) : pick(r, [range.from, range.to]);
      return p >= 1 && p <= 65535 ? p : fallback();
    };
    const dport = portOf(rule?.destinationPorts, miss === 'port', () => 1 + Math.floor(r() * 65535));
    const sport = portOf(rule?.sourcePorts, false, () => 1024 + Math.floor(r() * 64000));
    const iface = (m: Rule['inInterface']): string => {
      if (!m || m.negated || miss === 'iface') return pick(r, ifaces);
      return m.prefix ? `${m.name}0`.slice(0, 15) : m.name;
    };
    let inName = iface(rule?.inInterface);
    let outName = iface(rule?.outInterface);
    if (outName === inName) outName = ifaces.find((n) => n !== inName) ?? 'zz1';
    if (!pairs.some(([x, y]) => x === inName && y === outName)) [inName, outName] = pick(r, pairs);
    const probe: OracleProbe = {
      proto,
      src,
      dst,
      sport: proto === 'icmp' ? 0 : sport,
      dport: proto === 'icmp' ? 0 : dport,
    };
    const key = `${inName} ${outName} ${proto} ${dst} ${proto === 'icmp' ? '' : `${sport} ${dport}`}`;
    const bind = `${inName} ${outName} ${proto} ${src} ${sport}`;
    if (keys.has(key) || keys.has(bind)) continue;
    keys.add(key);
    keys.add(bind);
    srcs.add(src);
    dsts.add(dst);
    const at = (a: string, port: number) =>
      proto === 'icmp' ? a : a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`;
    // ping sends code 0; a packet without a code is tried with every code the rules tell apart.
    const tail = proto === 'icmp' ? ' type echo-request code 0' : '';
    out.push({
      probe,
      in: inName,
      out: outName,
      packet: `${proto} ${at(src, probe.sport)} -> ${at(dst, probe.dport)}${tail} in ${inName} out ${outName}`,
    });
  }
  return out;
}

import type { Issue } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { formatIpv4, parseIpv4 } from '../../../net/ipv4.js';
import { configIssue } from '../../../ruleset/config-file.js';
import { familyAll, type SideMatch, sideOf, unionSides } from '../../kit/zone-policy.js';
import type { Block, Entry, Setting } from './tree.js';

/** An address object as read: a set, or why it cannot be one (an FQDN the FortiGate resolves, a country). */
export interface AddressValue {
  readonly set: CidrSet;
  readonly opaque?: string;
  readonly line: number;
}

/** Non-contiguous wildcard masks expand to this many ranges at most before the object is left opaque. */
const MAX_WILDCARD_RANGES = 4096;

/** `1.1.1.0 255.255.255.0`, `1.1.1.0/24`, `1.1.1.1` → prefix length, or undefined for a non-contiguous mask. */
function maskLength(mask: string): number | undefined {
  if (/^\d{1,2}$/.test(mask) && Number(mask) <= 32) return Number(mask);
  const m = parseIpv4(mask);
  if (m < 0) return undefined;
  const bits = m.toString(2).padStart(32, '0');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : undefined;
}

function subnetSet(values: readonly string[]): CidrSet | string {
  const [first = '', second] = values;
  const [ip, slash] = first.split('/');
  const mask = second ?? slash ?? '32';
  const bits = maskLength(mask);
  if (parseIpv4(ip ?? '') < 0) return `"${first}" is not an IPv4 address`;
  if (bits === undefined) return `"${mask}" is not a netmask`;
  const set = CidrSet.parse([`${ip}/${bits}`], { lenient: true });
  return set.ok ? set.value : set.message;
}

/** `set wildcard 1.1.0.1 255.255.0.255`: the mask's 1 bits must match, its 0 bits are free (anywhere). */
function wildcardSet(values: readonly string[]): CidrSet | string {
  const [ipText = '0.0.0.0', maskText = '0.0.0.0'] = values;
  const ip = parseIpv4(ipText);
  const mask = parseIpv4(maskText);
  if (ip < 0 || mask < 0) return `"${ipText} ${maskText}" is not an address and a wildcard mask`;
  const free = ~mask >>> 0;
  // The trailing free bits form each range; the other free bits multiply the ranges.
  let trailing = 0;
  while (trailing < 32 && ((free >>> trailing) & 1) === 1) trailing++;
  const spread: number[] = [];
  for (let b = trailing; b < 32; b++) if (((free >>> b) & 1) === 1) spread.push(b);
  if (2 ** spread.length > MAX_WILDCARD_RANGES) return `wildcard mask ${maskText} spans too many ranges`;
  const base = (ip & mask) >>> 0;
  const cidrs: string[] = [];
  for (let k = 0; k < 2 ** spread.length; k++) {
    let a = base;
    spread.forEach((b, j) => {
      if ((k >>> j) & 1) a = (a | (1 << b)) >>> 0;
    });
    cidrs.push(`${formatIpv4(a)}/${32 - trailing}`);
  }
  const set = CidrSet.parse(cidrs, { lenient: true });
  return set.ok ? set.value : set.message;
}

const text = (s: Setting | undefined, fallback = ''): string => s?.values.join(' ') ?? fallback;

/** Opaque address types: what the FortiGate resolves at run time, which a configuration does not say. */
const OPAQUE_TYPES: Readonly<Record<string, string>> = {
  fqdn: 'an FQDN the FortiGate resolves',
  'wildcard-fqdn': 'a wildcard FQDN the FortiGate learns from DNS',
  geography: 'a country (geolocation database)',
  dynamic: 'a dynamic (SDN, FSSO) address',
  mac: 'a MAC address range',
  'route-tag': 'a route tag',
};

export function readAddress4(
  entry: Entry,
  interfaces: ReadonlyMap<string, Setting>,
  file: string,
  issues: Issue[],
): AddressValue {
  const s = entry.settings;
  const type = text(s.get('type'), 'ipmask');
  const at = (key: string) => s.get(key)?.line ?? entry.line;
  const result = (set: CidrSet | string, key: string): AddressValue => {
    if (typeof set === 'string') {
      issues.push(configIssue(file, at(key), `address "${entry.name}": ${set}`, 'write a valid IPv4 address and mask'));
      return { set: CidrSet.empty(), line: entry.line };
    }
    return { set, line: entry.line };
  };
  switch (type) {
    case 'ipmask':
      return result(subnetSet(s.get('subnet')?.values ?? ['0.0.0.0', '0.0.0.0']), 'subnet');
    case 'iprange': {
      const start = text(s.get('start-ip'), '0.0.0.0');
      const end = text(s.get('end-ip'), '0.0.0.0');
      const r = CidrSet.fromRange(start, end);
      return result(r.ok ? r.value : r.message, 'start-ip');
    }
    case 'wildcard': {
      const w = wildcardSet(s.get('wildcard')?.values ?? []);
      if (typeof w === 'string' && w.includes('too many'))
        return { set: CidrSet.empty(), opaque: `address "${entry.name}": ${w}`, line: entry.line };
      return result(w, 'wildcard');
    }
    case 'interface-subnet': {
      const name = text(s.get('interface'));
      const ip = interfaces.get(name);
      const set = ip ? subnetSet(ip.values) : undefined;
      if (set instanceof CidrSet) return { set, line: entry.line };
      return {
        set: CidrSet.empty(),
        opaque: `address "${entry.name}" is the subnet of interface "${name}", ${ip ? 'whose address is not readable' : 'not defined here'}`,
        line: entry.line,
      };
    }
    default:
      return {
        set: CidrSet.empty(),
        opaque: `address "${entry.name}" is ${OPAQUE_TYPES[type] ?? `of type ${type}, not modelled`}`,
        line: entry.line,
      };
  }
}

export function readAddress6(entry: Entry, file: string, issues: Issue[]): AddressValue {
  const s = entry.settings;
  const type = text(s.get('type'), 'ipprefix');
  if (type === 'ipprefix') {
    const r = CidrSet.parse([text(s.get('ip6'), '::/0')], { lenient: true });
    if (r.ok) return { set: r.value, line: entry.line };
    issues.push(configIssue(file, s.get('ip6')?.line ?? entry.line, `address6 "${entry.name}": ${r.message}`, r.hint));
    return { set: CidrSet.empty(), line: entry.line };
  }
  if (type === 'iprange') {
    const r = CidrSet.fromRange(text(s.get('start-ip'), '::'), text(s.get('end-ip'), '::'));
    if (r.ok) return { set: r.value, line: entry.line };
    issues.push(configIssue(file, s.get('start-ip')?.line ?? entry.line, `address6 "${entry.name}": ${r.message}`));
    return { set: CidrSet.empty(), line: entry.line };
  }
  return {
    set: CidrSet.empty(),
    opaque: `address6 "${entry.name}" is ${OPAQUE_TYPES[type] ?? `of type ${type}, not modelled`}`,
    line: entry.line,
  };
}

/** Addresses FortiOS defines itself, used when the configuration (a `show` without defaults) does not list them. */
const PREDEFINED: Readonly<Record<4 | 6, Readonly<Record<string, CidrSet>>>> = {
  4: { all: familyAll(4), none: CidrSet.empty() },
  6: { all: familyAll(6), none: CidrSet.empty() },
};

/** Names of one family resolved through addresses and (nested) groups, with `exclude-member` taken out. */
export class AddressBook {
  private readonly cache = new Map<string, SideMatch>();
  constructor(
    private readonly family: 4 | 6,
    private readonly addresses: ReadonlyMap<string, AddressValue>,
    private readonly groups: Block | undefined,
  ) {}

  resolve(name: string, seen: readonly string[] = []): SideMatch {
    const hit = this.cache.get(name);
    if (hit) return hit;
    const value = this.compute(name, seen);
    this.cache.set(name, value);
    return value;
  }

  private compute(name: string, seen: readonly string[]): SideMatch {
    const scope = familyAll(this.family);
    const a = this.addresses.get(name);
    if (a) return sideOf(a.set, a.opaque ? [a.opaque] : [], scope);
    const group = this.groups?.entries.get(name);
    if (group) {
      if (seen.includes(name)) return sideOf(CidrSet.empty(), [`address group "${name}" contains itself`], scope);
      const names = group.settings.get('member')?.values ?? [];
      if (names.length === 0) return sideOf(CidrSet.empty(), [`address group "${name}" has no member`], scope);
      const members = unionSides(names.map((m) => this.resolve(m, [...seen, name])));
      const excludeOn = group.settings.get('exclude')?.values[0] === 'enable';
      if (!excludeOn) return members;
      const excluded = unionSides(
        (group.settings.get('exclude-member')?.values ?? []).map((m) => this.resolve(m, [...seen, name])),
      );
      // members − excluded: definite = definite − superset(excluded); superset = superset − definite(excluded).
      return {
        definite: members.definite.subtract(excluded.superset),
        superset: members.superset.subtract(excluded.definite),
        reasons: [...members.reasons, ...excluded.reasons],
      };
    }
    const predefined = PREDEFINED[this.family][name];
    if (predefined) return sideOf(predefined, [], scope);
    return sideOf(
      CidrSet.empty(),
      [
        `"${name}" is not an address${this.family === 6 ? '6' : ''} or group defined in this configuration (a VIP, an internet service?)`,
      ],
      scope,
    );
  }
}

import { parseCidrBounds } from '../net/cidr-set.js';
import { ICMP_TYPES, ICMPV6_TYPES } from '../net/icmp.js';
import { type ParseResult, parsed, rejected } from '../net/result.js';
import { placeByRoutes } from './routes.js';
import { flagNames, parseFlagNames } from './tcp-flags.js';
import { CONN_STATES, type ConnState, PROTOCOL_NUMBERS, type Ruleset } from './types.js';
import { zoneContradicts } from './why.js';

/** One packet as a firewall sees it: the 5-tuple, the interfaces it crosses and its conntrack state. */
export interface Packet {
  readonly family: 4 | 6;
  /** Addresses as words (1 for IPv4, 4 for IPv6) and as written. */
  readonly source: Uint32Array;
  readonly destination: Uint32Array;
  readonly sourceText: string;
  readonly destinationText: string;
  readonly protocol: number;
  readonly sourcePort?: number;
  readonly destinationPort?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly inInterface?: string;
  readonly outInterface?: string;
  readonly fromZone?: string;
  readonly toZone?: string;
  readonly state: ConnState;
  /** `path bridged` or `path routed`: whether the packet crosses a bridge (iptables FORWARD with br_netfilter). */
  readonly bridged?: boolean;
  /** `flags syn,ack`: the TCP flags the packet carries (a `new` one without them is read as a SYN, tcp-flags.ts). */
  readonly tcpFlags?: number;
}

const PROTOCOL_BY_NAME: Readonly<Record<string, number>> = PROTOCOL_NUMBERS;

/**
 * Reads `tcp 10.1.2.3:40000 -> 192.0.2.10:443 in eth0 out eth1 state new`, `udp [2001:db8::1]:5000 -> [2001:db8::2]:53`,
 * `icmp 10.0.0.1 -> 10.0.0.2 type echo-request`, `proto 47 10.0.0.1 -> 10.0.0.2`, `… from-zone trust to-zone untrust`,
 * `… path bridged`, `… state established flags ack,psh`. The state defaults to `new`.
 */
export function parsePacket(text: string): ParseResult<Packet> {
  const words = text.trim().split(/\s+/);
  let i = 0;
  const first = words[i++] ?? '';
  let protocol: number;
  if (first === 'proto') {
    protocol = Number(words[i++]);
    if (!Number.isInteger(protocol) || protocol < 0 || protocol > 255) {
      return rejected(`bad protocol number in packet "${text}"`, 'write proto N with N from 0 to 255');
    }
  } else {
    const known = PROTOCOL_BY_NAME[first];
    if (known === undefined) {
      return rejected(
        `unknown protocol "${first}" in packet "${text}"`,
        `start with ${Object.keys(PROTOCOL_NUMBERS).join(', ')} or proto N`,
      );
    }
    protocol = known;
  }
  const src = endpoint(words[i++] ?? '');
  if (!src.ok) return src;
  if (words[i++] !== '->') return rejected(`missing "->" in packet "${text}"`, 'write SOURCE -> DESTINATION');
  const dst = endpoint(words[i++] ?? '');
  if (!dst.ok) return dst;
  if (src.value.family !== dst.value.family) {
    return rejected(
      `source and destination of packet "${text}" are of different families`,
      'use two IPv4 or two IPv6 addresses',
    );
  }
  // `icmp` between IPv6 addresses means ICMPv6, as people write it.
  if (protocol === PROTOCOL_NUMBERS.icmp && src.value.family === 6) protocol = PROTOCOL_NUMBERS.icmpv6;
  const ported = protocol === 6 || protocol === 17 || protocol === 132;
  if (ported && (src.value.port === undefined || dst.value.port === undefined)) {
    return rejected(
      `a TCP, UDP or SCTP packet needs both ports: "${text}"`,
      'write ADDRESS:PORT, [IPv6]:PORT for IPv6',
    );
  }
  if (!ported && (src.value.port !== undefined || dst.value.port !== undefined)) {
    return rejected(`only TCP, UDP and SCTP packets have ports: "${text}"`, 'drop the :PORT');
  }
  const packet: {
    -readonly [K in keyof Packet]: Packet[K];
  } = {
    family: src.value.family,
    source: src.value.words,
    destination: dst.value.words,
    sourceText: src.value.text,
    destinationText: dst.value.text,
    protocol,
    state: 'new',
  };
  if (src.value.port !== undefined) packet.sourcePort = src.value.port;
  if (dst.value.port !== undefined) packet.destinationPort = dst.value.port;
  while (i < words.length) {
    const key = words[i++] as string;
    const value = words[i++];
    if (value === undefined) return rejected(`"${key}" needs a value in packet "${text}"`);
    switch (key) {
      case 'in':
        packet.inInterface = value;
        break;
      case 'out':
        packet.outInterface = value;
        break;
      case 'from-zone':
        packet.fromZone = value;
        break;
      case 'to-zone':
        packet.toZone = value;
        break;
      case 'state':
        if (!(CONN_STATES as readonly string[]).includes(value)) {
          return rejected(`unknown state "${value}"`, `use one of ${CONN_STATES.join(', ')}`);
        }
        packet.state = value as ConnState;
        break;
      case 'path':
        if (value !== 'bridged' && value !== 'routed') {
          return rejected(`unknown path "${value}"`, 'write path bridged or path routed');
        }
        packet.bridged = value === 'bridged';
        break;
      case 'type': {
        const names = packet.family === 4 ? ICMP_TYPES : ICMPV6_TYPES;
        const type = names[value] ?? (/^\d+$/.test(value) ? Number(value) : undefined);
        if (type === undefined || type > 255)
          return rejected(`unknown ICMP type "${value}"`, 'write a type name or number');
        packet.icmpType = type;
        break;
      }
      case 'code':
        if (!/^\d+$/.test(value) || Number(value) > 255) return rejected(`bad ICMP code "${value}"`);
        packet.icmpCode = Number(value);
        break;
      case 'flags': {
        const bits = parseFlagNames(value);
        if (bits === undefined) {
          return rejected(`unknown TCP flag in "${value}"`, `write names among ${flagNames(0xff)}, or none`);
        }
        if (protocol !== PROTOCOL_NUMBERS.tcp) return rejected(`only TCP packets have flags: "${text}"`);
        packet.tcpFlags = bits;
        break;
      }
      default:
        return rejected(
          `unknown word "${key}" in packet "${text}"`,
          'after the addresses: in, out, from-zone, to-zone, state, path, type, code, flags',
        );
    }
  }
  return parsed(packet);
}

/** A packet placed by its interfaces: the packet with its zones, and what was taken from where (`in outside` → zone). */
export interface PlacedPacket {
  readonly packet: Packet;
  /** `in outside (zone outside)`, one per interface whose zone the packet took from the configuration. */
  readonly placed: readonly string[];
}

/**
 * The packet in the zones its interfaces sit in (`Ruleset.interfaceZones`): `in IF` without `from-zone` comes from
 * IF's zone, `out IF` without `to-zone` goes to IF's zone, as the device places it. Where the rules name the
 * interface itself as a zone (FortiOS and SRX readers: a zone stands for its interfaces too), the packet takes the
 * interface, the finer place (a FortiOS zone with intrazone allow lets two of its interfaces talk, not one back to
 * itself). An interface the configuration does not place leaves the zone unsaid (tried in each). A zone other than
 * the interface's (or the interface itself) is refused: which one the packet meant cannot be told.
 */
export function placePacket(ruleset: Ruleset, packet: Packet): ParseResult<PlacedPacket> {
  const p = placeByInterfaces(ruleset, packet);
  if (!('contradiction' in p)) return parsed(p);
  const { zone, zoneWord, said } = p.contradiction;
  return rejected(
    zoneContradicts(p.contradiction).en,
    `write ${zoneWord} ${zone}, or leave ${zoneWord} out (the interface gives it), or give the interface of zone ${said}`,
  );
}

/** A zone the packet says, other than the one its interface is in (and other than the interface itself). */
export interface ZoneContradiction {
  readonly name: string;
  readonly zone: string;
  readonly zoneWord: 'from-zone' | 'to-zone';
  readonly said: string;
}

/** `placePacket`, the contradiction said as data (evaluate words it in both languages). */
export function placeByInterfaces(
  ruleset: Ruleset,
  given: Packet,
): PlacedPacket | { readonly contradiction: ZoneContradiction } {
  // Interfaces unsaid first come from the routes, when the configuration has them.
  const routed = placeByRoutes(ruleset, given);
  const packet = routed.packet;
  const zones = ruleset.interfaceZones;
  if (zones === undefined) return { packet, placed: [...routed.placed] };
  const out: { -readonly [K in keyof Packet]: Packet[K] } = { ...packet };
  // A side placed by a route and then by its interface's zone is said once, with both.
  const placed: string[] = [];
  const zoned = new Set<string>();
  let named: { fromZone: Set<string>; toZone: Set<string> } | undefined;
  for (const [side, zoneSide, zoneWord] of [
    ['inInterface', 'fromZone', 'from-zone'],
    ['outInterface', 'toZone', 'to-zone'],
  ] as const) {
    const name = packet[side];
    if (name === undefined || !Object.hasOwn(zones, name)) continue;
    const zone = zones[name] as string;
    const word = side === 'inInterface' ? 'in' : 'out';
    const said = packet[zoneSide];
    if (said === undefined) {
      named ??= zoneNames(ruleset);
      out[zoneSide] = named[zoneSide].has(name) ? name : zone;
      const route = routed.by[side];
      placed.push(`${word} ${name} (${route ? `${route}; ` : ''}zone ${zone})`);
      zoned.add(side);
    } else if (said !== zone && said !== name) {
      return { contradiction: { name, zone, zoneWord, said } };
    }
  }
  const unzoned = (['inInterface', 'outInterface'] as const).filter((side) => !zoned.has(side) && routed.by[side]);
  const routedOnly = unzoned.map(
    (side) => `${side === 'inInterface' ? 'in' : 'out'} ${packet[side]} (${routed.by[side]})`,
  );
  return { packet: out, placed: [...routedOnly, ...placed] };
}

/** The zones the rules name, on each side. */
function zoneNames(ruleset: Ruleset): { fromZone: Set<string>; toZone: Set<string> } {
  const fromZone = new Set<string>();
  const toZone = new Set<string>();
  for (const chain of Object.values(ruleset.chains))
    for (const rule of chain.rules) {
      for (const z of rule.fromZones ?? []) fromZone.add(z);
      for (const z of rule.toZones ?? []) toZone.add(z);
    }
  return { fromZone, toZone };
}

function endpoint(text: string): ParseResult<{ family: 4 | 6; words: Uint32Array; text: string; port?: number }> {
  let address = text;
  let port: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracket) {
    address = bracket[1] as string;
    port = bracket[2];
  } else if (!text.includes(':') || /^[\d.]+:\d+$/.test(text)) {
    const at = text.lastIndexOf(':');
    if (at > 0) {
      address = text.slice(0, at);
      port = text.slice(at + 1);
    }
  }
  if (address.includes('/')) return rejected(`"${text}" is a network, a packet has one address`);
  const bounds = parseCidrBounds(address);
  if (!bounds.ok) return rejected(`"${address}" is not an IP address`, 'write 192.0.2.1:443 or [2001:db8::1]:443');
  const value: { family: 4 | 6; words: Uint32Array; text: string; port?: number } = {
    family: bounds.value.family,
    words: bounds.value.first,
    text: address,
  };
  if (port !== undefined) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      return rejected(`bad port "${port}" in "${text}"`, 'ports go from 0 to 65535');
    value.port = n;
  }
  return parsed(value);
}

import { CidrSet } from '../../../net/cidr-set.js';
import { ICMP_TYPES, ICMPV6_TYPES } from '../../../net/icmp.js';
import { netmaskLength } from '../../../net/ipv4.js';
import { PortSet } from '../../../net/port-set.js';
import { type IcmpMatch, PROTOCOL_NUMBERS } from '../../../ruleset/types.js';
import { PsError } from './statements.js';

/** A side as read: its set (absent = any), and the keywords the model does not interpret (making the rule opaque). */
export interface AddressField {
  readonly set?: CidrSet;
  readonly opaque: readonly string[];
}
export interface PortField {
  readonly set?: PortSet;
  readonly opaque: readonly string[];
}

const PROTOCOLS: Readonly<Record<string, number | undefined>> = {
  any: undefined,
  tcp: PROTOCOL_NUMBERS.tcp,
  udp: PROTOCOL_NUMBERS.udp,
  icmpv4: PROTOCOL_NUMBERS.icmp,
  icmpv6: PROTOCOL_NUMBERS.icmpv6,
};

/** `TCP`, `UDP`, `ICMPv4`, `ICMPv6`, `Any` or a number 0..255; undefined for any protocol. */
export function readProtocol(text: string, line: number): number | undefined {
  const key = text.toLowerCase();
  if (Object.hasOwn(PROTOCOLS, key)) return PROTOCOLS[key];
  if (/^\d{1,3}$/.test(text) && Number(text) <= 255) return Number(text);
  throw new PsError(line, `-Protocol ${text}`, 'write TCP, UDP, ICMPv4, ICMPv6, Any or a number from 0 to 255');
}

/** `10.0.0.1`, `10.0.0.0/24`, `10.0.0.0/255.255.255.0`, `10.0.0.1-10.0.0.9`, IPv6 alike; `Any`; keywords opaque. */
export function readAddresses(values: readonly string[] | undefined, line: number): AddressField {
  if (!values || values.some((v) => v.toLowerCase() === 'any' || v === '*')) return { opaque: [] };
  let set = CidrSet.empty();
  const keywords: string[] = [];
  for (const value of values) {
    for (const text of value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)) {
      if (/^[A-Za-z][A-Za-z0-9]*$/.test(text) && !/^[0-9a-f:]+$/i.test(text)) {
        keywords.push(text);
        continue;
      }
      const parsed = readAddress(text);
      if (!parsed)
        throw new PsError(
          line,
          `"${text}" is not an address`,
          'write an address, a CIDR, a range a-b or a keyword such as LocalSubnet',
        );
      set = set.union(parsed);
    }
  }
  // A keyword (LocalSubnet, Internet, DNS…) is resolved by the host: the side is unknown here, the rule opaque.
  if (keywords.length > 0) return { opaque: [`address ${keywords.join(',')}`] };
  return { set, opaque: [] };
}

function readAddress(text: string): CidrSet | undefined {
  const range = /^([^-/]+)-([^-/]+)$/.exec(text);
  if (range) {
    const r = CidrSet.fromRange(range[1] as string, range[2] as string);
    return r.ok ? r.value : undefined;
  }
  const mask = /^([\d.]+)\/(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (mask) {
    const length = netmaskLength(mask[2] as string);
    if (length === undefined) return undefined;
    const r = CidrSet.parse([`${mask[1]}/${length}`], { lenient: true });
    return r.ok ? r.value : undefined;
  }
  // Windows accepts host bits under the prefix (`10.0.0.5/24` is 10.0.0.0/24).
  const r = CidrSet.parse([text], { lenient: true });
  return r.ok ? r.value : undefined;
}

/** `80`, `8000-8100`, `Any`; keywords (RPC, RPCEPMap, IPHTTPSIn…) opaque. */
export function readPorts(values: readonly string[] | undefined, line: number): PortField {
  if (!values || values.some((v) => v.toLowerCase() === 'any')) return { opaque: [] };
  const ranges: { from: number; to: number }[] = [];
  const keywords: string[] = [];
  for (const value of values) {
    for (const text of value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)) {
      const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
      if (!m) {
        if (/^[A-Za-z][A-Za-z0-9]*$/.test(text)) {
          keywords.push(text);
          continue;
        }
        throw new PsError(line, `"${text}" is not a port`, 'write a port, a range a-b, Any or a keyword');
      }
      const from = Number(m[1]);
      const to = Number(m[2] ?? m[1]);
      if (to > 65535 || from > to) throw new PsError(line, `port range ${text} is out of 0-65535 or reversed`);
      ranges.push({ from, to });
    }
  }
  if (keywords.length > 0) return { opaque: [`port ${keywords.join(',')}`] };
  return { set: PortSet.fromRanges(ranges), opaque: [] };
}

/** `-IcmpType 8`, `8:0` (type:code), `Any`; only with ICMPv4 or ICMPv6. */
export function readIcmpTypes(
  values: readonly string[] | undefined,
  protocol: number | undefined,
  line: number,
): IcmpMatch[] | undefined {
  if (!values || values.some((v) => v.toLowerCase() === 'any')) return undefined;
  if (protocol !== PROTOCOL_NUMBERS.icmp && protocol !== PROTOCOL_NUMBERS.icmpv6) {
    throw new PsError(line, '-IcmpType without -Protocol ICMPv4 or ICMPv6');
  }
  const names = protocol === PROTOCOL_NUMBERS.icmp ? ICMP_TYPES : ICMPV6_TYPES;
  const out: IcmpMatch[] = [];
  for (const value of values) {
    for (const text of value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)) {
      const m = /^(\w[\w-]*)(?::(\d{1,3}))?$/.exec(text);
      const type = m ? (/^\d+$/.test(m[1] as string) ? Number(m[1]) : names[m[1] as string]) : undefined;
      if (!m || type === undefined || type > 255 || Number(m[2] ?? 0) > 255) {
        throw new PsError(line, `"${text}" is not an ICMP type`, 'write TYPE or TYPE:CODE with numbers up to 255');
      }
      out.push(m[2] === undefined ? { type } : { type, code: Number(m[2]) });
    }
  }
  return out;
}

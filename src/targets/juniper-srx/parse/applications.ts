import type { Issue } from '../../../model/issues.js';
import { ICMP_TYPES, ICMPV6_TYPES } from '../../../net/icmp.js';
import { PortSet } from '../../../net/port-set.js';
import { configIssue } from '../../../ruleset/config-file.js';
import { PROTOCOL_NUMBERS } from '../../../ruleset/types.js';
import { portRange, type ServiceMatch, type ServicePiece, servicesOf } from '../../kit/zone-policy.js';
import type { Statement } from './statements.js';

const { tcp, udp, icmp, icmpv6 } = PROTOCOL_NUMBERS;
const ports = (protocol: number, from: number, to = from): ServicePiece => ({
  protocols: PortSet.of(protocol),
  destinationPorts: portRange(from, to),
});

/**
 * Predefined Junos applications (the `junos-defaults` group: `show configuration groups junos-defaults
 * applications`), the common ones. A `junos-*` name not here is read as opaque, never guessed.
 */
export const PREDEFINED_APPLICATIONS: Readonly<Record<string, readonly ServicePiece[]>> = {
  any: [{}],
  'junos-http': [ports(tcp, 80)],
  'junos-https': [ports(tcp, 443)],
  'junos-ssh': [ports(tcp, 22)],
  'junos-telnet': [ports(tcp, 23)],
  'junos-ftp': [ports(tcp, 21)],
  'junos-smtp': [ports(tcp, 25)],
  'junos-pop3': [ports(tcp, 110)],
  'junos-imap': [ports(tcp, 143)],
  'junos-imaps': [ports(tcp, 993)],
  'junos-ldap': [ports(tcp, 389)],
  'junos-dns-udp': [ports(udp, 53)],
  'junos-dns-tcp': [ports(tcp, 53)],
  'junos-ntp': [ports(udp, 123)],
  'junos-tftp': [ports(udp, 69)],
  'junos-syslog': [ports(udp, 514)],
  'junos-snmp-agentx': [ports(tcp, 705)],
  'junos-bgp': [ports(tcp, 179)],
  'junos-radius': [ports(udp, 1812)],
  'junos-ike': [ports(udp, 500)],
  'junos-ike-nat': [ports(udp, 4500)],
  'junos-ms-sql': [ports(tcp, 1433)],
  'junos-mysql': [ports(tcp, 3306)],
  'junos-rdp': [ports(tcp, 3389)],
  'junos-gre': [{ protocols: PortSet.of(PROTOCOL_NUMBERS.gre) }],
  'junos-icmp-all': [{ family: 4, protocols: PortSet.of(icmp) }],
  'junos-icmp-ping': [{ family: 4, protocols: PortSet.of(icmp), icmp: [{ type: 8 }] }],
  'junos-ping': [{ family: 4, protocols: PortSet.of(icmp), icmp: [{ type: 8 }] }],
  'junos-icmp6-all': [{ family: 6, protocols: PortSet.of(icmpv6) }],
  'junos-pingv6': [{ family: 6, protocols: PortSet.of(icmpv6), icmp: [{ type: 128 }] }],
};

/** Port names Junos takes in `destination-port` (a few; others are written as numbers in real configurations). */
const PORT_NAMES: Readonly<Record<string, number>> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  pop3: 110,
  ntp: 123,
  imap: 143,
  snmp: 161,
  bgp: 179,
  ldap: 389,
  https: 443,
  syslog: 514,
};

/** Protocol names of `protocol` besides a number 0..255. */
const PROTOCOLS: Readonly<Record<string, number>> = {
  ...PROTOCOL_NUMBERS,
  icmp6: icmpv6,
  ospf: 89,
  pim: 103,
  igmp: 2,
  ipip: 4,
  egp: 8,
  rsvp: 46,
  vrrp: 112,
};

/** Keys that narrow what an application matches in ways not modelled (RPC programs, MS-RPC UUIDs). */
const OPAQUE_KEYS = new Set(['rpc-program-number', 'uuid', 'ether-type']);

interface Term {
  protocol?: string;
  sport?: string;
  dport?: string;
  icmpType?: string;
  icmpCode?: string;
  opaque?: string;
  line: number;
}

/** Applications and application sets, from `applications …` statements. */
export class Applications {
  private readonly apps = new Map<string, Map<string, Term>>();
  private readonly sets = new Map<string, string[]>();
  readonly issues: Issue[] = [];

  constructor(private readonly file: string) {}

  get names(): string[] {
    return [...this.apps.keys(), ...this.sets.keys()];
  }

  add(s: Statement): void {
    const [, kind, name, ...rest] = s.words;
    if (name === undefined) return;
    if (kind === 'application-set') {
      const list = this.sets.get(name) ?? [];
      this.sets.set(name, list);
      if ((rest[0] === 'application' || rest[0] === 'application-set') && rest[1]) list.push(rest[1]);
      return;
    }
    if (kind !== 'application') return;
    const terms = this.apps.get(name) ?? new Map<string, Term>();
    this.apps.set(name, terms);
    const [termName, body] = rest[0] === 'term' ? [rest[1] ?? '', rest.slice(2)] : ['', rest];
    const term = terms.get(termName) ?? { line: s.lines[2] ?? 0 };
    terms.set(termName, term);
    // `protocol tcp destination-port 25`: one statement may carry several key-value pairs.
    for (let k = 0; k + 1 < body.length; k += 2) {
      const [key, value] = [body[k] as string, body[k + 1] as string];
      if (key === 'protocol') term.protocol = value;
      else if (key === 'destination-port') term.dport = value;
      else if (key === 'source-port') term.sport = value;
      else if (key === 'icmp-type' || key === 'icmp6-type') term.icmpType = value;
      else if (key === 'icmp-code' || key === 'icmp6-code') term.icmpCode = value;
      else if (OPAQUE_KEYS.has(key)) term.opaque = `application "${name}" matches on ${key}`;
    }
  }

  /** Names of a policy's `match application` to what they match. */
  resolve(names: readonly string[]): ServiceMatch {
    const pieces: ServicePiece[] = [];
    const reasons: string[] = [];
    // Sets already expanded in this call: a set reached twice (nested sets sharing members) adds nothing new, and
    // walking it again would make the walk 2^depth long.
    const done = new Set<string>();
    const visit = (name: string, seen: readonly string[]) => {
      const app = this.apps.get(name);
      if (app) {
        for (const term of app.values()) {
          const p = this.piece(name, term);
          if (typeof p === 'string') reasons.push(p);
          else pieces.push(p);
          if (term.opaque) reasons.push(term.opaque);
        }
        return;
      }
      const set = this.sets.get(name);
      if (set) {
        // A loop or no member: not an empty set of applications, which would match nothing.
        if (seen.includes(name)) reasons.push(`application-set "${name}" contains itself`);
        else if (set.length === 0) reasons.push(`application-set "${name}" has no member`);
        else if (!done.has(name)) {
          for (const m of set) visit(m, [...seen, name]);
          done.add(name);
        }
        return;
      }
      const predefined = PREDEFINED_APPLICATIONS[name];
      if (predefined) pieces.push(...predefined);
      else reasons.push(`application "${name}" is not defined in this configuration`);
    };
    for (const n of names) visit(n, []);
    return servicesOf(pieces, reasons);
  }

  private piece(name: string, term: Term): ServicePiece | string {
    const proto = term.protocol === undefined ? undefined : (PROTOCOLS[term.protocol] ?? Number(term.protocol));
    if (proto !== undefined && !(Number.isInteger(proto) && proto >= 0 && proto <= 255))
      return `application "${name}" has protocol ${term.protocol}, not modelled`;
    const out: { -readonly [K in keyof ServicePiece]: ServicePiece[K] } = {};
    if (proto !== undefined) out.protocols = PortSet.of(proto);
    for (const [key, text] of [
      ['destinationPorts', term.dport],
      ['sourcePorts', term.sport],
    ] as const) {
      if (text === undefined) continue;
      const r = this.ports(text, term.line);
      if (r === undefined) return `application "${name}" has port ${text}, not modelled`;
      out[key] = r;
    }
    if (proto === icmp || proto === icmpv6) {
      out.family = proto === icmp ? 4 : 6;
      if (term.icmpType !== undefined) {
        const names = proto === icmp ? ICMP_TYPES : ICMPV6_TYPES;
        const type = names[term.icmpType] ?? Number(term.icmpType);
        const code = term.icmpCode === undefined ? undefined : Number(term.icmpCode);
        if (!Number.isInteger(type) || (code !== undefined && !Number.isInteger(code)))
          return `application "${name}" has ICMP type ${term.icmpType}, not modelled`;
        out.icmp = [code === undefined ? { type } : { type, code }];
      }
    }
    return out;
  }

  private ports(text: string, line: number): PortSet | undefined {
    const m = /^(\w[\w-]*?)(?:-(\d+))?$/.exec(text);
    const named = PORT_NAMES[text];
    if (named !== undefined) return portRange(named);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (!Number.isInteger(from) || from < 0 || to > 65535 || from > to) {
      if (/^\d/.test(text)) {
        this.issues.push(configIssue(this.file, line, `port "${text}" is not a port or a range of ports`));
      }
      return undefined;
    }
    return portRange(from, to);
  }
}

import type { Issue } from '../../../model/issues.js';
import { PortSet } from '../../../net/port-set.js';
import { configIssue } from '../../../ruleset/config-file.js';
import { PROTOCOL_NUMBERS } from '../../../ruleset/types.js';
import { portRange, type ServiceMatch, type ServicePiece, servicesOf } from '../../kit/zone-policy.js';
import type { Block, Entry } from './tree.js';

/** What a service stands for: pieces, or why it cannot be read (a service bound to an address). */
export interface ServiceValue {
  readonly pieces: readonly ServicePiece[];
  readonly opaque?: string;
}

const { tcp, udp, sctp, icmp, icmpv6 } = PROTOCOL_NUMBERS;
const ports = (protocol: number, from: number, to = from): ServicePiece => ({
  protocols: PortSet.of(protocol),
  destinationPorts: portRange(from, to),
});
const both = (from: number, to = from): ServicePiece[] => [ports(tcp, from, to), ports(udp, from, to)];

/**
 * Services FortiOS predefines (the default `config firewall service custom` of FortiOS 5.4 to 7.x, as `show
 * full-configuration` prints them), used when the configuration does not list them. A name not here and not defined
 * is read as opaque, never guessed.
 */
export const PREDEFINED_SERVICES: Readonly<Record<string, readonly ServicePiece[]>> = {
  ALL: [{}],
  ALL_TCP: [ports(tcp, 1, 65535)],
  ALL_UDP: [ports(udp, 1, 65535)],
  ALL_ICMP: [{ family: 4, protocols: PortSet.of(icmp) }],
  ALL_ICMP6: [{ family: 6, protocols: PortSet.of(icmpv6) }],
  PING: [{ family: 4, protocols: PortSet.of(icmp), icmp: [{ type: 8 }] }],
  PING6: [{ family: 6, protocols: PortSet.of(icmpv6), icmp: [{ type: 128 }] }],
  GRE: [{ protocols: PortSet.of(PROTOCOL_NUMBERS.gre) }],
  ESP: [{ protocols: PortSet.of(PROTOCOL_NUMBERS.esp) }],
  AH: [{ protocols: PortSet.of(PROTOCOL_NUMBERS.ah) }],
  HTTP: [ports(tcp, 80)],
  HTTPS: [ports(tcp, 443)],
  DNS: both(53),
  SSH: [ports(tcp, 22)],
  TELNET: [ports(tcp, 23)],
  FTP: [ports(tcp, 21)],
  SMTP: [ports(tcp, 25)],
  SMTPS: [ports(tcp, 465)],
  POP3: [ports(tcp, 110)],
  POP3S: [ports(tcp, 995)],
  IMAP: [ports(tcp, 143)],
  IMAPS: [ports(tcp, 993)],
  NTP: both(123),
  SNMP: both(161, 162),
  SYSLOG: [ports(udp, 514)],
  RDP: [ports(tcp, 3389)],
  LDAP: [ports(tcp, 389)],
  LDAP_UDP: [ports(udp, 389)],
  KERBEROS: both(88),
  SAMBA: [ports(tcp, 139)],
  SMB: [ports(tcp, 445)],
  'DCE-RPC': both(135),
  TRACEROUTE: [ports(udp, 33434, 33535)],
};

/** Keys a `set protocol` resets: FortiOS clears the previous protocol's fields when the protocol changes. */
const PROTOCOL_FIELDS = ['tcp-portrange', 'udp-portrange', 'sctp-portrange', 'icmptype', 'icmpcode', 'protocol-number'];

/** `dstlow[-dsthigh][:srclow[-srchigh]]`. */
function portrange(text: string): { dst: PortSet; src?: PortSet } | undefined {
  const m = /^(\d+)(?:-(\d+))?(?::(\d+)(?:-(\d+))?)?$/.exec(text);
  if (!m) return undefined;
  const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map((x) => (x === undefined ? undefined : Number(x)));
  const ok = (x: number | undefined) => x === undefined || x <= 65535;
  if (![a, b, c, d].every(ok) || (b !== undefined && (a as number) > b) || (d !== undefined && (c as number) > d))
    return undefined;
  const dst = portRange(a as number, b ?? a);
  return c === undefined ? { dst } : { dst, src: portRange(c, d ?? c) };
}

export function readService(entry: Entry, file: string, issues: Issue[]): ServiceValue {
  const s = entry.settings;
  const protocolSetting = s.get('protocol');
  const protocol = protocolSetting?.values[0] ?? 'TCP/UDP/SCTP';
  const get = (key: string) => {
    const v = s.get(key);
    return v && (!protocolSetting || !PROTOCOL_FIELDS.includes(key) || v.seq > protocolSetting.seq) ? v : undefined;
  };
  const iprange = get('iprange')?.values[0];
  const fqdn = get('fqdn')?.values[0];
  const bound =
    (iprange !== undefined && iprange !== '0.0.0.0') || (fqdn !== undefined && fqdn !== '')
      ? `service "${entry.name}" only applies to ${iprange && iprange !== '0.0.0.0' ? iprange : fqdn}`
      : undefined;
  const number = (key: string, max: number): number | undefined => {
    const v = get(key);
    if (!v) return undefined;
    const n = Number(v.values[0]);
    if (!Number.isInteger(n) || n < 0 || n > max) {
      issues.push(
        configIssue(file, v.line, `${key} "${v.values[0]}" is not a number from 0 to ${max}`, undefined, v.col),
      );
      return undefined;
    }
    return n;
  };
  switch (protocol) {
    case 'TCP/UDP/SCTP':
    case 'TCP/UDP/UDP-Lite/SCTP': {
      const pieces: ServicePiece[] = [];
      for (const [key, proto] of [
        ['tcp-portrange', tcp],
        ['udp-portrange', udp],
        ['sctp-portrange', sctp],
      ] as const) {
        const v = get(key);
        for (const word of v?.values ?? []) {
          const r = portrange(word);
          if (!r) {
            issues.push(
              configIssue(
                file,
                v?.line ?? entry.line,
                `${key} "${word}" is not a port range`,
                'write dst[-dst][:src[-src]] with ports 0 to 65535',
                v?.col,
              ),
            );
            continue;
          }
          pieces.push({
            protocols: PortSet.of(proto),
            destinationPorts: r.dst,
            ...(r.src ? { sourcePorts: r.src } : {}),
          });
        }
      }
      return bound ? { pieces, opaque: bound } : { pieces };
    }
    case 'ICMP':
    case 'ICMP6': {
      const type = number('icmptype', 255);
      // Setting the type again clears the code (`unset icmptype` then `set icmptype 3`: any code of type 3).
      const codeAfterType = (s.get('icmpcode')?.seq ?? -1) > (s.get('icmptype')?.seq ?? -1);
      const code = type === undefined || !codeAfterType ? undefined : number('icmpcode', 255);
      const piece: ServicePiece = {
        family: protocol === 'ICMP' ? 4 : 6,
        protocols: PortSet.of(protocol === 'ICMP' ? icmp : icmpv6),
        ...(type === undefined ? {} : { icmp: [code === undefined ? { type } : { type, code }] }),
      };
      return { pieces: [piece] };
    }
    case 'IP': {
      const n = number('protocol-number', 255) ?? 0;
      return { pieces: [n === 0 ? {} : { protocols: PortSet.of(n) }] };
    }
    default:
      return { pieces: [], opaque: `service "${entry.name}" is of protocol ${protocol}, not modelled` };
  }
}

/** Service names (custom, group, predefined) to the pieces a policy matches. */
export class ServiceBook {
  constructor(
    private readonly custom: ReadonlyMap<string, ServiceValue>,
    private readonly groups: Block | undefined,
  ) {}

  resolve(names: readonly string[]): ServiceMatch {
    const pieces: ServicePiece[] = [];
    const reasons: string[] = [];
    // Groups already expanded in this call: a group reached twice (nested groups sharing members) adds nothing new,
    // and walking it again would make the walk 2^depth long.
    const done = new Set<string>();
    const visit = (name: string, seen: readonly string[]) => {
      const c = this.custom.get(name);
      if (c) {
        pieces.push(...c.pieces);
        if (c.opaque) reasons.push(c.opaque);
        return;
      }
      const g = this.groups?.entries.get(name);
      if (g) {
        const members = g.settings.get('member')?.values ?? [];
        // A loop or no member: not an empty set of services, which would match nothing.
        if (seen.includes(name)) reasons.push(`service group "${name}" contains itself`);
        else if (members.length === 0) reasons.push(`service group "${name}" has no member`);
        else if (!done.has(name)) {
          for (const m of members) visit(m, [...seen, name]);
          done.add(name);
        }
        return;
      }
      const predefined = PREDEFINED_SERVICES[name];
      if (predefined) pieces.push(...predefined);
      else reasons.push(`service "${name}" is not defined in this configuration`);
    };
    for (const n of names) visit(n, []);
    return servicesOf(pieces, reasons);
  }
}

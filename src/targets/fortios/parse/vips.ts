import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { makeRule, type NatTarget, PROTOCOL_NUMBERS, type Rule } from '../../../ruleset/types.js';
import type { Block, Entry } from './tree.js';

/** The chain of the virtual IPs in the neutral ruleset (the destination stage). */
export const VIP_CHAIN = 'firewall vip';

/**
 * A virtual IP as read: the traffic it takes (`extip`, and `protocol` + `extport` with `portforward enable`, from
 * `extintf`) and where it sends it (`mappedip`, `mappedport`), or why that is not modelled (load balancing, an FQDN
 * mapping, a source filter, ranges that do not map one to one).
 */
export interface Vip {
  readonly name: string;
  readonly line: number;
  readonly extip?: CidrSet;
  readonly protocol?: number;
  readonly extport?: PortSet;
  readonly extintf?: string;
  readonly translate: NatTarget;
  /** One address to one address, or a port to a port: the mapped port of a mapped service port. */
  readonly mappedPort?: number;
}

const PROTOCOLS: Readonly<Record<string, number>> = {
  tcp: PROTOCOL_NUMBERS.tcp,
  udp: PROTOCOL_NUMBERS.udp,
  sctp: PROTOCOL_NUMBERS.sctp,
  icmp: PROTOCOL_NUMBERS.icmp,
};

const range = (text: string | undefined): CidrSet | undefined => {
  if (text === undefined) return undefined;
  const [first = '', last] = text.split('-');
  const r = last === undefined ? CidrSet.parse([first]) : CidrSet.fromRange(first, last);
  return r.ok ? r.value : undefined;
};

/** Every `config firewall vip` entry, in file order. */
export function readVips(section: Block | undefined): Vip[] {
  return [...(section?.entries.values() ?? [])].map(readVip);
}

function readVip(e: Entry): Vip {
  const s = e.settings;
  const one = (k: string) => s.get(k)?.values[0];
  const type = one('type') ?? 'static-nat';
  const extip = range(one('extip'));
  const extintf = one('extintf');
  const base = { name: e.name, line: e.line, ...(extip ? { extip } : {}) };
  const withIntf = extintf && extintf !== 'any' ? { ...base, extintf } : base;
  const unmodelled = (why: string): Vip => ({
    ...withIntf,
    translate: { unmodelled: `virtual IP "${e.name}": ${why}` },
  });
  if (type !== 'static-nat') return unmodelled(`type ${type}`);
  if (!extip) return unmodelled(`extip "${one('extip') ?? ''}" is not an address or a range`);
  if ((s.get('src-filter')?.values.length ?? 0) > 0) return unmodelled('src-filter (the sources it applies to)');
  if (one('extaddr') !== undefined) return unmodelled('extaddr (an address object as the external address)');
  const mapped = range(s.get('mappedip')?.values.join(''));
  if (!mapped) return unmodelled(`mappedip "${s.get('mappedip')?.values.join(' ') ?? ''}"`);
  if (mapped.size(4) !== 1n || extip.size(4) !== 1n)
    return unmodelled('extip and mappedip ranges (one to one by position) are modelled for one address only');
  if (one('portforward') !== 'enable') return { ...withIntf, translate: { addresses: mapped } };
  const protocol = PROTOCOLS[one('protocol') ?? 'tcp'];
  const ext = /^(\d+)(?:-(\d+))?$/.exec(one('extport') ?? '');
  const mappedPort = /^(\d+)(?:-(\d+))?$/.exec(one('mappedport') ?? one('extport') ?? '');
  if (protocol === undefined || protocol === PROTOCOL_NUMBERS.icmp) return unmodelled(`protocol ${one('protocol')}`);
  if (!ext || !mappedPort) return unmodelled(`extport "${one('extport') ?? ''}"`);
  const from = Number(ext[1]);
  const to = Number(ext[2] ?? ext[1]);
  const mFrom = Number(mappedPort[1]);
  const mTo = Number(mappedPort[2] ?? mappedPort[1]);
  if (from !== to || mFrom !== mTo)
    return unmodelled('port ranges (mapped by position) are modelled for one port only');
  return {
    ...withIntf,
    protocol,
    extport: PortSet.of(from),
    mappedPort: mFrom,
    translate: { addresses: mapped, ports: PortSet.of(mFrom) },
  };
}

/** The virtual IPs as the destination stage: every VIP translates the traffic it takes, policy or not. */
export function vipRules(vips: readonly Vip[], file: string): Rule[] {
  return vips.map((v) =>
    makeRule({
      family: 4,
      destination: v.extip,
      protocols: v.protocol !== undefined ? PortSet.of(v.protocol) : undefined,
      destinationPorts: v.extport,
      fromZones: v.extintf ? [v.extintf] : undefined,
      // A VIP whose external address is not known may take any packet: uninterpreted.
      opaque: v.extip ? undefined : ['extip not known'],
      verdict: { kind: 'accept' },
      translate: v.translate,
      provenance: { file, line: v.line, text: `firewall vip ${v.name}` },
    }),
  );
}

/**
 * A policy's rule for one of its virtual IPs, matched as the filter sees it (the original packet): to the VIP's
 * external address, on the external port for the mapped port the policy's service allows, from `extintf`. Undefined
 * when the policy's service or interfaces leave nothing of the VIP's traffic. An unmodelled VIP gives an
 * uninterpreted rule (it may match).
 */
export function vipPolicyRule(rule: Rule, v: Vip): Rule | undefined {
  let fromZones = rule.fromZones;
  if (v.extintf) {
    if (fromZones && !fromZones.includes(v.extintf)) return undefined;
    fromZones = [v.extintf];
  }
  if (rule.family === 6) return undefined;
  const { destination: _d, ...rest } = rule;
  const out: Rule = { ...rest, family: 4, ...(fromZones ? { fromZones } : {}) };
  if (v.translate.unmodelled !== undefined || !v.extip)
    return { ...out, opaque: [...(rule.opaque ?? []), v.translate.unmodelled ?? 'virtual IP not modelled'] };
  if (v.protocol === undefined || v.mappedPort === undefined) return { ...out, destination: v.extip };
  // Port forwarding: the policy's service names the mapped port; the packet it sees came to the external one.
  if (rule.protocols && !rule.protocols.contains(v.protocol)) return undefined;
  if (rule.destinationPorts && !rule.destinationPorts.contains(v.mappedPort)) return undefined;
  return { ...out, destination: v.extip, protocols: PortSet.of(v.protocol), destinationPorts: v.extport };
}

/**
 * A rule of a policy that does not name a virtual IP, less the traffic the VIPs take (FortiOS matches VIP traffic
 * only to policies naming the VIP, or to a deny policy with `match-vip enable`). Where a VIP applies on one incoming
 * interface and the rule on any, the VIP's part is kept as an uninterpreted rule.
 */
export function withoutVipTraffic(rule: Rule, vips: readonly Vip[]): Rule[] {
  let parts: Rule[] = [rule];
  for (const v of vips) {
    const next: Rule[] = [];
    for (const p of parts) next.push(...withoutOne(p, v));
    parts = next;
  }
  return parts;
}

function withoutOne(rule: Rule, v: Vip): Rule[] {
  if (rule.family === 6) return [rule];
  const all = CidrSet.all().family(4);
  const destination = (rule.destination ?? all).family(4);
  const taken = v.extip ? destination.intersect(v.extip) : destination;
  if (taken.isEmpty()) return [rule];
  if (v.extintf && rule.fromZones && !rule.fromZones.includes(v.extintf)) return [rule];
  const out: Rule[] = [];
  const v6 = rule.destination ? rule.destination.family(6) : CidrSet.all().family(6);
  const others = destination.subtract(taken).union(rule.family === 4 ? CidrSet.empty() : v6);
  if (!others.isEmpty()) out.push({ ...rule, destination: others });
  const onTaken: Rule = { ...rule, family: 4, destination: taken };
  // What of the rule's traffic to the external address the VIP leaves alone: other protocols, other ports.
  const left: Rule[] = [];
  if (v.protocol !== undefined && v.extport) {
    const protocols = rule.protocols ?? PortSet.fromRanges([{ from: 0, to: 255 }]);
    const otherProtocols = protocols.subtract(PortSet.of(v.protocol));
    if (!otherProtocols.isEmpty()) left.push({ ...onTaken, protocols: otherProtocols });
    if (protocols.contains(v.protocol)) {
      const ports = (rule.destinationPorts ?? PortSet.all()).subtract(v.extport);
      if (!ports.isEmpty()) left.push({ ...onTaken, protocols: PortSet.of(v.protocol), destinationPorts: ports });
    }
  }
  out.push(...left);
  const crossing =
    v.protocol === undefined ||
    ((rule.protocols?.contains(v.protocol) ?? true) &&
      !(rule.destinationPorts ?? PortSet.all()).intersect(v.extport ?? PortSet.all()).isEmpty());
  if (v.extintf && !rule.fromZones && crossing) {
    // From another interface the VIP does not apply and the rule matches; from extintf it does not: not expressible.
    out.push({
      ...onTaken,
      ...(v.protocol !== undefined && v.extport
        ? {
            protocols: PortSet.of(v.protocol),
            destinationPorts: (rule.destinationPorts ?? PortSet.all()).intersect(v.extport),
          }
        : {}),
      opaque: [...(rule.opaque ?? []), `virtual IP "${v.name}" takes this traffic when it comes in on ${v.extintf}`],
    });
  }
  return out;
}

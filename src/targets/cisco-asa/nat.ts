import type { NatRule } from '../../model/nat.js';
import { parsePrefix, v4Netmask } from '../../net/prefixes.js';
import type { FirewallRuleset, NatContext } from '../../ruleset/firewall.js';

/**
 * ASA 8.3+ NAT: object NAT for static translations and port forwards (`nat (real,mapped) static …`), twice NAT for
 * a destination translation of every port and for source translations of a zone (`nat (real,mapped) source dynamic
 * …`). Since 8.3 the ACLs name the real addresses, which is what the access-list lines are written with.
 * Objects are named `fm_nat_<n>_…` after the translation's position in `firewalls[].nat`.
 */
export function asaNatLines(slice: FirewallRuleset): string[] {
  const ctx = slice.nat;
  if (!ctx) return [];
  const out = ['! NAT (ASA 8.3+): access lists above and below name the real addresses.'];
  for (const rule of ctx.rules) out.push(...natLines(ctx, rule));
  return out;
}

const nameif = (ctx: NatContext, zone: string): string => ctx.interfaces[zone] ?? zone;

const hostLine = (ip: string): string => ` host ${ip}`;

function subnetLine(cidr: string): string {
  const p = parsePrefix(cidr);
  if (!p) return ` subnet ${cidr}`;
  return p.family === 4 ? ` subnet ${p.network} ${v4Netmask(p.bits)}` : ` subnet ${p.network}/${p.bits}`;
}

function natLines(ctx: NatContext, rule: NatRule): string[] {
  const base = `fm_nat_${rule.index}`;
  if (rule.type === 'static') {
    const pair = `(${nameif(ctx, rule.privateZone)},${nameif(ctx, rule.publicZone)})`;
    return [`object network ${base}_real`, hostLine(rule.private), ` nat ${pair} static ${rule.public}`];
  }
  if (rule.type === 'destination') {
    const pair = `(${nameif(ctx, rule.toZone)},${nameif(ctx, rule.publicZone)})`;
    if (rule.protocol && rule.port !== undefined)
      return [
        `object network ${base}_real`,
        hostLine(rule.to),
        ` nat ${pair} static ${rule.public} service ${rule.protocol} ${rule.toPort ?? rule.port} ${rule.port}`,
      ];
    // Every port (or one protocol) of the public address to the inside host, inbound only: twice NAT.
    const service = rule.protocol ? ` service fm_nat_${rule.index}_svc fm_nat_${rule.index}_svc` : '';
    return [
      `object network ${base}_mapped`,
      hostLine(rule.public),
      `object network ${base}_real`,
      hostLine(rule.to),
      ...(rule.protocol ? [`object service ${base}_svc`, ` service ${rule.protocol}`] : []),
      `nat (${nameif(ctx, rule.publicZone)},${nameif(ctx, rule.toZone)}) source static any any destination static ${base}_mapped ${base}_real${service}`,
    ];
  }
  // Interface PAT and a mapped address translate one family: the zone's networks of that family (IPv4 for interface).
  const family = rule.family ?? 4;
  const all = ctx.zoneCidrs[rule.from] ?? [];
  const cidrs = all.filter((c) => (c.includes(':') ? 6 : 4) === family);
  const left = all.length - cidrs.length;
  const note =
    left > 0
      ? [`! nat[${rule.index}]: the IPv${family === 4 ? 6 : 4} networks of zone ${rule.from} are not translated`]
      : [];
  const pair = `(${nameif(ctx, rule.from)},${nameif(ctx, rule.to)})`;
  // A zone without networks names no source: nothing is translated rather than every source (`any`).
  if (cidrs.length === 0)
    return [`! nat[${rule.index}]: zone ${rule.from} lists no IPv${family} networks, nothing translated`];
  const real = `${base}_src`;
  const lines = [
    `object-group network ${base}_src`,
    ...cidrs.map((c) => ` network-object${subnetLine(c).replace(' subnet', '')}`),
  ];
  if (rule.address === undefined) return [...note, ...lines, `nat ${pair} source dynamic ${real} interface`];
  return [
    ...note,
    ...lines,
    `object network ${base}_mapped`,
    hostLine(rule.address),
    `nat ${pair} source dynamic ${real} ${base}_mapped`,
  ];
}

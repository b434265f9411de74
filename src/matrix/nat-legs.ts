import { singleIp } from '../catalog/site-nat.js';
import type { Address, Leg, MatrixRow, ServiceMatch } from '../model/matrix.js';
import type { LegNat, NatRule } from '../model/nat.js';

/** The translations each leg meets, from the firewalls' resolved translations (src/catalog/site-nat.ts). */
/**
 * The endpoint's one host address of `family`, when it has exactly one (a host with an IPv4 and an IPv6 address is
 * translated in IPv4 and routed as is in IPv6).
 */
const onlyIp = (addresses: readonly Address[], family: 4 | 6): string | undefined => {
  let found: string | undefined;
  for (const a of addresses) {
    if (a.kind !== 'cidr' || a.family !== family) continue;
    if (found !== undefined) return undefined;
    found = singleIp(a.value)?.ip;
    if (found === undefined) return undefined;
  }
  return found;
};

/** Does a destination translation take some of the leg's services? (All of them when it names no protocol.) */
function takes(r: NatRule & { type: 'destination' }, services: readonly ServiceMatch[]): boolean {
  if (r.protocol === undefined) return true;
  const inside = r.toPort ?? r.port;
  return services.some(
    (s) =>
      s.protocol === r.protocol && (inside === undefined || s.ports.some((p) => p.from <= inside && inside <= p.to)),
  );
}

/** The translations one leg meets, hop by hop: at most one for the destination and one for the source. */
export function legNat(leg: Leg, byFirewall: ReadonlyMap<string, readonly NatRule[]>): LegNat[] {
  const found: LegNat[] = [];
  const dstIp = { 4: onlyIp(leg.destination.addresses, 4), 6: onlyIp(leg.destination.addresses, 6) };
  const srcIp = { 4: onlyIp(leg.source.addresses, 4), 6: onlyIp(leg.source.addresses, 6) };
  let dstDone = false;
  let srcDone = false;
  leg.hops.forEach((hop, h) => {
    const rules = byFirewall.get(hop.firewall);
    if (!rules) return;
    if (!dstDone) {
      const r = rules.find(
        (x) =>
          x.type !== 'source' &&
          hop.fromZone === x.publicZone &&
          (x.type === 'static' ? x.private === dstIp[x.family] : x.to === dstIp[x.family] && takes(x, leg.services)),
      );
      if (r && r.type !== 'source') {
        dstDone = true;
        const d =
          r.type === 'static'
            ? { before: r.public, after: r.private }
            : {
                before: r.public,
                after: r.to,
                ...(r.protocol ? { protocol: r.protocol } : {}),
                ...(r.port !== undefined ? { portBefore: r.port, portAfter: r.toPort ?? r.port } : {}),
              };
        found.push({ firewall: hop.firewall, hop: h, rule: r.index, type: r.type, destination: d });
      }
    }
    if (!srcDone) {
      const r = rules.find((x) =>
        x.type === 'static'
          ? srcIp[x.family] === x.private && hop.toZone === x.publicZone
          : x.type === 'source' && hop.fromZone === x.from && hop.toZone === x.to,
      );
      if (r && r.type !== 'destination') {
        srcDone = true;
        const after = r.type === 'static' ? r.public : r.address;
        found.push({
          firewall: hop.firewall,
          hop: h,
          rule: r.index,
          type: r.type,
          source: { ...(after !== undefined ? { after } : { masquerade: true as const }), zone: hop.toZone },
        });
      }
    }
  });
  return found;
}

/** Sets `nat` on every leg that meets a translation (legs that meet none keep no key: documents stay the same). */
export function applyNat(rows: readonly MatrixRow[], byFirewall: ReadonlyMap<string, readonly NatRule[]>): void {
  if (byFirewall.size === 0) return;
  for (const row of rows)
    for (const leg of row.legs) {
      const nat = legNat(leg, byFirewall);
      if (nat.length > 0) (leg as { nat?: readonly LegNat[] }).nat = nat;
    }
}

/** True when some leg of the row meets a translation. */
export const rowHasNat = (row: MatrixRow): boolean => row.legs.some((l) => l.nat !== undefined);

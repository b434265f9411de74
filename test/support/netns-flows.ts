import ipaddr from 'ipaddr.js';
import type { Address, Matrix, ServiceMatch } from '../../src/model/matrix.js';
import { LAB_INTERFACES, type LabAddresses, type Probe } from './netns.js';

/**
 * An oracle independent of the targets: does the matrix (not the generated text) allow this packet through
 * `firewall`, entering on the client side? Containment by ipaddr.js. Only addresses a Linux firewall can hold
 * (CIDR, any) count: names are reported as findings, never opened.
 */
export interface ExpectedProbe extends Probe {
  readonly expected: boolean;
  readonly why: string;
}

export const contains = (addresses: readonly Address[], ip: string): boolean => {
  const parsed = ipaddr.parse(ip);
  return addresses.some((a) => {
    if (a.kind === 'any') return true;
    if (a.kind !== 'cidr') return false;
    const [net, bits] = ipaddr.parseCIDR(a.value);
    return net.kind() === parsed.kind() && parsed.match(net, bits);
  });
};

export const serves = (s: ServiceMatch, p: Probe): boolean => {
  if (p.proto === 'icmp') {
    // Echo is echo in either family: a matrix service `icmp/8` (or `icmpv6/128`) means ping over IPv4 and IPv6
    // alike, and the probe's ends hold addresses of its family (the targets open the family both ends have).
    const echo = (s.protocol === 'icmp' && s.icmpType === 8) || (s.protocol === 'icmpv6' && s.icmpType === 128);
    const anyType = (s.protocol === 'icmp' || s.protocol === 'icmpv6') && s.icmpType === undefined;
    return s.protocol === 'ip' || echo || anyType;
  }
  if (s.protocol === 'ip') return true;
  return s.protocol === p.proto && s.ports.some((r) => r.from <= p.port && p.port <= r.to);
};

/** A site interface (`eth1`, or a prefix `vlan1*`) against the real interface a packet crosses. */
const entersBy = (site: string | undefined, actual: string): boolean =>
  site === undefined || site === actual || (site.endsWith('*') && actual.startsWith(site.slice(0, -1)));

/** `through`: the firewall interfaces the probe enters and leaves by (default: the three-namespace lab's). */
export function allowedByMatrix(
  matrix: Matrix,
  firewall: string,
  p: Probe,
  through: { readonly client: string; readonly server: string } = LAB_INTERFACES,
): boolean {
  return matrix.rows.some(
    (row) =>
      row.kind === 'network' &&
      row.legs.some((leg) =>
        leg.hops.some(
          (hop) =>
            hop.firewall === firewall &&
            entersBy(hop.fromInterface, through.client) &&
            entersBy(hop.toInterface, through.server) &&
            contains(leg.source.addresses, p.src) &&
            contains(leg.destination.addresses, p.dst) &&
            leg.services.some((s) => serves(s, p)),
        ),
      ),
  );
}

/**
 * Probes for every leg crossing `firewall`: each service's first and last port from a client address the source
 * holds to each server address the destination holds, then near misses (port just outside, the other transport
 * protocol, a client address outside the source). Expectations come from the oracle.
 */
export function probesFor(matrix: Matrix, firewall: string, lab: LabAddresses): ExpectedProbe[] {
  const clients = [...lab.clientV4, ...lab.clientV6];
  const servers = [...lab.serverV4, ...lab.serverV6];
  const out = new Map<string, ExpectedProbe>();
  const add = (p: Probe, why: string) => {
    const key = `${p.proto} ${p.src} ${p.dst} ${p.port}`;
    if (!out.has(key)) out.set(key, { ...p, expected: allowedByMatrix(matrix, firewall, p), why });
  };
  for (const row of matrix.rows) {
    for (const leg of row.legs) {
      if (!leg.hops.some((h) => h.firewall === firewall)) continue;
      const sameFamily = (a: string, b: string) => a.includes(':') === b.includes(':');
      const srcs = clients.filter((c) => contains(leg.source.addresses, c));
      const strangers = clients.filter((c) => !contains(leg.source.addresses, c));
      const dsts = servers.filter((s) => contains(leg.destination.addresses, s));
      for (const dst of dsts) {
        const src = srcs.find((s) => sameFamily(s, dst));
        const stranger = strangers.find((s) => sameFamily(s, dst));
        for (const s of leg.services) {
          const ports = s.protocol === 'icmp' || s.protocol === 'icmpv6' ? [0] : s.ports.flatMap((r) => [r.from, r.to]);
          const proto = s.protocol === 'icmpv6' ? 'icmp' : s.protocol;
          if (proto !== 'tcp' && proto !== 'udp' && proto !== 'icmp') continue;
          for (const port of ports) {
            if (src) add({ proto, src, dst, port }, `${row.flow} ${s.name}`);
            if (stranger) add({ proto, src: stranger, dst, port }, `${row.flow} wrong source`);
            if (!src || proto === 'icmp') continue;
            const other = proto === 'tcp' ? 'udp' : 'tcp';
            add({ proto: other, src, dst, port }, `${row.flow} wrong protocol`);
            if (port < 65535) add({ proto, src, dst, port: port + 1 }, `${row.flow} port + 1`);
            if (port > 1) add({ proto, src, dst, port: port - 1 }, `${row.flow} port - 1`);
          }
        }
      }
    }
  }
  return [...out.values()];
}

export const listenPorts = (probes: readonly Probe[]) => ({
  tcp: [...new Set(probes.filter((p) => p.proto === 'tcp').map((p) => p.port))],
  udp: [...new Set(probes.filter((p) => p.proto === 'udp').map((p) => p.port))],
});

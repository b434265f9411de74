import type { Leg, MatrixRow } from '../model/matrix.js';
import type { LegNat } from '../model/nat.js';
import type { Lang } from '../model/text.js';
import type { Column, Line } from './columns.js';
import { address } from './format.js';

/**
 * Addresses before and after translation, for sites that declare NAT (`firewalls[].nat`): what the client puts in
 * its packets and what the server receives. Five columns after the matrix's own (and its metadata), present only
 * when some row meets a translation: a site without NAT gives the same document as before, byte for byte.
 */
const natOf = (row: MatrixRow): { leg: Leg; nat: LegNat }[] =>
  row.legs.flatMap((leg) => (leg.nat ?? []).map((nat) => ({ leg, nat })));

const TYPE: Record<LegNat['type'], Record<Lang, string>> = {
  static: { fr: 'statique', en: 'static' },
  destination: { fr: 'destination', en: 'destination' },
  source: { fr: 'source', en: 'source' },
};

/** A destination translation applies to a line when the line's protocol and port are the forwarded ones. */
function appliesTo(nat: LegNat, line: Line): boolean {
  const d = nat.destination;
  if (!d?.protocol) return true;
  const s = line.service;
  if (!s || s.protocol !== d.protocol) return false;
  const port = d.portAfter;
  return port === undefined || line.range === undefined || (line.range.from <= port && port <= line.range.to);
}

const withPort = (ip: string, protocol: string | undefined, port: number | undefined): string =>
  port === undefined ? ip : `${ip} ${protocol}/${port}`;

const hosts = (leg: Leg): string => leg.source.addresses.map(address).join(', ');

const cells = (line: Line, pick: (n: { leg: Leg; nat: LegNat }) => string | undefined): string =>
  natOf(line.row)
    .filter((n) => appliesTo(n.nat, line))
    .map(pick)
    .filter((v): v is string => v !== undefined && v !== '')
    .join('; ');

const masquerade = (nat: LegNat, lang: Lang): string =>
  lang === 'fr'
    ? `masquerade (adresse de ${nat.firewall} côté ${nat.source?.zone})`
    : `masquerade (${nat.firewall}'s ${nat.source?.zone} address)`;

export const NAT_COLUMNS: readonly Column[] = [
  {
    id: 'nat',
    label: { fr: 'NAT', en: 'NAT' },
    width: 22,
    perLine: true,
    value: (line, lang) => cells(line, ({ nat }) => `${nat.firewall}: ${TYPE[nat.type][lang]}`),
  },
  {
    id: 'source_before_nat',
    label: { fr: 'Source avant NAT', en: 'Source before NAT' },
    width: 24,
    value: (line) => cells(line, ({ leg, nat }) => (nat.source ? hosts(leg) : undefined)),
  },
  {
    id: 'source_after_nat',
    label: { fr: 'Source après NAT', en: 'Source after NAT' },
    width: 24,
    value: (line, lang) =>
      cells(line, ({ nat }) => (nat.source ? (nat.source.after ?? masquerade(nat, lang)) : undefined)),
  },
  {
    id: 'destination_before_nat',
    label: { fr: 'Destination avant NAT', en: 'Destination before NAT' },
    width: 24,
    perLine: true,
    value: (line) => cells(line, ({ nat: { destination: d } }) => d && withPort(d.before, d.protocol, d.portBefore)),
  },
  {
    id: 'destination_after_nat',
    label: { fr: 'Destination après NAT', en: 'Destination after NAT' },
    width: 24,
    perLine: true,
    value: (line) => cells(line, ({ nat: { destination: d } }) => d && withPort(d.after, d.protocol, d.portAfter)),
  },
];

/** `columns` with the NAT columns after the matrix's own and its metadata (before findings, verdicts, probes). */
export function withNatColumns(columns: readonly Column[], rows: readonly MatrixRow[]): readonly Column[] {
  if (!rows.some((r) => r.legs.some((l) => l.nat !== undefined))) return columns;
  const expires = columns.findIndex((c) => c.id === 'expires');
  const at = (expires >= 0 ? expires : columns.findIndex((c) => c.id === 'finding_count')) + 1;
  return [...columns.slice(0, at), ...NAT_COLUMNS, ...columns.slice(at)];
}

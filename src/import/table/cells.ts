import type { Auth, Encryption } from '../../model/catalog.js';
import {
  AUTH_MECHANISMS,
  type AuthMechanism,
  BY_DEFAULT,
  BY_DEFAULT_LABELS,
  DIRECTION_LABELS,
  ENCRYPTION_MECHANISMS,
  type EncryptionMechanism,
  PORTED_PROTOCOLS,
  PROTOCOLS,
  type Protocol,
  REQUIREMENT_LABELS,
  type RequirementLevel,
  TLS_VERSIONS,
  TRAFFIC_DIRECTIONS,
  type TrafficDirection,
} from '../../model/vocab.js';
import { formatPortRanges, parseAddress, parsePortList } from '../../net/index.js';
import type { NetAddress } from '../../net/types.js';
import { normal } from './headers.js';

/** A cell read, or why it cannot be: `message — hint`. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string; hint: string };
const fail = <T>(message: string, hint: string): Read<T> => ({ ok: false, message, hint });
const good = <T>(value: T): Read<T> => ({ ok: true, value });

/** A source or destination cell: a title when one is written, addresses, and names without a dot (host names). */
export interface Endpoint {
  readonly title?: string;
  /** Addresses as the catalog writes them (CIDR normalised, names lowercase). */
  readonly addresses: readonly string[];
  /** Bare host names (`SRV-SQL01`): hosts of the site whose address the sheet does not give. */
  readonly hosts: readonly string[];
}

const SPLIT = /\s*(?:[,;\n\r]|\s(?:et|and|ou|or)\s)\s*/i;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/i;

const address = (a: NetAddress): string => (a.kind === 'any' ? 'any' : a.value);

/**
 * `10.0.0.1, srv-app01.corp.example, 192.0.2.0/24`, `any`, `SRV-SQL01`, and the matrix Flowmatrix writes:
 * `Hamilton WEB/API server (172.16.50.10, 2001:db8:50::10)`. Every item must read; none is skipped.
 */
export function readEndpoint(cell: string): Read<Endpoint> {
  const text = cell.trim();
  if (text === '') return fail('empty', 'write an address, a host name, a CIDR or "any"');
  const titled = /^(.*\S)\s*\(([^()]*)\)$/s.exec(text);
  if (titled) {
    const inner = readItems(titled[2] as string);
    if (inner.ok) return good({ title: (titled[1] as string).trim(), ...inner.value });
  }
  const items = readItems(text);
  return items.ok ? good(items.value) : items;
}

function readItems(text: string): Read<Omit<Endpoint, 'title'>> {
  const addresses: string[] = [];
  const hosts: string[] = [];
  const bad: string[] = [];
  for (const raw of text.split(SPLIT)) {
    const item = raw.trim();
    if (item === '') continue;
    const parsed = parseAddress(item);
    if (parsed.ok) addresses.push(address(parsed.value));
    else if (HOST_LABEL.test(item) && !/^\d+$/.test(item)) hosts.push(item);
    else bad.push(`"${item}"${parsed.ok ? '' : ` (${parsed.message})`}`);
  }
  if (bad.length > 0)
    return fail(
      `${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} not an address, a host name, a CIDR or "any"`,
      'one item per line or separated by commas: 10.0.0.1, srv01.corp.example, 192.0.2.0/24',
    );
  if (addresses.length + hosts.length === 0)
    return fail('no address', 'write an address, a host name, a CIDR or "any"');
  return good({ addresses, hosts });
}

/** What a protocol and a ports cell say, as catalog port specs (`tcp/443`, `udp/50000-59999`, `icmp/8`, `ip`). */
export interface Services {
  readonly specs: readonly string[];
  /** The cell offered alternatives ("443 ou 49443"): every one is opened, and the catalog says so. */
  readonly alternatives?: string;
}

const PROTOCOL_WORD = /\b(tcp|udp|sctp|icmpv6|icmp|esp|gre|ah|ip)\b/gi;
const ANY = /^(any|all|tous|toutes|tout|\*)$/i;
const ALTERNATIVE = /\s(ou|or)\s/i;

/**
 * `TCP/UDP 53`, `tcp/443`, `443 ou 49443`, `443 or 49443`, `50 000-59 999` (spaces, NBSP and U+202F between
 * thousands), `80, 443`, `any`, with the protocol in its own cell or in the ports cell. A cell that names no
 * protocol, or a port that is not one, is an error: nothing is opened on a guess.
 */
export function readServices(protocolCell: string, portsCell: string): Read<Services> {
  const protoText = protocolCell.trim();
  const portsText = portsCell.trim();
  if (protoText === '' && portsText === '') return good({ specs: [] });
  const fromProtocolCell = protocols(protoText);
  if (protoText !== '' && fromProtocolCell.length === 0 && !ANY.test(protoText))
    return fail(`"${protoText}" is not a protocol`, `one of ${PROTOCOLS.join(', ')}, or TCP/UDP`);
  // Protocols written in the ports cell (`TCP/UDP 53`, `TCP 443, UDP 3478`) govern the ports after them.
  const groups: { protos: Protocol[]; ports: string }[] = [];
  let lastEnd = 0;
  let current: Protocol[] = fromProtocolCell;
  const matches = [
    ...portsText.matchAll(/((?:\b(?:tcp|udp|sctp|icmpv6|icmp|esp|gre|ah|ip)\b\s*(?:[/+&]|et|and|,)?\s*)+)/gi),
  ];
  for (const m of matches) {
    const before = portsText.slice(lastEnd, m.index);
    if (before.trim() !== '') groups.push({ protos: current, ports: before });
    current = protocols(m[0]);
    lastEnd = (m.index as number) + m[0].length;
  }
  groups.push({ protos: current, ports: portsText.slice(lastEnd) });
  const specs: string[] = [];
  for (const g of groups) {
    const ports = g.ports.replace(/^[\s/:,]+|[\s,;]+$/g, '');
    if (g.protos.length === 0) {
      if (ANY.test(protoText) && ports === '') {
        specs.push('ip');
        continue;
      }
      return fail(
        `no protocol for "${portsText}"`,
        'write it in the protocol column (TCP, UDP, TCP/UDP) or before the port: "TCP 443"',
      );
    }
    for (const p of g.protos) {
      const spec = spec1(p, ports);
      if (!spec.ok) return spec;
      specs.push(spec.value);
    }
  }
  const alternatives = ALTERNATIVE.test(portsText) ? portsText : undefined;
  return good({ specs: [...new Set(specs)], ...(alternatives ? { alternatives } : {}) });
}

function protocols(text: string): Protocol[] {
  return [...new Set([...text.matchAll(PROTOCOL_WORD)].map((m) => (m[1] as string).toLowerCase() as Protocol))];
}

function spec1(protocol: Protocol, ports: string): Read<string> {
  if (!PORTED_PROTOCOLS.has(protocol)) {
    if (ports === '') return good(protocol);
    if ((protocol === 'icmp' || protocol === 'icmpv6') && /^\d{1,3}$/.test(ports) && Number(ports) <= 255)
      return good(`${protocol}/${ports}`);
    return fail(
      `"${ports}" after ${protocol.toUpperCase()}`,
      `${protocol} has no ports; an ICMP type is a number 0-255`,
    );
  }
  if (ports === '')
    return fail(`${protocol.toUpperCase()} without a port`, 'write the port (443), a range (50000-59999) or "any"');
  if (ANY.test(ports)) return good(`${protocol}/any`);
  const list = parsePortList(ports.replace(/\s(?:ou|or|et|and)\s|\//gi, ','));
  if (!list.ok) return fail(list.message, list.hint ?? 'ports are numbers 1 to 65535');
  return good(`${protocol}/${formatPortRanges(list.value)}`);
}

/** Matches a cell against ids and French and English labels, accents and case aside. */
function vocabulary<T extends string>(ids: readonly T[], labels: Partial<Record<T, { fr: string; en: string }>>) {
  const table = new Map<string, T>();
  for (const id of ids) {
    table.set(normal(id), id);
    const l = labels[id];
    if (l) {
      table.set(normal(l.fr), id);
      table.set(normal(l.en), id);
    }
  }
  return (text: string): T | undefined => table.get(normal(text));
}

const LEVEL = vocabulary<RequirementLevel>(['mandatory', 'recommended', 'optional'], REQUIREMENT_LABELS);
const LEVEL_WORDS: Record<string, RequirementLevel> = {
  oui: 'mandatory',
  yes: 'mandatory',
  requis: 'mandatory',
  required: 'mandatory',
  facultatif: 'optional',
  non: 'optional',
  no: 'optional',
};
export function readLevel(cell: string): Read<RequirementLevel> {
  const v = LEVEL(cell) ?? LEVEL_WORDS[normal(cell)];
  return v
    ? good(v)
    : fail(
        `"${cell}" is not a requirement level`,
        'Obligatoire/Mandatory, Recommandé/Recommended or Optionnel/Optional',
      );
}

const DIRECTION = vocabulary<TrafficDirection>(TRAFFIC_DIRECTIONS, DIRECTION_LABELS);
const DIRECTION_WORDS: Record<string, TrafficDirection> = {
  in: 'inbound',
  out: 'outbound',
  entree: 'inbound',
  sortie: 'outbound',
  ingress: 'inbound',
  egress: 'outbound',
};
export function readDirection(cell: string): Read<TrafficDirection> {
  const v = DIRECTION(cell) ?? DIRECTION_WORDS[normal(cell)];
  return v
    ? good(v)
    : fail(`"${cell}" is not a direction`, 'Entrant/Inbound, Sortant/Outbound, Interne/Internal or Utilisateur/User');
}

const AUTH = vocabulary<AuthMechanism>(Object.keys(AUTH_MECHANISMS) as AuthMechanism[], AUTH_MECHANISMS);
const LIST = /\s*(?:[,;/+\n]|\s(?:et|and|ou|or)\s)\s*/i;

/**
 * Labels that hold a list separator themselves ("Negotiate (Kerberos or NTLM)") replaced by their id before the
 * cell is split, longest first.
 */
function labelsToIds(cell: string, labels: Readonly<Record<string, { fr: string; en: string }>>): string {
  const pairs = Object.entries(labels)
    .flatMap(([id, l]) => [
      [l.fr, id],
      [l.en, id],
    ])
    .filter(([label]) => /[,;/+()]|\s(?:et|and|ou|or)\s/i.test(label as string))
    .sort((a, b) => (b[0] as string).length - (a[0] as string).length);
  let out = cell;
  for (const [label, id] of pairs)
    out = out.replace(new RegExp((label as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), id as string);
  return out;
}

export function readAuth(cell: string): Read<AuthMechanism[]> {
  const out: AuthMechanism[] = [];
  for (const item of labelsToIds(cell, AUTH_MECHANISMS)
    .split(LIST)
    .filter((s) => s.trim() !== '')) {
    const v = AUTH(item);
    if (!v)
      return fail(
        `"${item}" is not an authentication mechanism`,
        `one of ${Object.keys(AUTH_MECHANISMS).join(', ')} (or its label)`,
      );
    out.push(v);
  }
  return good([...new Set(out)]);
}

const ENC = vocabulary<EncryptionMechanism>(
  Object.keys(ENCRYPTION_MECHANISMS) as EncryptionMechanism[],
  ENCRYPTION_MECHANISMS,
);
const CLEAR = /^(none|aucun|aucune|clair|en clair|cleartext|none cleartext|aucun en clair|non chiffre)$/;
/** `TLS, IPsec`, `TLS (TLS ≥ 1.2)`, `TLS 1.2`, `None (cleartext)` / `Aucun (en clair)`. */
export function readEncryption(cell: string): Read<Pick<Encryption, 'supported' | 'minTls'>> {
  const n = normal(cell);
  if (CLEAR.test(n)) return good({ supported: [] });
  const min = /(?:tls\s*(?:≥|>=|v)?\s*)(1\.[0-3])/i.exec(cell);
  const minTls =
    min && (TLS_VERSIONS as readonly string[]).includes(min[1] as string)
      ? (min[1] as Encryption['minTls'])
      : undefined;
  const rest = labelsToIds(cell, ENCRYPTION_MECHANISMS)
    .replace(/\((?:TLS\s*)?(?:≥|>=)\s*1\.[0-3]\)/i, '')
    .replace(/(tls)\s*(?:v)?1\.[0-3]/gi, '$1');
  const out: EncryptionMechanism[] = [];
  for (const item of rest.split(LIST).filter((s) => s.trim() !== '')) {
    const v = ENC(item);
    if (!v)
      return fail(
        `"${item.trim()}" is not an encryption mechanism`,
        `one of ${Object.keys(ENCRYPTION_MECHANISMS).join(', ')}, or "none"`,
      );
    out.push(v);
  }
  return good({ supported: [...new Set(out)], ...(minTls ? { minTls } : {}) });
}

const BYDEFAULT = vocabulary(BY_DEFAULT, BY_DEFAULT_LABELS);
export function readByDefault(cell: string): Read<Encryption['byDefault']> {
  const v = BYDEFAULT(cell);
  return v
    ? good(v)
    : fail(
        `"${cell}" is not yes, no, partial or unknown`,
        'Oui/Yes, Non/No, Partiel/Partial or Non documenté/Not documented',
      );
}

export type { Auth };

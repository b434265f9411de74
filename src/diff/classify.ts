import type { Auth, Encryption } from '../model/catalog.js';
import { type MatrixRow, proxyLabel } from '../model/matrix.js';
import { frenchSpaces, type Text } from '../model/text.js';
import { TLS_VERSIONS } from '../model/vocab.js';
import { addressDelta, addressesText, serviceDelta, servicesText } from './sets.js';
import { CHANGE_CLASSES, type ChangeClass, type DiffField, type FieldChange, type FieldValue } from './types.js';

/** Authentication mechanisms that prove little: a default that gains one of them is a weakening. */
const WEAK_AUTH: ReadonlySet<string> = new Set(['none', 'anonymous', 'basic', 'digest', 'ntlm', 'ip-address']);
const BY_DEFAULT_RANK: Readonly<Record<string, number>> = { yes: 3, partial: 2, unknown: 1, no: 0 };

export const zonesText = (r: MatrixRow): string => `${r.zoneFrom || '—'} → ${r.zoneTo || '—'}`;

/** Firewalls crossed, leg by leg, with the zones on each side: `fw1 (lan → dmz)`. */
export const firewallsText = (r: MatrixRow): string =>
  r.legs.map((leg) => leg.hops.map((h) => `${h.firewall} (${h.fromZone} → ${h.toZone})`).join(', ') || '—').join(' | ');

export const authText = (a: Auth | undefined): string =>
  a ? `${a.default.join(', ') || '—'} (supported: ${a.supported.join(', ') || '—'})` : '';
export const encryptionText = (e: Encryption | undefined): string =>
  e ? `${e.supported.join(', ') || 'cleartext'} (by default: ${e.byDefault})` : '';
const text = (t: Text | undefined): FieldValue => t ?? '';
const sameText = (a: FieldValue, b: FieldValue): boolean =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.fr === b.fr && a.en === b.en;

const because = (fr: string, en: string): Text => ({ fr: frenchSpaces(fr), en });

function authWeakening(a: Auth | undefined, b: Auth | undefined): Text | undefined {
  if (a && !b) return because('l’authentification n’est plus documentée', 'authentication no longer documented');
  if (!a || !b) return undefined;
  const gained = b.default.filter((m) => WEAK_AUTH.has(m) && !a.default.includes(m));
  if (gained.length > 0)
    return because(
      `mécanisme faible par défaut : ${gained.join(', ')}`,
      `weak default mechanism: ${gained.join(', ')}`,
    );
  if (a.default.length > 0 && b.default.length === 0)
    return because('plus d’authentification par défaut', 'no default authentication any more');
  return undefined;
}

function encryptionWeakening(a: Encryption | undefined, b: Encryption | undefined): Text | undefined {
  if (a && !b) return because('le chiffrement n’est plus documenté', 'encryption no longer documented');
  if (!a || !b) return undefined;
  if (a.supported.length > 0 && b.supported.length === 0) return because('en clair', 'cleartext');
  if ((BY_DEFAULT_RANK[b.byDefault] ?? 0) < (BY_DEFAULT_RANK[a.byDefault] ?? 0))
    return because(
      `chiffré par défaut : ${a.byDefault} → ${b.byDefault}`,
      `encrypted by default: ${a.byDefault} → ${b.byDefault}`,
    );
  const lost = a.supported.filter((m) => !b.supported.includes(m));
  if (lost.length > 0 && b.supported.every((m) => a.supported.includes(m)))
    return because(`mécanisme retiré : ${lost.join(', ')}`, `mechanism removed: ${lost.join(', ')}`);
  return undefined;
}

function tlsWeakening(a: string | undefined, b: string | undefined): Text | undefined {
  if (a === undefined) return undefined;
  if (b === undefined) return because(`plus de TLS minimum (était ${a})`, `no TLS minimum any more (was ${a})`);
  const rank = (v: string) => TLS_VERSIONS.indexOf(v as (typeof TLS_VERSIONS)[number]);
  return rank(b) < rank(a) ? because(`TLS minimum abaissé à ${b}`, `TLS minimum lowered to ${b}`) : undefined;
}

/** Each field a row shows, read as its value (used for both sides, and for the one side of an opened or closed row). */
const FIELD_VALUES: readonly (readonly [DiffField, (r: MatrixRow) => FieldValue])[] = [
  ['source', (r) => addressesText(r.source)],
  ['destination', (r) => addressesText(r.destination)],
  ['services', (r) => servicesText(r.services)],
  ['zones', zonesText],
  ['firewalls', firewallsText],
  ['auth', (r) => authText(r.auth)],
  ['encryption', (r) => encryptionText(r.encryption)],
  ['minTls', (r) => r.encryption?.minTls ?? ''],
  ['purpose', (r) => r.purpose],
  ['label', (r) => text(r.label)],
  ['ref', (r) => r.ref],
  ['level', (r) => r.level],
  ['when', (r) => r.when ?? ''],
  ['kind', (r) => r.kind],
  ['direction', (r) => r.direction ?? ''],
  ['app', (r) => r.app ?? ''],
  ['proxy', proxyLabel],
  ['notes', (r) => text(r.notes)],
  ['justification', (r) => r.justification ?? ''],
  ['origin', (r) => (r.origin ? JSON.stringify(r.origin) : '')],
];

/** The cheap comparisons that settle most fields of an unchanged row without building its text. */
function rawEqual(field: DiffField, a: MatrixRow, b: MatrixRow): boolean {
  switch (field) {
    case 'zones':
      return a.zoneFrom === b.zoneFrom && a.zoneTo === b.zoneTo;
    case 'purpose':
      return a.purpose.fr === b.purpose.fr && a.purpose.en === b.purpose.en;
    case 'ref':
    case 'level':
    case 'when':
    case 'kind':
    case 'direction':
    case 'app':
    case 'justification':
      return a[field] === b[field];
    case 'label':
    case 'notes':
      return a[field] === b[field] || (a[field]?.fr === b[field]?.fr && a[field]?.en === b[field]?.en);
    case 'proxy':
      return a.proxy === b.proxy || (!a.proxy && !b.proxy);
    case 'minTls':
      return a.encryption?.minTls === b.encryption?.minTls;
    default:
      return false;
  }
}

export function rowFields(r: MatrixRow): [DiffField, FieldValue][] {
  return FIELD_VALUES.map(([field, value]) => [field, value(r)]);
}

const FIELD_CLASS: Readonly<Partial<Record<DiffField, ChangeClass>>> = {
  zones: 'moved',
  firewalls: 'moved',
  auth: 'security',
  encryption: 'security',
  minTls: 'security',
};

/** The changes of one row between two versions: every differing field and the classes they make. */
export function compareRows(before: MatrixRow, after: MatrixRow): { classes: ChangeClass[]; fields: FieldChange[] } {
  const classes = new Set<ChangeClass>();
  const fields: FieldChange[] = [];
  for (const [field, value] of FIELD_VALUES) {
    if (rawEqual(field, before, after)) continue;
    const was = value(before);
    const now = value(after);
    if (sameText(was, now)) continue;
    if (field === 'source' || field === 'destination' || field === 'services') {
      const delta =
        field === 'services'
          ? serviceDelta(before.services, after.services)
          : addressDelta(before[field].addresses, after[field].addresses);
      if (delta.added) classes.add('widened');
      if (delta.removed) classes.add('narrowed');
      // Same addresses written otherwise (a /24 as two /25): only the words changed.
      if (!delta.added && !delta.removed) classes.add('text');
      fields.push({
        field,
        before: was,
        after: now,
        ...optional('added', delta.added),
        ...optional('removed', delta.removed),
      });
      continue;
    }
    const weakening =
      field === 'auth'
        ? authWeakening(before.auth, after.auth)
        : field === 'encryption'
          ? encryptionWeakening(before.encryption, after.encryption)
          : field === 'minTls'
            ? tlsWeakening(before.encryption?.minTls, after.encryption?.minTls)
            : undefined;
    classes.add(
      weakening ? 'weakened' : field === 'proxy' ? proxyClass(before, after) : (FIELD_CLASS[field] ?? 'text'),
    );
    fields.push({ field, before: was, after: now, ...(weakening ? { weakening } : {}) });
  }
  return { classes: CHANGE_CLASSES.filter((c) => classes.has(c)), fields };
}

/**
 * A proxy's way out opened by port is wider than by name (the firewalls on it let the proxy reach every address of
 * the zone on the row's ports): declaring it widens the row's rules, withdrawing it narrows them.
 */
function proxyClass(before: MatrixRow, after: MatrixRow): ChangeClass {
  const was = before.proxy?.egress === 'by-port';
  const now = after.proxy?.egress === 'by-port';
  return was === now ? 'text' : now ? 'widened' : 'narrowed';
}

const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

const sameTextOf = (a: Text | undefined, b: Text | undefined): boolean =>
  a === b || (a?.fr === b?.fr && a?.en === b?.en);

function sameAddresses(a: MatrixRow['source'], b: MatrixRow['source']): boolean {
  if (a === b) return true;
  const x = a.addresses;
  const y = b.addresses;
  if (x.length === y.length) {
    let same = true;
    for (let i = 0; i < x.length && same; i++) {
      const p = x[i] as (typeof x)[number];
      const q = y[i] as (typeof y)[number];
      same = p.kind === q.kind && ('value' in p ? 'value' in q && p.value === q.value : p.kind === 'any');
    }
    if (same) return true;
  }
  return addressesText(a) === addressesText(b);
}

function sameServices(x: MatrixRow['services'], y: MatrixRow['services']): boolean {
  if (x === y) return true;
  if (x.length === y.length) {
    let same = true;
    for (let i = 0; i < x.length && same; i++) {
      const p = x[i] as (typeof x)[number];
      const q = y[i] as (typeof y)[number];
      same = p.protocol === q.protocol && p.icmpType === q.icmpType && p.ports.length === q.ports.length;
      for (let k = 0; k < p.ports.length && same; k++)
        same = p.ports[k]?.from === q.ports[k]?.from && p.ports[k]?.to === q.ports[k]?.to;
    }
    if (same) return true;
  }
  return servicesText(x) === servicesText(y);
}

function sameLegs(x: MatrixRow['legs'], y: MatrixRow['legs']): boolean {
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = (x[i] as (typeof x)[number]).hops;
    const q = (y[i] as (typeof y)[number]).hops;
    if (p.length !== q.length) return false;
    for (let k = 0; k < p.length; k++) {
      const h = p[k] as (typeof p)[number];
      const j = q[k] as (typeof q)[number];
      if (h.firewall !== j.firewall || h.fromZone !== j.fromZone || h.toZone !== j.toZone) return false;
    }
  }
  return true;
}

const sameStrings = (x: readonly string[], y: readonly string[]): boolean =>
  x === y || (x.length === y.length && x.every((v, i) => v === y[i]));

/** What `authText` shows (the note is not compared: the diff does not show it). */
const sameAuth = (a: Auth | undefined, b: Auth | undefined): boolean =>
  a === b ||
  (a !== undefined && b !== undefined && sameStrings(a.default, b.default) && sameStrings(a.supported, b.supported));

/** What `encryptionText` shows, and the TLS minimum. */
const sameEncryption = (a: Encryption | undefined, b: Encryption | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.byDefault === b.byDefault &&
    a.minTls === b.minTls &&
    sameStrings(a.supported, b.supported));

/** Every fact's origin alike, both ways (absent and undefined are the same, as in the JSON the diff shows). */
function sameOrigin(a: MatrixRow['origin'], b: MatrixRow['origin']): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const same = (k: string) => {
    const t = a[k as keyof typeof a];
    const u = b[k as keyof typeof b];
    return t?.fr === u?.fr && t?.en === u?.en;
  };
  return Object.keys(a).every(same) && Object.keys(b).every(same);
}

/**
 * Whether two rows show the same thing, by direct comparisons only (no text built for an unchanged row): most rows
 * of two versions are unchanged, and this is what a 100k-row diff spends its time on.
 */
export function sameRow(a: MatrixRow, b: MatrixRow): boolean {
  return (
    a.zoneFrom === b.zoneFrom &&
    a.zoneTo === b.zoneTo &&
    a.ref === b.ref &&
    a.level === b.level &&
    a.when === b.when &&
    a.kind === b.kind &&
    a.direction === b.direction &&
    a.app === b.app &&
    a.justification === b.justification &&
    sameTextOf(a.purpose, b.purpose) &&
    sameTextOf(a.label, b.label) &&
    sameTextOf(a.notes, b.notes) &&
    sameAddresses(a.source, b.source) &&
    sameAddresses(a.destination, b.destination) &&
    sameServices(a.services, b.services) &&
    sameLegs(a.legs, b.legs) &&
    sameAuth(a.auth, b.auth) &&
    sameEncryption(a.encryption, b.encryption) &&
    (a.proxy === b.proxy ||
      (a.proxy !== undefined &&
        b.proxy !== undefined &&
        a.proxy.name === b.proxy.name &&
        a.proxy.host === b.proxy.host &&
        a.proxy.port === b.proxy.port &&
        a.proxy.egress === b.proxy.egress)) &&
    sameOrigin(a.origin, b.origin)
  );
}

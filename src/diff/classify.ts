import type { Auth, Encryption } from '../model/catalog.js';
import type { MatrixRow } from '../model/matrix.js';
import type { Text } from '../model/text.js';
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

const because = (fr: string, en: string): Text => ({ fr, en });

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

/** Every field a row shows, as its value (used for the one side of an opened or closed row). */
export function rowFields(r: MatrixRow): [DiffField, FieldValue][] {
  return [
    ['source', addressesText(r.source)],
    ['destination', addressesText(r.destination)],
    ['services', servicesText(r.services)],
    ['zones', zonesText(r)],
    ['firewalls', firewallsText(r)],
    ['auth', authText(r.auth)],
    ['encryption', encryptionText(r.encryption)],
    ['minTls', r.encryption?.minTls ?? ''],
    ['purpose', r.purpose],
    ['label', text(r.label)],
    ['ref', r.ref],
    ['level', r.level],
    ['when', r.when ?? ''],
    ['kind', r.kind],
    ['direction', r.direction ?? ''],
    ['app', r.app ?? ''],
    ['proxy', r.proxy ? `${r.proxy.name} (${r.proxy.host}:${r.proxy.port})` : ''],
    ['notes', text(r.notes)],
    ['justification', r.justification ?? ''],
    ['origin', r.origin ? JSON.stringify(r.origin) : ''],
  ];
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
  const a = rowFields(before);
  const b = rowFields(after);
  for (let i = 0; i < a.length; i++) {
    const [field, was] = a[i] as [DiffField, FieldValue];
    const now = (b[i] as [DiffField, FieldValue])[1];
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
    classes.add(weakening ? 'weakened' : (FIELD_CLASS[field] ?? 'text'));
    fields.push({ field, before: was, after: now, ...(weakening ? { weakening } : {}) });
  }
  return { classes: CHANGE_CLASSES.filter((c) => classes.has(c)), fields };
}

const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

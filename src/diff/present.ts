import type { Auth, Encryption } from '../model/catalog.js';
import type { MatrixRow } from '../model/matrix.js';
import { colon, type Lang } from '../model/text.js';
import { BY_DEFAULT_LABELS } from '../model/vocab.js';
import { addressEditLines, addressEdits } from './edits.js';
import { dw, FIELD_LABELS, valueText } from './labels.js';
import { type DiffField, type FieldChange, primaryClass, type RowChange } from './types.js';

/**
 * A changed field as the human documents (text, Markdown, HTML, workbook, change request) show it, in one
 * language: both values, and the lines that say what was edited. Built from the rows, so the JSON's
 * `FieldChange` (exact sets, language-neutral values) stays what it is.
 */
export interface ShownField {
  readonly field: DiffField;
  readonly label: string;
  /** Empty on the side where the row does not exist. */
  readonly before: string;
  readonly after: string;
  /** The value reads with arrows of its own (`lan → dmz`): say before and after in words, not with `→`. */
  readonly arrowed: boolean;
  /** Entries added and removed as written, the net effect on addresses, a weakening… */
  readonly notes: readonly string[];
}

/** Rows on one side only show the fields that say what traffic they are (the rest is in the JSON). */
const NETWORK_FIELDS: ReadonlySet<DiffField> = new Set([
  'source',
  'destination',
  'services',
  'zones',
  'firewalls',
  'auth',
  'encryption',
  'minTls',
]);

export const isOneSided = (c: RowChange): boolean => primaryClass(c) === 'opened' || primaryClass(c) === 'closed';

export function shownFields(c: RowChange, lang: Lang): ShownField[] {
  const fields = isOneSided(c) ? c.fields.filter((f) => NETWORK_FIELDS.has(f.field)) : c.fields;
  return fields.map((f) => shownField(f, c, lang));
}

function shownField(f: FieldChange, c: RowChange, lang: Lang): ShownField {
  const label = FIELD_LABELS[f.field][lang];
  const arrowed = f.field === 'zones' || f.field === 'firewalls';
  const side = (r: MatrixRow | undefined, v: FieldChange['before']): string =>
    r ? (rowValue(f.field, r, lang) ?? valueText(v, lang)) : '';
  const before = side(c.before, f.before);
  const after = side(c.after, f.after);
  return { field: f.field, label, before, after, arrowed, notes: notesOf(f, c, lang) };
}

function notesOf(f: FieldChange, c: RowChange, lang: Lang): string[] {
  if (c.before && c.after && (f.field === 'source' || f.field === 'destination'))
    return addressEditLines(addressEdits(c.before[f.field].addresses, c.after[f.field].addresses), lang);
  const notes: string[] = [];
  if (!isOneSided(c)) {
    if (f.added) notes.push(`${dw('added', lang).toLowerCase()}${colon(lang)} ${f.added}`);
    if (f.removed) notes.push(`${dw('removed', lang).toLowerCase()}${colon(lang)} ${f.removed}`);
  }
  if (f.weakening) notes.push(`${dw('weakening', lang).toLowerCase()}${colon(lang)} ${f.weakening[lang]}`);
  return notes;
}

/** The fields whose words depend on the language, from the row; undefined: the diff's own value. */
function rowValue(field: DiffField, r: MatrixRow, lang: Lang): string | undefined {
  switch (field) {
    case 'firewalls':
      return firewallsShown(r, lang);
    case 'zones':
      return `${r.zoneFrom || '—'} → ${r.zoneTo || '—'}`;
    case 'auth':
      return authShown(r.auth, lang);
    case 'encryption':
      return encryptionShown(r.encryption, lang);
    default:
      return undefined;
  }
}

const WORDS = {
  none: { fr: 'aucun', en: 'none' },
  toProxy: { fr: 'vers le proxy', en: 'to the proxy' },
  fromProxy: { fr: 'après le proxy', en: 'after the proxy' },
  supported: { fr: 'acceptés', en: 'supported' },
  byDefault: { fr: 'par défaut', en: 'by default' },
  cleartext: { fr: 'en clair', en: 'cleartext' },
} as const;

/** `fw-edge (dmz → internet, after the proxy)`, each firewall crossed in path order; `none` when no leg crosses one. */
export function firewallsShown(r: MatrixRow, lang: Lang): string {
  const proxied = r.legs.length > 1;
  const hops = r.legs.flatMap((leg, i) =>
    leg.hops.map((h) => {
      const where = proxied ? `, ${WORDS[i === 0 ? 'toProxy' : 'fromProxy'][lang]}` : '';
      return `${h.firewall} (${h.fromZone} → ${h.toZone}${where})`;
    }),
  );
  return hops.length > 0 ? hops.join(', ') : WORDS.none[lang];
}

const authShown = (a: Auth | undefined, lang: Lang): string =>
  a ? `${a.default.join(', ') || '—'} (${WORDS.supported[lang]}${colon(lang)} ${a.supported.join(', ') || '—'})` : '';

const encryptionShown = (e: Encryption | undefined, lang: Lang): string =>
  e
    ? `${e.supported.join(', ') || WORDS.cleartext[lang]} (${WORDS.byDefault[lang]}${colon(lang)} ${BY_DEFAULT_LABELS[e.byDefault][lang].toLowerCase()})`
    : '';

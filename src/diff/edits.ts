import type { Address } from '../model/matrix.js';
import { colon, type Lang, semicolon } from '../model/text.js';
import { CidrSet } from '../net/cidr-set.js';
import { address as addressText } from '../render/format.js';

/**
 * What a reader of a diff wants to see of an endpoint's addresses: the entries as written in each version
 * (10.20.0.0/16 added), not the set difference (17 prefixes of new minus old). The net effect on addresses comes
 * second, from the exact set algebra of src/net. Human text only: the JSON and the firewall deltas keep the exact
 * sets (`FieldChange.added` / `removed`).
 */
export interface EntryEdit {
  /** The entry as written (`10.20.0.0/16`, `10.20.1.53`, `*.example.org`). */
  readonly value: string;
  /** Added: entries kept from OLD that it contains. Removed: entries kept in NEW that it contained. */
  readonly contains: readonly string[];
  /** Added: a kept entry that already covers it. Removed: an entry of NEW that still covers it. */
  readonly within?: string;
}

export interface AddressEdits {
  readonly added: readonly EntryEdit[];
  readonly removed: readonly EntryEdit[];
  /** Addresses NEW lets through that OLD did not, and the reverse (names are not addresses: not here). */
  readonly opened: CidrSet;
  readonly closed: CidrSet;
  /** Whether the net effect says something the entries do not (an added entry overlapping kept ones…). */
  readonly netDiffers: boolean;
}

interface Entry {
  readonly value: string;
  /** Undefined for a name (FQDN, wildcard, URL, Kubernetes selector): no address arithmetic. */
  readonly set?: CidrSet;
}

const entries = (list: readonly Address[]): Entry[] => {
  const seen = new Map<string, Entry>();
  for (const a of list) {
    const value = addressText(a);
    if (seen.has(value)) continue;
    seen.set(value, a.kind === 'cidr' || a.kind === 'any' ? { value, set: CidrSet.fromAddresses([a]) } : { value });
  }
  return [...seen.values()].sort((x, y) => x.value.localeCompare(y.value));
};

const union = (list: readonly Entry[]): CidrSet => list.reduce((s, e) => (e.set ? s.union(e.set) : s), CidrSet.empty());

/** Entries compared by value; each added or removed one placed against the entries around it. */
export function addressEdits(before: readonly Address[], after: readonly Address[]): AddressEdits {
  const old = entries(before);
  const now = entries(after);
  const oldValues = new Set(old.map((e) => e.value));
  const nowValues = new Set(now.map((e) => e.value));
  const kept = now.filter((e) => oldValues.has(e.value));
  const addedEntries = now.filter((e) => !oldValues.has(e.value));
  const removedEntries = old.filter((e) => !nowValues.has(e.value));
  const inside = (e: Entry, others: readonly Entry[]): string[] =>
    e.set ? others.filter((k) => k.set && k.value !== e.value && e.set?.contains(k.set)).map((k) => k.value) : [];
  const coveredBy = (e: Entry, others: readonly Entry[]): string | undefined =>
    e.set ? others.find((k) => k.set && k.value !== e.value && k.set.contains(e.set as CidrSet))?.value : undefined;
  const edit = (e: Entry, contains: string[], within: string | undefined): EntryEdit =>
    within === undefined ? { value: e.value, contains } : { value: e.value, contains, within };
  const a = union(old);
  const b = union(now);
  const opened = b.subtract(a);
  const closed = a.subtract(b);
  return {
    added: addedEntries.map((e) => edit(e, inside(e, kept), coveredBy(e, kept))),
    removed: removedEntries.map((e) => edit(e, inside(e, kept), coveredBy(e, now))),
    opened,
    closed,
    netDiffers: !union(addedEntries).equals(opened) || !union(removedEntries).equals(closed),
  };
}

const WORDS = {
  added: { fr: 'ajouté', en: 'added' },
  removed: { fr: 'retiré', en: 'removed' },
  contains: { fr: 'contient', en: 'contains' },
  alreadyThere: { fr: 'déjà présent', en: 'already there' },
  allAlreadyThere: { fr: 'déjà présents', en: 'already there' },
  within: { fr: 'compris dans', en: 'inside' },
  stillCovered: { fr: 'toujours couvert par', en: 'still covered by' },
  stays: { fr: 'reste', en: 'stays' },
  stay: { fr: 'restent', en: 'stay' },
  more: { fr: 'et {n} autres', en: 'and {n} more' },
  net: { fr: 'effet net', en: 'net effect' },
  opens: { fr: 'ouvre', en: 'opens' },
  closes: { fr: 'ferme', en: 'closes' },
  same: { fr: 'mêmes adresses, écrites autrement', en: 'same addresses, written differently' },
} as const;

const w = (key: keyof typeof WORDS, lang: Lang): string => WORDS[key][lang];

/** At most three values, then how many more. */
function few(values: readonly string[], lang: Lang): string {
  if (values.length <= 3) return values.join(', ');
  return `${values.slice(0, 3).join(', ')} ${w('more', lang).replace('{n}', String(values.length - 3))}`;
}

function addedText(e: EntryEdit, lang: Lang): string {
  if (e.within !== undefined) return `${e.value} (${w('within', lang)} ${e.within}, ${w('alreadyThere', lang)})`;
  if (e.contains.length > 0)
    return `${e.value} (${w('contains', lang)} ${few(e.contains, lang)}, ${w(e.contains.length > 1 ? 'allAlreadyThere' : 'alreadyThere', lang)})`;
  return e.value;
}

function removedText(e: EntryEdit, lang: Lang): string {
  if (e.within !== undefined) return `${e.value} (${w('stillCovered', lang)} ${e.within})`;
  if (e.contains.length > 0)
    return `${e.value} (${few(e.contains, lang)} ${w(e.contains.length === 1 ? 'stays' : 'stay', lang)})`;
  return e.value;
}

/** The cover is shown when it is this short; a longer one is said as a count of addresses. */
export const MAX_COVER = 4;

/** The lines a human reads under an endpoint that changed: entries added, entries removed, net effect. */
export function addressEditLines(e: AddressEdits, lang: Lang): string[] {
  const lines: string[] = [];
  if (e.added.length > 0)
    lines.push(`${w('added', lang)}${colon(lang)} ${e.added.map((x) => addedText(x, lang)).join(', ')}`);
  if (e.removed.length > 0)
    lines.push(`${w('removed', lang)}${colon(lang)} ${e.removed.map((x) => removedText(x, lang)).join(', ')}`);
  if (e.netDiffers) lines.push(netEffectText(e.opened, e.closed, lang));
  return lines;
}

/** `net effect: opens 65,280 more IPv4 addresses; closes 10.9.0.0/24`, from exact sets. */
export function netEffectText(opened: CidrSet, closed: CidrSet, lang: Lang): string {
  const parts: string[] = [];
  if (!opened.isEmpty()) parts.push(`${w('opens', lang)} ${setText(opened, lang, true)}`);
  if (!closed.isEmpty()) parts.push(`${w('closes', lang)} ${setText(closed, lang, false)}`);
  return `${w('net', lang)}${colon(lang)} ${parts.length ? parts.join(`${semicolon(lang)} `) : w('same', lang)}`;
}

const hostless = (cidr: string): string =>
  cidr.endsWith(cidr.includes(':') ? '/128' : '/32') ? cidr.slice(0, cidr.lastIndexOf('/')) : cidr;

/** The minimal cover when it has at most MAX_COVER prefixes, else a count per family. */
export function setText(set: CidrSet, lang: Lang, more: boolean): string {
  const cover = set.toCidrs();
  if (cover.length <= MAX_COVER) return cover.map(hostless).join(', ');
  const counts = ([4, 6] as const).filter((f) => set.size(f) > 0n).map((f) => addressCount(set.size(f), f, lang, more));
  return counts.join(lang === 'fr' ? ' et ' : ' and ');
}

/** `65,280 more IPv4 addresses` / `65 280 adresses IPv4 supplémentaires`. */
export function addressCount(n: bigint, family: 4 | 6, lang: Lang, more: boolean): string {
  const one = n === 1n;
  if (lang === 'fr')
    return `${count(n, lang)} ${one ? 'adresse' : 'adresses'} IPv${family}${more ? (one ? ' supplémentaire' : ' supplémentaires') : ''}`;
  return `${count(n, lang)}${more ? ' more' : ''} IPv${family} ${one ? 'address' : 'addresses'}`;
}

/**
 * A count of addresses: digits grouped by three (`,` in English, a no-break space U+00A0 in French, written here
 * rather than by Intl, whose French separator is U+202F) up to 2^48; beyond, a power of two (`2^64`, `over
 * 2^80`).
 */
export function count(n: bigint, lang: Lang): string {
  if (n <= 2n ** 48n) return n.toString().replace(/\B(?=(\d{3})+$)/g, lang === 'fr' ? '\u00a0' : ',');
  const bits = n.toString(2).length - 1;
  return (n & (n - 1n)) === 0n ? `2^${bits}` : `${lang === 'fr' ? 'plus de' : 'over'} 2^${bits}`;
}

import { changeParts, type FeedChange, feedChanges, IMPACTS, readDate } from '../import/m365/changes.js';
import type { EndpointSet } from '../import/m365/feed.js';
import { colon, type Lang, semicolon, type Text } from '../model/text.js';

/**
 * The part of a diff of two Microsoft 365 endpoints answers said in the service's own words (AddedIp, AddedUrl,
 * RemovedIpOrUrl, …): what its `changes` method would have listed between the two versions, beside our row classes.
 */
export interface FeedSection {
  /** The new version's number or name, and the date its additions go live, as given or read from the file name. */
  readonly version?: string;
  readonly effectiveDate?: string;
  /** Where `version` and `effectiveDate` came from: the options, or NEW's file name. */
  readonly from: 'options' | 'file name';
  readonly changes: readonly FeedChange[];
  /** Records per impact, in Microsoft's order (zero counts included, so a reader sees what did not happen). */
  readonly counts: Readonly<Record<string, number>>;
}

/** A JSON array whose items look like endpoint sets (`serviceArea` and `category`): the endpoints answer. */
export function isFeedAnswer(text: string): boolean {
  if (!/^\uFEFF?\s*\[/.test(text)) return false;
  return /"serviceArea"\s*:/.test(text) && /"category"\s*:/.test(text);
}

/** `endpoints-worldwide-2025-12-01.x.json` → `2025-12-01`; undefined when the name carries no valid date. */
export function dateInName(name: string): string | undefined {
  for (const m of name.matchAll(/(?<!\d)(\d{4}-\d{2}-\d{2}|\d{8})(?!\d)/g)) {
    const date = readDate(m[1] as string);
    if (date) return date;
  }
  return undefined;
}

/** NEW's base name without its extensions: the version's name when none is given. */
const stem = (name: string): string => (name.split(/[\\/]/).pop() ?? name).replace(/\.json$/i, '');

export interface FeedSectionOptions {
  readonly version?: string;
  readonly effectiveDate?: string;
  /** NEW's path or label, read for defaults when the options are absent. */
  readonly newName: string;
}

/** The feed's changes between OLD and NEW, stamped with the version and the effective date. Pure. */
export function feedSection(
  before: readonly EndpointSet[],
  after: readonly EndpointSet[],
  options: FeedSectionOptions,
): FeedSection {
  const given = options.version !== undefined || options.effectiveDate !== undefined;
  const version = options.version ?? stem(options.newName);
  const effectiveDate = options.effectiveDate ?? dateInName(options.newName);
  const changes = feedChanges(before, after, { version, ...(effectiveDate ? { effectiveDate } : {}) });
  const counts: Record<string, number> = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
  for (const c of changes) counts[c.impact ?? c.disposition] = (counts[c.impact ?? c.disposition] ?? 0) + 1;
  return {
    version,
    ...(effectiveDate ? { effectiveDate } : {}),
    from: given ? 'options' : 'file name',
    changes,
    counts,
  };
}

export const FEED_WORDS = {
  title: { fr: 'Changements dans les termes du service', en: 'Changes in the feed’s words' },
  version: { fr: 'Version', en: 'Version' },
  effective: { fr: 'Date d’effet', en: 'Effective date' },
  unknown: { fr: 'inconnue', en: 'unknown' },
  fromName: { fr: 'lue dans le nom du fichier NEW', en: 'read from the NEW file’s name' },
  none: { fr: 'Aucun changement dans le flux.', en: 'No change in the feed.' },
  impact: { fr: 'Impact', en: 'Impact' },
  disposition: { fr: 'Disposition', en: 'Disposition' },
  set: { fr: 'Ensemble', en: 'Set' },
  detail: { fr: 'Détail', en: 'Detail' },
  records: { fr: 'enregistrements', en: 'records' },
} as const satisfies Record<string, Text>;

export const fw = (key: keyof typeof FEED_WORDS, lang: Lang): string => FEED_WORDS[key][lang];

/** `Version …; effective date … (read from the NEW file’s name)`. */
export function feedStamp(f: FeedSection, lang: Lang): string {
  const origin = f.from === 'file name' ? ` (${fw('fromName', lang)})` : '';
  const c = colon(lang);
  return `${fw('version', lang)}${c} ${f.version ?? fw('unknown', lang)}${semicolon(lang)} ${fw('effective', lang)}${c} ${f.effectiveDate ?? fw('unknown', lang)}${origin}`;
}

/** Impacts that happened, with their counts: `AddedIpAndUrl 12, AddedUrl 3`. */
export const feedCountsLine = (f: FeedSection): string =>
  Object.entries(f.counts)
    .filter(([, n]) => n > 0)
    .map(([impact, n]) => `${impact} ${n}`)
    .join(', ');

/** One change's detail without its head (impact, set, version and date are columns of their own). */
export const changeDetail = (c: FeedChange, lang: Lang): string => changeParts(c, lang).detail;

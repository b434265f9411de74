import type { Issue } from '../../model/issues.js';
import { colon, type Lang, semicolon } from '../../model/text.js';
import { jsonIssue, parseJson } from '../json.js';
import type { EndpointSet } from './feed.js';

/**
 * The vocabulary of the web service's `changes` method: what a change means for a network perimeter. Microsoft's
 * documentation lists exactly these (change records of version 2018112800 and later).
 */
export const IMPACTS = [
  'AddedIp',
  'AddedUrl',
  'AddedIpAndUrl',
  'RemovedIpOrUrl',
  'ChangedIsExpressRoute',
  'MovedIpOrUrl',
  'RemovedDuplicateIpOrUrl',
  'OtherNonPriorityChanges',
] as const;
export type Impact = (typeof IMPACTS)[number];
export const DISPOSITIONS = ['Add', 'Change', 'Remove'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** The fields `previous` and `current` carry. */
export const SET_FIELDS = [
  'expressRoute',
  'serviceArea',
  'category',
  'required',
  'tcpPorts',
  'udpPorts',
  'notes',
] as const;
type SetField = (typeof SET_FIELDS)[number];
export type SetValues = Partial<Record<SetField, string | boolean>>;

export interface Entries {
  readonly ips: readonly string[];
  readonly urls: readonly string[];
}

/** One change record, as the service writes it (`id` and `version` absent when we computed it ourselves). */
export interface FeedChange {
  readonly id?: number;
  readonly endpointSetId: number;
  readonly disposition: Disposition;
  /** Absent in records older than version 2018112800; a value outside IMPACTS is kept as written. */
  readonly impact?: Impact | string;
  readonly version?: string;
  /** `YYYY-MM-DD`: when the additions go live (the service writes `YYYYMMDD`). */
  readonly effectiveDate?: string;
  readonly add?: Entries;
  readonly remove?: Entries;
  readonly previous?: SetValues;
  readonly current?: SetValues;
  readonly description?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `20180609` or `2018-06-09` → `2018-06-09`; undefined when it is neither. */
export function readDate(text: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T[\d:.]+Z?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** The answer of `changes/{instance}/{version}`: every record checked, every problem reported at once. */
export function parseChanges(text: string, file: string): { changes: FeedChange[]; issues: Issue[] } {
  const json = parseJson(text, file);
  if (!json.ok) return { changes: [], issues: [json.issue] };
  if (!Array.isArray(json.value))
    return {
      changes: [],
      issues: [
        jsonIssue(file, 'not a changes answer (a JSON array of change records)', 'save changes/{instance}/{version}'),
      ],
    };
  const issues: Issue[] = [];
  const changes: FeedChange[] = [];
  json.value.forEach((item: unknown, index: number) => {
    const at = `change ${isObject(item) && Number.isInteger(item.id) ? `${item.id} ` : ''}(item ${index + 1})`;
    const before = issues.length;
    // Placed at the record: its line:col.
    const bad = (what: string, hint: string) =>
      issues.push({ ...jsonIssue(file, `${at}: ${what}`, hint), path: [index] });
    if (!isObject(item)) {
      bad('not an object', 'each change record is a JSON object');
      return;
    }
    if (!Number.isInteger(item.endpointSetId)) bad('endpointSetId is not a whole number', 'write "endpointSetId": 12');
    const disposition = DISPOSITIONS.find((d) => d.toLowerCase() === String(item.disposition).toLowerCase());
    if (!disposition) bad(`disposition is ${JSON.stringify(item.disposition)}`, `one of ${DISPOSITIONS.join(', ')}`);
    if (item.impact !== undefined && typeof item.impact !== 'string') bad('impact is not text', IMPACTS.join(', '));
    if (typeof item.impact === 'string' && !(IMPACTS as readonly string[]).includes(item.impact))
      issues.push({
        ...jsonIssue(
          file,
          `${at}: impact "${item.impact}" is not in Microsoft's list`,
          `kept as written; known: ${IMPACTS.join(', ')}`,
        ),
        path: [index, 'impact'],
        severity: 'warning',
      });
    if (item.version !== undefined && !/^\d{10}$/.test(String(item.version)))
      bad(`version ${JSON.stringify(item.version)} is not YYYYMMDDNN`, 'e.g. "2025120100"');
    const add = entries(item.add, 'add', bad);
    const remove = entries(item.remove, 'remove', bad);
    let effectiveDate: string | undefined;
    if (isObject(item.add) && item.add.effectiveDate !== undefined) {
      effectiveDate = readDate(String(item.add.effectiveDate));
      if (!effectiveDate) bad(`add.effectiveDate ${JSON.stringify(item.add.effectiveDate)} is not a date`, 'YYYYMMDD');
    }
    const previous = values(item.previous, 'previous', bad);
    const current = values(item.current, 'current', bad);
    if (issues.some((i, n) => n >= before && i.severity === 'error')) return;
    changes.push({
      ...(Number.isInteger(item.id) ? { id: item.id as number } : {}),
      endpointSetId: item.endpointSetId as number,
      disposition: disposition as Disposition,
      ...(typeof item.impact === 'string' ? { impact: item.impact } : {}),
      ...(item.version !== undefined ? { version: String(item.version) } : {}),
      ...(effectiveDate ? { effectiveDate } : {}),
      ...(add ? { add } : {}),
      ...(remove ? { remove } : {}),
      ...(previous ? { previous } : {}),
      ...(current ? { current } : {}),
      ...(typeof item.changeDescription === 'string' ? { description: item.changeDescription } : {}),
    });
  });
  return { changes, issues };
}

function entries(value: unknown, field: string, bad: (what: string, hint: string) => void): Entries | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    bad(`${field} is not an object`, `write "${field}": { "ips": […], "urls": […] }`);
    return undefined;
  }
  const list = (key: 'ips' | 'urls'): string[] => {
    const v = value[key];
    if (v === undefined) return [];
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    bad(`${field}.${key} is not a list of strings`, `write "${key}": ["…"]`);
    return [];
  };
  return { ips: list('ips'), urls: list('urls') };
}

function values(value: unknown, field: string, bad: (what: string, hint: string) => void): SetValues | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    bad(`${field} is not an object`, `fields: ${SET_FIELDS.join(', ')}`);
    return undefined;
  }
  const out: SetValues = {};
  for (const [k, v] of Object.entries(value)) {
    // The documentation writes `ExpressRoute`; the service, `expressRoute`.
    const key = SET_FIELDS.find((f) => f.toLowerCase() === k.toLowerCase());
    if (key && (typeof v === 'string' || typeof v === 'boolean')) out[key] = v;
  }
  return out;
}

/**
 * What changed between two versions of the endpoints answer, in the service's own vocabulary: one record per set
 * and impact, sets in id order. `effectiveDate` (when the new version's additions go live) and `version` are the new
 * version's, when known. Mirrors what the `changes` method would say:
 * - a new set: `Add` with AddedIp / AddedUrl / AddedIpAndUrl (OtherNonPriorityChanges when it lists neither);
 * - a set gone: `Remove`, RemovedIpOrUrl;
 * - entries added to a set: AddedIp / AddedUrl / AddedIpAndUrl; entries gone from it: RemovedIpOrUrl, or
 *   MovedIpOrUrl when another set gained them, or RemovedDuplicateIpOrUrl when another set still lists them;
 * - `expressRoute` changed: ChangedIsExpressRoute; other fields (ports, category, required, notes, area):
 *   OtherNonPriorityChanges, with `previous` and `current` so no change is hidden behind the label.
 */
export function feedChanges(
  before: readonly EndpointSet[],
  after: readonly EndpointSet[],
  options: { readonly version?: string; readonly effectiveDate?: string } = {},
): FeedChange[] {
  const old = new Map(before.map((s) => [s.id, s]));
  const now = new Map(after.map((s) => [s.id, s]));
  const stamp = {
    ...(options.version ? { version: options.version } : {}),
  };
  const added = (ips: readonly string[], urls: readonly string[]) => ({
    ...(options.effectiveDate ? { effectiveDate: options.effectiveDate } : {}),
    add: { ips, urls },
  });
  const listedIn = (sets: Map<number, EndpointSet>, entry: string, except: number): number[] =>
    [...sets.values()].filter((s) => s.id !== except && contains(s, entry)).map((s) => s.id);
  const out: FeedChange[] = [];
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => a - b);
  for (const id of ids) {
    const was = old.get(id);
    const is = now.get(id);
    if (!was && is) {
      out.push({
        endpointSetId: id,
        disposition: 'Add',
        impact: addedImpact(is.ips, is.urls),
        ...stamp,
        ...added(is.ips, is.urls),
        current: valuesOf(is),
      });
      continue;
    }
    if (was && !is) {
      out.push({
        endpointSetId: id,
        disposition: 'Remove',
        impact: 'RemovedIpOrUrl',
        ...stamp,
        remove: { ips: was.ips, urls: was.urls },
        previous: valuesOf(was),
      });
      continue;
    }
    if (!was || !is) continue;
    const newIps = minus(is.ips, was.ips);
    const newUrls = minus(is.urls, was.urls);
    if (newIps.length + newUrls.length > 0)
      out.push({
        endpointSetId: id,
        disposition: 'Change',
        impact: addedImpact(newIps, newUrls),
        ...stamp,
        ...added(newIps, newUrls),
      });
    const gone = {
      moved: { ips: [] as string[], urls: [] as string[] },
      duplicate: { ips: [] as string[], urls: [] as string[] },
      removed: { ips: [] as string[], urls: [] as string[] },
    };
    for (const kind of ['ips', 'urls'] as const)
      for (const entry of minus(was[kind], is[kind])) {
        const elsewhereNow = listedIn(now, entry, id);
        const elsewhereBefore = listedIn(old, entry, id);
        const gainedBy = elsewhereNow.filter((other) => !elsewhereBefore.includes(other));
        const bucket = gainedBy.length > 0 ? gone.moved : elsewhereNow.length > 0 ? gone.duplicate : gone.removed;
        bucket[kind].push(entry);
      }
    const removal = (impact: Impact, e: { ips: string[]; urls: string[] }) => {
      if (e.ips.length + e.urls.length > 0)
        out.push({ endpointSetId: id, disposition: 'Change', impact, ...stamp, remove: e });
    };
    removal('RemovedIpOrUrl', gone.removed);
    removal('MovedIpOrUrl', gone.moved);
    removal('RemovedDuplicateIpOrUrl', gone.duplicate);
    const previous = valuesOf(was);
    const current = valuesOf(is);
    const changedFields = SET_FIELDS.filter((f) => previous[f] !== current[f]);
    const pick = (v: SetValues, fields: readonly SetField[]) =>
      Object.fromEntries(fields.map((f) => [f, v[f] ?? ''])) as SetValues;
    if (changedFields.includes('expressRoute'))
      out.push({
        endpointSetId: id,
        disposition: 'Change',
        impact: 'ChangedIsExpressRoute',
        ...stamp,
        previous: pick(previous, ['expressRoute']),
        current: pick(current, ['expressRoute']),
      });
    const others = changedFields.filter((f) => f !== 'expressRoute');
    if (others.length > 0)
      out.push({
        endpointSetId: id,
        disposition: 'Change',
        impact: 'OtherNonPriorityChanges',
        ...stamp,
        previous: pick(previous, others),
        current: pick(current, others),
      });
  }
  return out;
}

const addedImpact = (ips: readonly string[], urls: readonly string[]): Impact =>
  ips.length > 0 && urls.length > 0
    ? 'AddedIpAndUrl'
    : ips.length > 0
      ? 'AddedIp'
      : urls.length > 0
        ? 'AddedUrl'
        : 'OtherNonPriorityChanges';

const norm = (s: string): string => s.trim().toLowerCase();
const minus = (a: readonly string[], b: readonly string[]): string[] => {
  const drop = new Set(b.map(norm));
  return a.filter((x) => !drop.has(norm(x)));
};
const contains = (set: EndpointSet, entry: string): boolean =>
  set.ips.some((x) => norm(x) === norm(entry)) || set.urls.some((x) => norm(x) === norm(entry));

/** The values `previous`/`current` compare; ports as the feed writes them, spaces removed (`"80, 443"` = `"80,443"`). */
function valuesOf(s: EndpointSet): SetValues {
  return {
    expressRoute: s.expressRoute,
    serviceArea: s.serviceArea,
    category: s.category,
    required: s.required,
    tcpPorts: (s.tcpPorts ?? '').replace(/\s+/g, ''),
    udpPorts: (s.udpPorts ?? '').replace(/\s+/g, ''),
    notes: s.notes ?? '',
  };
}

/** A change's head (impact, set, version, date) and what it adds, removes or changes, in `lang`. */
export function changeParts(c: FeedChange, lang: Lang = 'en'): { head: string; detail: string } {
  const fr = lang === 'fr';
  const head = [
    `${c.impact ?? c.disposition} (${c.disposition})`,
    `${fr ? 'ensemble' : 'set'} ${c.endpointSetId}`,
    c.version ? `version ${c.version}` : undefined,
    c.effectiveDate ? `${fr ? 'en vigueur le' : 'effective'} ${c.effectiveDate}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const parts: string[] = [];
  const list = (added: boolean, e?: Entries) => {
    if (!e) return;
    const verb = fr ? (added ? 'ajoutées' : 'retirées') : added ? 'added' : 'removed';
    if (e.ips.length) parts.push(fr ? `IP ${verb} ${e.ips.join(' ')}` : `${verb} IPs ${e.ips.join(' ')}`);
    if (e.urls.length) parts.push(fr ? `URL ${verb} ${e.urls.join(' ')}` : `${verb} URLs ${e.urls.join(' ')}`);
  };
  list(true, c.add);
  list(false, c.remove);
  const sep = `${semicolon(lang)} `;
  if (c.previous || c.current) {
    const fields = [...new Set([...Object.keys(c.previous ?? {}), ...Object.keys(c.current ?? {})])] as SetField[];
    const shown = (v: SetValues | undefined, f: SetField) => (v && f in v ? JSON.stringify(v[f]) : '—');
    if (c.previous && c.current)
      parts.push(fields.map((f) => `${f} ${shown(c.previous, f)} → ${shown(c.current, f)}`).join(sep));
  }
  if (c.description) parts.push(`"${c.description}"`);
  return { head, detail: parts.join(sep) };
}

/** `AddedUrl (Add), set 12: added URLs …`: one change in a line, in `lang`. */
export function describeChange(c: FeedChange, lang: Lang = 'en'): string {
  const { head, detail } = changeParts(c, lang);
  return detail ? `${head}${colon(lang)} ${detail}` : head;
}

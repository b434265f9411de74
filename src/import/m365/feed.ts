import type { Issue } from '../../model/issues.js';
import type { PortRange } from '../../model/matrix.js';
import { parseAddress, parsePortList } from '../../net/index.js';
import { jsonIssue, parseJson } from '../json.js';

/**
 * One endpoint set of the Microsoft 365 "IP Address and URL web service" (`endpoints/{instance}`), checked. Field
 * meanings follow Microsoft's documentation of the web service; the raw strings stay beside what we read from them,
 * so a catalog can quote the feed.
 */
export const CATEGORIES = ['Optimize', 'Allow', 'Default'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Microsoft: "follow the recommendations for the highest priority category" (Optimize > Allow > Default). */
export const CATEGORY_RANK: Record<Category, number> = { Optimize: 3, Allow: 2, Default: 1 };

/** The service areas the documentation lists; others (MEM in late 2025) are imported and reported. */
export const DOCUMENTED_AREAS = ['Common', 'Exchange', 'SharePoint', 'Skype'] as const;

export interface EndpointSet {
  readonly id: number;
  readonly serviceArea: string;
  readonly serviceAreaDisplayName?: string;
  readonly urls: readonly string[];
  /** As written (CIDR); checked by `parseAddress`. */
  readonly ips: readonly string[];
  /** Raw port lists as the feed writes them (`"143, 587, 993, 995"`, `"443,80"`), and their reading. */
  readonly tcpPorts?: string;
  readonly udpPorts?: string;
  readonly tcp: readonly PortRange[];
  readonly udp: readonly PortRange[];
  readonly expressRoute: boolean;
  readonly category: Category;
  readonly required: boolean;
  /** Absent when the feed omits it or writes `""`. */
  readonly notes?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The `endpoints` answer: a JSON array of endpoint sets. Every problem is reported at once, each naming the set
 * (`set 12 (item 3)`) and the field; nothing is dropped or guessed.
 */
export function parseFeed(text: string, file: string): { sets: EndpointSet[]; issues: Issue[] } {
  const json = parseJson(text, file);
  if (!json.ok) return { sets: [], issues: [json.issue] };
  if (!Array.isArray(json.value))
    return {
      sets: [],
      issues: [
        jsonIssue(
          file,
          'the file is not an endpoints answer (a JSON array of endpoint sets)',
          'save the answer of endpoints/{instance} as it comes, e.g. endpoints/worldwide',
        ),
      ],
    };
  const issues: Issue[] = [];
  const sets: EndpointSet[] = [];
  const seen = new Map<number, number>();
  json.value.forEach((item: unknown, index: number) => {
    const id = isObject(item) && Number.isInteger(item.id) ? (item.id as number) : undefined;
    const first = id === undefined ? undefined : seen.get(id);
    if (id !== undefined && first !== undefined) {
      issues.push({
        ...jsonIssue(file, `set ${id} (item ${index + 1}): id already used by item ${first + 1}`, 'ids are unique'),
        path: [index, 'id'],
      });
      return;
    }
    if (id !== undefined) seen.set(id, index);
    const set = readSet(item, index, file, issues);
    if (set) sets.push(set);
  });
  return { sets, issues };
}

function readSet(item: unknown, index: number, file: string, issues: Issue[]): EndpointSet | undefined {
  const where = (id: unknown) => (typeof id === 'number' ? `set ${id} (item ${index + 1})` : `item ${index + 1}`);
  if (!isObject(item)) {
    issues.push({
      ...jsonIssue(file, `${where(undefined)}: not an object`, 'each endpoint set is a JSON object'),
      path: [index],
    });
    return undefined;
  }
  const at = where(item.id);
  const before = issues.length;
  // Each problem at its field (a missing one: at the set, said `is missing`), placed by the caller from the path.
  const bad = (field: string, what: string, hint: string) =>
    issues.push({
      ...jsonIssue(file, `${at}: ${field} ${item[field] === undefined ? 'is missing' : what}`, hint),
      path: [index, field],
    });
  if (!Number.isInteger(item.id) || (item.id as number) < 0) bad('id', 'is not a whole number', 'write "id": 12');
  if (typeof item.serviceArea !== 'string' || item.serviceArea.trim() === '')
    bad('serviceArea', `is ${JSON.stringify(item.serviceArea)}`, `one of ${DOCUMENTED_AREAS.join(', ')}`);
  if (!(CATEGORIES as readonly unknown[]).includes(item.category))
    bad('category', `is ${JSON.stringify(item.category)}`, `one of ${CATEGORIES.join(', ')}`);
  for (const flag of ['required', 'expressRoute'] as const)
    if (item[flag] !== undefined && typeof item[flag] !== 'boolean')
      bad(flag, `is ${JSON.stringify(item[flag])}`, 'true or false');
  if (item.required === undefined) bad('required', 'is missing', 'true or false');
  const urls = stringList(item.urls, 'urls', bad);
  const ips = stringList(item.ips, 'ips', bad);
  for (const ip of ips) {
    const a = parseAddress(ip);
    if (!a.ok || a.value.kind !== 'cidr')
      bad('ips', `holds "${ip}", not an IP range`, a.ok ? 'write an IPv4 or IPv6 CIDR' : (a.hint ?? a.message));
  }
  const tcp = ports(item.tcpPorts, 'tcpPorts', bad);
  const udp = ports(item.udpPorts, 'udpPorts', bad);
  if (item.notes !== undefined && typeof item.notes !== 'string') bad('notes', 'is not text', 'a string');
  if (issues.length > before) return undefined;
  const notes = typeof item.notes === 'string' && item.notes.trim() !== '' ? item.notes.trim() : undefined;
  return {
    id: item.id as number,
    serviceArea: (item.serviceArea as string).trim(),
    ...(typeof item.serviceAreaDisplayName === 'string' ? { serviceAreaDisplayName: item.serviceAreaDisplayName } : {}),
    urls,
    ips,
    ...(typeof item.tcpPorts === 'string' && item.tcpPorts.trim() !== '' ? { tcpPorts: item.tcpPorts } : {}),
    ...(typeof item.udpPorts === 'string' && item.udpPorts.trim() !== '' ? { udpPorts: item.udpPorts } : {}),
    tcp,
    udp,
    expressRoute: item.expressRoute === true,
    category: item.category as Category,
    required: item.required as boolean,
    ...(notes ? { notes } : {}),
  };
}

function stringList(value: unknown, field: string, bad: (field: string, what: string, hint: string) => void): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
    bad(field, 'is not a list of non-empty strings', `write "${field}": ["…", "…"]`);
    return [];
  }
  return value.map((v: string) => v.trim());
}

/** `"80,443"`, `"143, 587, 993, 995"`, `"443,80"`, `""` (a key present but empty: no ports). */
function ports(value: unknown, field: string, bad: (field: string, what: string, hint: string) => void): PortRange[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'string') {
    bad(field, `is ${JSON.stringify(value)}, not text`, `write "${field}": "80,443"`);
    return [];
  }
  if (value.trim() === '') return [];
  const r = parsePortList(value);
  if (!r.ok) {
    bad(field, `"${value}": ${r.message}`, r.hint ?? 'ports separated by commas');
    return [];
  }
  return r.value;
}

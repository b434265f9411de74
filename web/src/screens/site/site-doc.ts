import { type Document, isMap, isSeq, parseDocument } from 'yaml';

/**
 * The site text as a YAML document the forms read and edit: an edit changes the document (comments and the order of
 * keys kept) and prints it back, so the editor and the forms always show the same text.
 */
export interface SiteView {
  zones: [string, { kind?: string; cidrs?: string[]; default?: boolean }][];
  hosts: [string, { address?: string | string[]; fqdn?: string; zone?: string }][];
  groups: [string, string[]][];
  firewalls: { name?: string; platform?: string; zones?: string[] }[];
  catalogs: { catalog?: string; features?: Record<string, boolean>; parameters?: Record<string, unknown> }[];
}

export type Parsed = { ok: true; view: SiteView } | { ok: false; message: string };

const entries = <T>(v: unknown): [string, T][] =>
  v && typeof v === 'object' && !Array.isArray(v) ? (Object.entries(v) as [string, T][]) : [];
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export function readSite(text: string): Parsed {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { ok: false, message: doc.errors[0]?.message ?? 'YAML error' };
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, message: 'the site must be a mapping' };
  return {
    ok: true,
    view: {
      zones: entries(data.zones),
      hosts: entries(data.hosts),
      groups: entries<unknown>(data.groups).map(([k, v]) => [k, list<string>(v)]),
      firewalls: list(data.firewalls),
      catalogs: list(data.catalogs),
    },
  };
}

/** Applies an edit to the text's document and prints it; the text is returned unchanged when it does not parse. */
export function editSite(text: string, edit: (doc: Document) => void): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  edit(doc);
  return doc.toString({ lineWidth: 0 });
}

/** Sets a value, or removes the key when the value is undefined or an empty list. */
export function setOrDelete(doc: Document, path: (string | number)[], value: unknown): void {
  if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') doc.deleteIn(path);
  else doc.setIn(path, doc.createNode(value, { flow: Array.isArray(value) }));
}

/** Adds a key to a mapping at `path` (creating the mapping) unless it is there. */
export function addEntry(doc: Document, path: string[], key: string, value: unknown): void {
  const node = doc.getIn(path);
  if (isMap(node) && node.has(key)) return;
  doc.setIn([...path, key], doc.createNode(value));
}

/** Appends an item to a list at `path` (creating it). */
export function appendItem(doc: Document, path: string[], value: unknown): void {
  const node = doc.getIn(path);
  if (isSeq(node)) node.add(doc.createNode(value));
  else doc.setIn(path, doc.createNode([value]));
}

/** `a, b ,c` → `['a','b','c']`. */
export const splitList = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
export const joinList = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : '');

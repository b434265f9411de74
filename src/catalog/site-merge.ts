import type { YamlPath } from '../model/issues.js';

/**
 * How the files of a site combine (`include`, `extends`), over plain YAML data, keeping for every node the file and
 * the path it was written at (its origin), so an issue found in the combined site points where the value was written.
 * The rules are in docs/site-files.md; in short:
 * - `include` is a union: maps merge key by key, `firewalls` and `catalogs` entries merge by `name` and `catalog`,
 *   `policy`, `suppressions`, `internalDomains` and `metadata` are concatenated; a zone, host, group, firewall or proxy, and any
 *   other value, written in two places must be written the same, else it is a conflict.
 * - `extends` is an override: maps (and keyed entries) merge key by key at every depth, the extending site's values
 *   win, every other list or value replaces the inherited one; `null` removes an inherited map entry, and
 *   `{ name: X, remove: true }` (`{ catalog: X, remove: true }`) an inherited firewall (catalog use).
 */

/** Where a node of the combined data was written: a file (by index) and a path in it; merged nodes list children. */
export interface Origin {
  readonly file: number;
  readonly path: YamlPath;
  readonly children?: ReadonlyMap<string | number, Origin>;
}

/** A value with its origin. */
export interface Placed {
  readonly value: unknown;
  readonly origin: Origin;
}

/** The file and in-file path of a path into the combined data: the deepest origin known, the rest appended. */
export function originAt(root: Origin, path: YamlPath): { file: number; path: YamlPath } {
  let node = root;
  let i = 0;
  for (; i < path.length; i++) {
    const child = node.children?.get(path[i] as string | number);
    if (!child) break;
    node = child;
  }
  return { file: node.file, path: i === path.length ? node.path : [...node.path, ...path.slice(i)] };
}

/** Two places one thing is written; `first` is kept. */
export interface Clash {
  readonly kind: 'conflict' | 'nothing-to-remove';
  readonly path: YamlPath;
  readonly first?: Origin;
  readonly second: Origin;
}

/** Lists whose entries are named by a field: merged entry by entry. */
export const KEYED_LISTS: Readonly<Record<string, string>> = { firewalls: 'name', catalogs: 'catalog' };
/** Lists an include adds to. */
const CONCATENATED = new Set(['policy', 'suppressions', 'internalDomains', 'metadata']);
/** Maps whose entries are one definition each (a zone, host or group is written whole, in one place). */
const ENTITY_MAPS = new Set(['zones', 'hosts', 'groups']);

type Json = Record<string, unknown>;
export const isMap = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** A definition written whole: equal in two included files, or a conflict. */
function isEntity(path: YamlPath): boolean {
  const [top] = path;
  if (path.length === 1) return top === 'proxy';
  return path.length === 2 && (ENTITY_MAPS.has(top as string) || top === 'firewalls');
}

const setOwn = (o: Json, key: string, value: unknown): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
};

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

const child = (p: Placed, key: string | number): Placed => ({
  value: (p.value as Json)[key as string],
  origin: p.origin.children?.get(key) ?? { file: p.origin.file, path: [...p.origin.path, key] },
});

const merged = (value: unknown, over: Origin, children: Map<string | number, Origin>): Placed => ({
  value,
  origin: { file: over.file, path: over.path, children },
});

/** `include`: `b` added to `a`; what both write differently is a clash (a's value is kept). */
export function unite(a: Placed | undefined, b: Placed, path: YamlPath, clashes: Clash[]): Placed {
  if (a === undefined) return b;
  const top = path[0] as string | undefined;
  if (
    path.length === 1 &&
    top !== undefined &&
    top in KEYED_LISTS &&
    Array.isArray(a.value) &&
    Array.isArray(b.value)
  ) {
    return keyedMerge(a, b, KEYED_LISTS[top] as string, path, clashes, 'unite');
  }
  if (
    path.length === 1 &&
    top !== undefined &&
    CONCATENATED.has(top) &&
    Array.isArray(a.value) &&
    Array.isArray(b.value)
  ) {
    return concatenated(a, b);
  }
  if (!isEntity(path) && isMap(a.value) && isMap(b.value)) return mapMerge(a, b, path, clashes, 'unite');
  if (!deepEqual(a.value, b.value)) clashes.push({ kind: 'conflict', path, first: a.origin, second: b.origin });
  return a;
}

/** `extends`: `over` laid on `base`. */
export function override(inherited: Placed | undefined, over: Placed, path: YamlPath, clashes: Clash[]): Placed {
  // Nothing inherited: merged with an empty map or list all the same, so removals in it are found and reported.
  const empty = isMap(over.value) ? {} : Array.isArray(over.value) ? [] : undefined;
  if (inherited === undefined && empty === undefined) return over;
  const base = inherited ?? { value: empty, origin: over.origin };
  const top = path[0] as string | undefined;
  if (
    path.length === 1 &&
    top !== undefined &&
    top in KEYED_LISTS &&
    Array.isArray(base.value) &&
    Array.isArray(over.value)
  ) {
    return keyedMerge(base, over, KEYED_LISTS[top] as string, path, clashes, 'override');
  }
  if (isMap(base.value) && isMap(over.value)) return mapMerge(base, over, path, clashes, 'override');
  return over;
}

type Mode = 'unite' | 'override';
const combine = (mode: Mode) => (mode === 'unite' ? unite : override);

function mapMerge(a: Placed, b: Placed, path: YamlPath, clashes: Clash[], mode: Mode): Placed {
  const value: Json = {};
  const children = new Map<string | number, Origin>();
  for (const key of Object.keys(a.value as Json)) {
    setOwn(value, key, (a.value as Json)[key]);
    children.set(key, child(a, key).origin);
  }
  for (const key of Object.keys(b.value as Json)) {
    const next = child(b, key);
    const inherited = Object.hasOwn(value, key) ? child(a, key) : undefined;
    if (mode === 'override' && next.value === null) {
      // `key: null` (`key: ~`, or `key:` alone) removes an inherited entry.
      if (inherited === undefined)
        clashes.push({ kind: 'nothing-to-remove', path: [...path, key], second: next.origin });
      delete value[key];
      children.delete(key);
      continue;
    }
    const out = combine(mode)(inherited, next, [...path, key], clashes);
    setOwn(value, key, out.value);
    children.set(key, out.origin);
  }
  return merged(value, b.origin, children);
}

const keyOf = (item: unknown, field: string): string | undefined => {
  const k = isMap(item) ? item[field] : undefined;
  return typeof k === 'string' ? k : undefined;
};

function keyedMerge(a: Placed, b: Placed, field: string, path: YamlPath, clashes: Clash[], mode: Mode): Placed {
  const items: Placed[] = (a.value as unknown[]).map((_, i) => child(a, i));
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const k = keyOf(item.value, field);
    if (k !== undefined && !index.has(k)) index.set(k, i);
  });
  const removed = new Set<number>();
  (b.value as unknown[]).forEach((_, j) => {
    const next = child(b, j);
    const k = keyOf(next.value, field);
    const at = k === undefined ? undefined : index.get(k);
    if (mode === 'override' && isMap(next.value) && next.value.remove === true) {
      if (at === undefined) clashes.push({ kind: 'nothing-to-remove', path: [...path, k ?? j], second: next.origin });
      else removed.add(at);
      return;
    }
    if (at === undefined) {
      if (k !== undefined) index.set(k, items.length);
      items.push(next);
      return;
    }
    // Entries are matched by name: a clash inside one is named by it (`firewall "fw1"`, `catalogs.hamilton.…`).
    items[at] = combine(mode)(items[at], next, [...path, k as string], clashes);
  });
  const kept = items.filter((_, i) => !removed.has(i));
  return merged(
    kept.map((p) => p.value),
    b.origin,
    new Map(kept.map((p, i) => [i, p.origin])),
  );
}

function concatenated(a: Placed, b: Placed): Placed {
  const items = [
    ...(a.value as unknown[]).map((_, i) => child(a, i)),
    ...(b.value as unknown[]).map((_, i) => child(b, i)),
  ];
  return merged(
    items.map((p) => p.value),
    b.origin,
    new Map(items.map((p, i) => [i, p.origin])),
  );
}

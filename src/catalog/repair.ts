import type { z } from 'zod';
import type { Issue, YamlPath } from '../model/issues.js';
import { colon, type Lang } from '../model/text.js';
import { pathText } from './zod-issues.js';

/**
 * A file that fails its schema still deserves its reference checks: the user wants every problem at once.
 * `repair` removes what the schema refused — unknown keys, and the list items or named entries holding an invalid
 * value — so the rest can be checked. Issues found on the repaired copy are mapped back to the original positions,
 * and those naming something that was removed (a reference to a flow dropped for a bad enum) are left out: they
 * would be noise caused by the repair, not problems of the file.
 */
export interface Repair {
  readonly data: unknown;
  /** Maps an issue found on the repaired copy back to the original file; undefined when it is repair noise. */
  readonly restore: (issue: Issue) => Issue | undefined;
  /** Maps a path in the repaired copy to the same node in the original file. */
  readonly originalPath: (path: YamlPath) => YamlPath;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function repair(data: unknown, issues: readonly z.core.$ZodIssue[]): Repair | undefined {
  if (!isObject(data)) return undefined;
  const copy = structuredClone(data) as Json;
  const removedNames = new Set<string>();
  /** Per top-level list, the indexes removed. */
  const removedItems = new Map<string, Set<number>>();
  for (const zi of issues) {
    const path = zi.path as readonly PropertyKey[];
    if (zi.code === 'unrecognized_keys') {
      const parent = walk(copy, path);
      if (isObject(parent)) for (const k of zi.keys) delete parent[k];
      continue;
    }
    const [top, entry] = path;
    if (typeof top !== 'string' || entry === undefined) return undefined; // a top-level field: nothing to check without it
    const collection = copy[top];
    if (Array.isArray(collection) && typeof entry === 'number') {
      const item = collection[entry];
      if (isObject(item) && typeof item.id === 'string') removedNames.add(item.id);
      if (isObject(item) && typeof item.name === 'string') removedNames.add(item.name);
      removedItems.set(top, (removedItems.get(top) ?? new Set()).add(entry));
    } else if (isObject(collection) && typeof entry === 'string') {
      delete collection[entry];
      removedNames.add(entry);
    } else {
      return undefined;
    }
  }
  const kept = new Map<string, number[]>();
  for (const [top, removed] of removedItems) {
    const list = copy[top] as unknown[];
    const indexes = list.map((_, i) => i).filter((i) => !removed.has(i));
    kept.set(top, indexes);
    copy[top] = indexes.map((i) => list[i]);
  }
  const mentions = (text: string) => [...removedNames].some((name) => text.includes(`"${name}"`));
  const originalPath = (path: YamlPath): YamlPath => {
    const [top, index, ...rest] = path;
    const map = typeof top === 'string' ? kept.get(top) : undefined;
    return map && typeof index === 'number' ? [top as string, map[index] as number, ...rest] : path;
  };
  return {
    data: copy,
    originalPath,
    restore(issue) {
      if (mentions(issue.message)) return undefined;
      const path = originalPath(issue.path);
      // Messages start with the path they are about (`flows[1].from: …`, `flows[1].from : …`): name the original item.
      const renamed = (message: string, lang: Lang): string => {
        const before = pathText(issue.path, lang);
        return message.startsWith(`${before}${colon(lang)}`)
          ? `${pathText(path, lang)}${message.slice(before.length)}`
          : message;
      };
      const message = renamed(issue.message, 'en');
      const fr = issue.fr && { ...issue.fr, message: renamed(issue.fr.message, 'fr') };
      return fr ? { ...issue, path, message, fr } : { ...issue, path, message };
    },
  };
}

function walk(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isObject(node) && typeof key === 'string') node = node[key];
    else return undefined;
  }
  return node;
}

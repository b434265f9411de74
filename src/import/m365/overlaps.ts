import { CATEGORY_RANK, type Category, type EndpointSet } from './feed.js';

/** One URL or IP range listed in more than one endpoint set, and the category that applies to it. */
export interface Overlap {
  readonly entry: string;
  readonly sets: readonly { readonly id: number; readonly category: Category }[];
  /** The highest category among the sets (Optimize > Allow > Default), as Microsoft's documentation says. */
  readonly effective: Category;
}

/**
 * The category each URL and IP range follows. Microsoft: "If using the endpoint data to search for the category of
 * an IP Address or URL, it is possible that your query may return multiple categories … you should follow the
 * recommendations for the highest priority category." A proxy or PAC file choosing direct or proxied routes reads
 * this map, not one set's category.
 */
export function effectiveCategories(sets: readonly EndpointSet[]): Map<string, Category> {
  const out = new Map<string, Category>();
  for (const set of sets)
    for (const entry of [...set.urls, ...set.ips]) {
      const key = entry.toLowerCase();
      const known = out.get(key);
      if (known === undefined || CATEGORY_RANK[set.category] > CATEGORY_RANK[known]) out.set(key, set.category);
    }
  return out;
}

/** Entries listed in several sets, sorted by entry; `kind` says which list to look at. */
export function overlaps(sets: readonly EndpointSet[], kind: 'urls' | 'ips'): Overlap[] {
  const bySet = new Map<string, { id: number; category: Category }[]>();
  for (const set of sets)
    for (const entry of set[kind]) {
      const key = entry.toLowerCase();
      const list = bySet.get(key);
      const item = { id: set.id, category: set.category };
      if (!list) bySet.set(key, [item]);
      else if (!list.some((s) => s.id === set.id)) list.push(item);
    }
  const out: Overlap[] = [];
  for (const [entry, list] of bySet) {
    if (list.length < 2) continue;
    const effective = list.reduce<Category>(
      (best, s) => (CATEGORY_RANK[s.category] > CATEGORY_RANK[best] ? s.category : best),
      'Default',
    );
    out.push({ entry, sets: list, effective });
  }
  return out.sort((a, b) => a.entry.localeCompare(b.entry));
}

import { feedJson } from '../feed-render.js';
import type { MatrixDiff } from '../types.js';

export const DIFF_FORMAT_ID = 'flowmatrix/diff';
export const DIFF_FORMAT_VERSION = 1;

/**
 * The diff as data: versions, counts, and per change its classes and fields (both languages kept), without the
 * whole rows (they are in each version's matrix JSON). Same diff, same bytes.
 */
export function renderDiffJson(diff: MatrixDiff): string {
  const changes = diff.changes.map((c) => {
    const r = (c.after ?? c.before) as NonNullable<typeof c.after>;
    return {
      key: c.key,
      ...(c.oldKey ? { oldKey: c.oldKey } : {}),
      classes: c.classes,
      catalog: r.catalog,
      flow: r.flow,
      ref: r.ref,
      source: r.source.role,
      destination: r.destination.role,
      fields: c.fields,
    };
  });
  return `${JSON.stringify(
    {
      format: DIFF_FORMAT_ID,
      version: DIFF_FORMAT_VERSION,
      old: diff.old,
      new: diff.new,
      counts: diff.counts,
      unchanged: diff.unchanged,
      changes,
      ...(diff.feed ? { feed: feedJson(diff.feed) } : {}),
    },
    null,
    2,
  )}\n`;
}

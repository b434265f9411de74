import { useEffect, useState } from 'react';
import type { MatrixResponse } from '../../../../src/server/api-types.ts';
import { apiGet, apiPath } from '../common/api.ts';

/** Matrix lines asked per page, and at most this many pages (the API's own page limit; 100k lines in all). */
const PAGE = 5000;
const MAX_PAGES = 20;

export type RowZones = ReadonlyMap<string, readonly string[]>;

/**
 * The zones of each matrix row key, from the matrix API's two zone columns, for findings that name their row by
 * key only. Loaded only when `wanted`; bounded in pages.
 */
export function useRowZones(siteId: string, wanted: boolean): RowZones {
  const [zones, setZones] = useState<RowZones>(new Map());
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    (async () => {
      const map = new Map<string, string[]>();
      for (let page = 0; page < MAX_PAGES; page++) {
        const q = new URLSearchParams({
          columns: 'zone_from,zone_to',
          offset: String(page * PAGE),
          limit: String(PAGE),
        });
        const m = await apiGet<MatrixResponse>(`${apiPath('sites', siteId, 'matrix')}?${q}`);
        for (const row of m.rows) {
          const found = [row.values.zone_from, row.values.zone_to].filter((z): z is string => !!z);
          map.set(row.key, [...new Set([...(map.get(row.key) ?? []), ...found])]);
        }
        if ((page + 1) * PAGE >= m.total || m.rows.length === 0) break;
      }
      if (live) setZones(map);
    })().catch(() => {
      // The zone filter then offers fewer zones; the findings themselves still show.
    });
    return () => {
      live = false;
    };
  }, [siteId, wanted]);
  return zones;
}

import { seg } from './api.ts';
import type { Site } from './api-types.ts';
import { useApi } from './use-api.ts';

/** The site's name for headings (its id until the answer comes). */
export function useSiteName(siteId: string): string {
  return useApi<Site>(`/api/sites/${seg(siteId)}`).data?.name ?? siteId;
}

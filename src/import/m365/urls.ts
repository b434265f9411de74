import { parseAddress } from '../../net/index.js';

/**
 * How one `urls` entry of the feed becomes a catalog address.
 * - `name`: a name or `*.` wildcard the catalog takes as it is.
 * - `tenant`: a name with the tenant's place in it. Microsoft writes `<tenant>` in its tables; the service, asked
 *   without `TenantName`, puts `*` there (`autodiscover.*.onmicrosoft.com`, `*-files.sharepoint.com`). Both
 *   become the `${tenant}` parameter.
 * - `pattern`: a shell pattern no address kind can hold (`*cdn.onenote.net`): kept verbatim in a reference row,
 *   never widened to `*.onenote.net` nor dropped.
 */
export type UrlReading =
  | { readonly kind: 'name'; readonly address: string }
  | { readonly kind: 'tenant'; readonly address: string; readonly how: 'placeholder' | 'star' }
  | { readonly kind: 'pattern'; readonly text: string };

/** The catalog's template for the tenant parameter (a catalog template, not a JavaScript one). */
export const TENANT_TEMPLATE = ['$', '{tenant}'].join('');

const TENANT_PLACEHOLDER = /<tenant(?:[ _-]?name)?>/gi;

export function readUrl(url: string): UrlReading {
  const text = url.trim();
  if (TENANT_PLACEHOLDER.test(text)) {
    const address = text.replace(TENANT_PLACEHOLDER, TENANT_TEMPLATE);
    return valid(address) ? { kind: 'tenant', address, how: 'placeholder' } : { kind: 'pattern', text };
  }
  const labels = text.split('.');
  const first = labels[0] ?? '';
  // `*` as a whole label after the first, or `*-files` as the first: the service's stand-in for the tenant name.
  const starLabel = labels.findIndex((l, i) => i > 0 && l === '*');
  if (starLabel > 0 && labels.filter((l) => l.includes('*')).length === 1) {
    const address = labels.map((l, i) => (i === starLabel ? TENANT_TEMPLATE : l)).join('.');
    if (valid(address)) return { kind: 'tenant', address, how: 'star' };
  }
  if (/^\*-[a-z0-9-]+$/i.test(first) && !labels.slice(1).some((l) => l.includes('*'))) {
    const address = [`${TENANT_TEMPLATE}${first.slice(1)}`, ...labels.slice(1)].join('.');
    if (valid(address)) return { kind: 'tenant', address, how: 'star' };
  }
  const parsed = parseAddress(text);
  if (parsed.ok && (parsed.value.kind === 'fqdn' || parsed.value.kind === 'wildcard' || parsed.value.kind === 'url'))
    return { kind: 'name', address: parsed.value.value };
  return { kind: 'pattern', text };
}

/** A templated name is valid when a plausible tenant name (`contoso`) makes it one. */
const valid = (address: string): boolean => {
  const r = parseAddress(address.replaceAll(TENANT_TEMPLATE, 'contoso'));
  return r.ok && r.value.kind !== 'cidr' && r.value.kind !== 'any';
};

/** DNS names: RFC 1123 host names and `*.` wildcards, compared case-insensitively. */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Lowercase, without the trailing root dot. */
export function normaliseFqdn(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * RFC 1123 labels (letters, digits, inner hyphens, 1–63 characters), 253 characters at most, at least one dot,
 * and a top-level label that is not all digits (so `192.0.2.1` is never taken for a name). Trailing dot tolerated.
 */
export function isValidFqdn(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253) return false;
  const labels = n.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) if (!LABEL.test(label)) return false;
  return !/^\d+$/.test(labels[labels.length - 1] as string);
}

/** `*.` followed by a valid FQDN: `*.um.outlook.com`. */
export function isValidWildcard(name: string): boolean {
  return name.startsWith('*.') && isValidFqdn(name.slice(2));
}

/**
 * Whether `name` is matched by `pattern`. A `*.a.com` pattern matches any name strictly below `a.com`
 * (`x.a.com`, `y.x.a.com`), not `a.com` itself, as proxies and firewalls with FQDN objects do.
 * A plain pattern matches only the same name.
 */
export function fqdnMatches(pattern: string, name: string): boolean {
  const p = normaliseFqdn(pattern);
  const n = normaliseFqdn(name);
  if (!p.startsWith('*.')) return p === n;
  const suffix = p.slice(1);
  return n.length > suffix.length && n.endsWith(suffix);
}

import type { Address } from '../../model/matrix.js';
import { networkAddress, type Prefix, parsePrefix, prefixCovers, v4Netmask } from '../../net/prefixes.js';
import { isHostPattern } from '../kit/escape.js';

/**
 * One PAC test on the destination host, as JavaScript. Every string reaches the file through `jsString` *and* a
 * strict grammar first (host patterns, IPv4 prefixes): a name that is not a DNS name is never written.
 */
export type Match =
  | { readonly kind: 'host'; readonly pattern: string }
  | { readonly kind: 'domain'; readonly suffix: string }
  | { readonly kind: 'net'; readonly prefix: Prefix };

/** A JavaScript string literal. JSON escaping, plus U+2028/9 which ES5 engines read as line ends. */
export const jsString = (text: string): string =>
  JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const V4_LITERAL = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The host of a URL-with-path address (`aka.ms/hybridwizard` → `aka.ms`), without scheme or port. */
export const urlHost = (url: string): string =>
  url
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .split('/')[0]
    ?.replace(/:\d+$/, '') ?? '';

/** Hosts as `shExpMatch` patterns, IPv4 prefixes as `isInNet`; anything else is `undefined` (the caller reports it). */
export function matchOf(a: Address): Match | undefined {
  switch (a.kind) {
    case 'fqdn':
    case 'wildcard':
      return isHostPattern(a.value) ? { kind: 'host', pattern: a.value.toLowerCase() } : undefined;
    case 'url': {
      const host = urlHost(a.value);
      if (V4_LITERAL.test(host)) return netMatch(host);
      return isHostPattern(host) ? { kind: 'host', pattern: host.toLowerCase() } : undefined;
    }
    case 'cidr':
      return a.family === 4 ? netMatch(a.value) : undefined;
    default:
      return undefined;
  }
}

function netMatch(text: string): Match | undefined {
  const prefix = parsePrefix(text);
  return prefix && prefix.family === 4 ? { kind: 'net', prefix } : undefined;
}

/** A bypass entry: `10.0.0.0/8`, `host.example`, `*.example`, `.example` (the domain and everything below it). */
export function bypassMatch(entry: string): Match | undefined {
  const text = entry.trim();
  if (text.startsWith('.') && isHostPattern(text.slice(1))) return { kind: 'domain', suffix: text.toLowerCase() };
  if (/^[\d.]+(\/\d+)?$/.test(text)) return netMatch(text);
  return isHostPattern(text) ? { kind: 'host', pattern: text.toLowerCase() } : undefined;
}

/** JavaScript for one match. `isInNet` is guarded by `isIpV4` so no name is ever resolved (no DNS per request). */
export function matchCode(m: Match): string {
  switch (m.kind) {
    case 'host':
      return `shExpMatch(host, ${jsString(m.pattern)})`;
    case 'domain':
      // `.example` means the domain itself too, as browsers' bypass lists read it.
      return `(dnsDomainIs(host, ${jsString(m.suffix)}) || host == ${jsString(m.suffix.slice(1))})`;
    case 'net':
      return `(isIpV4 && isInNet(host, ${jsString(networkAddress(m.prefix))}, ${jsString(v4Netmask(m.prefix.bits))}))`;
  }
}

/** `if (a ||\n    b)\n\t\treturn x;` with one test a line. */
export function ifBlock(matches: readonly string[], verdict: string): string[] {
  return matches
    .map((code, i) => {
      const head = i === 0 ? '\tif (' : '\t    ';
      const tail = i === matches.length - 1 ? ')' : ' ||';
      return `${head}${code}${tail}`;
    })
    .concat(`\t\treturn ${verdict};`);
}

const below = (name: string, domain: string): boolean => name.endsWith(`.${domain}`);

/** Whether every host `b` matches is also matched by `a` (so a request for `b` stops at `a` when `a` comes first). */
export function covers(a: Match, b: Match): boolean {
  if (a.kind === 'net' || b.kind === 'net') {
    if (a.kind !== 'net' || b.kind !== 'net') return false;
    return prefixCovers(a.prefix, b.prefix);
  }
  const bName = b.kind === 'host' ? b.pattern : b.suffix.slice(1);
  const bWild = b.kind === 'domain' || b.pattern.startsWith('*.');
  const bBase = bWild && b.kind === 'host' ? bName.slice(2) : bName;
  if (a.kind === 'domain') {
    const d = a.suffix.slice(1);
    return bBase === d || below(bBase, d);
  }
  if (!a.pattern.startsWith('*.')) return !bWild && a.pattern === bName;
  const d = a.pattern.slice(2);
  // `*.d` covers names strictly below d; b's own apex counts only when b is itself below d.
  return below(bBase, d) || (b.kind === 'host' && bWild && bBase === d);
}

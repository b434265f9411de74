import { isValidFqdn, isValidWildcard, normaliseFqdn } from './fqdn.js';
import { formatIpv4Cidr, parseIpv4Cidr } from './ipv4.js';
import { formatIpv6Cidr, parseIpv6Cidr } from './ipv6.js';
import { type Bilingual, type ParseResult, parsed, rejected, stripSpaces, words } from './result.js';
import type { NetAddress as Address } from './types.js';

const EDGE_SPACES = /^[\s\u00A0\u2007\u2009\u202F]+|[\s\u00A0\u2007\u2009\u202F]+$/g;
const IPV4_LIKE = /^[\d./]+$/;

/**
 * One address spec as catalogs and sites write it: IPv4/IPv6 address or CIDR, FQDN, `*.` wildcard,
 * host-with-path (`aka.ms/hybridwizard`, kind `url`), or `any`. CIDRs come back normalised
 * (`192.0.2.1` → `192.0.2.1/32`, IPv6 in RFC 5952 form); names lowercase without the root dot.
 * The source documents' typography is tolerated: no-break spaces, and spaces inside IPv6 (`2001 :489a ::/50`).
 */
export function parseAddress(text: string): ParseResult<Address> {
  const t = text.replace(EDGE_SPACES, '');
  if (t === '')
    return rejected(
      words('adresse vide', 'empty address'),
      words('écrivez une adresse IP, un CIDR, un nom ou "any"', 'write an IP address, a CIDR, a name or "any"'),
    );
  if (t.toLowerCase() === 'any') return parsed({ kind: 'any' });
  const compact = stripSpaces(t);
  if (compact.includes(':') && !/^https?:\/\//i.test(compact)) return parseIpv6Address(compact, text);
  if (IPV4_LIKE.test(compact)) {
    const r = parseIpv4Cidr(compact);
    return r.ok ? parsed({ kind: 'cidr', family: 4, value: formatIpv4Cidr(r.value) }) : r;
  }
  return parseName(t, text);
}

function parseIpv6Address(compact: string, text: string): ParseResult<Address> {
  const r = parseIpv6Cidr(compact);
  if (r.ok) return parsed({ kind: 'cidr', family: 6, value: formatIpv6Cidr(r.value) });
  if (/^[a-z0-9.*-]+:\d+$/i.test(compact)) return carriesPort(text);
  return r;
}

/** FQDN, wildcard or host/path, with an optional `http(s)://` scheme dropped. */
function parseName(t: string, text: string): ParseResult<Address> {
  const noScheme = t.replace(/^https?:\/\//i, '');
  if (/[\s\u00A0\u202F]/.test(noScheme)) {
    return rejected(
      words(`"${text.trim()}" contient des espaces`, `"${text.trim()}" contains spaces`),
      words(
        'une adresse par entrée ; séparez les entrées dans une liste',
        'one address per entry; separate entries in a list',
      ),
    );
  }
  const slash = noScheme.indexOf('/');
  const host = slash < 0 ? noScheme : noScheme.slice(0, slash);
  const path = slash < 0 ? '' : noScheme.slice(slash);
  if (/:\d+$/.test(host)) return carriesPort(text);
  const hostValid = isValidFqdn(host) || isValidWildcard(host);
  if (!hostValid)
    return rejected(
      words(`"${host}" n’est pas un nom d’hôte valide`, `"${host}" is not a valid host name`),
      nameHint(host),
    );
  const name = normaliseFqdn(host);
  if (path !== '' && path !== '/') return parsed({ kind: 'url', value: `${name}${path}` });
  return parsed(name.startsWith('*.') ? { kind: 'wildcard', value: name } : { kind: 'fqdn', value: name });
}

const carriesPort = (text: string): ParseResult<Address> =>
  rejected(
    words(`"${text.trim()}" porte un port`, `"${text.trim()}" carries a port`),
    words('donnez l’hôte seul ; les ports relèvent du service', 'give the host alone; ports belong to the service'),
  );

function nameHint(host: string): Bilingual {
  if (host.includes('*') && !host.startsWith('*.'))
    return words(
      'un joker s’écrit "*." suivi d’un nom : "*.example.com"',
      'a wildcard is "*." followed by a name: "*.example.com"',
    );
  if (/_/.test(host))
    return words(
      'un nom d’hôte ne contient que des lettres, des chiffres et des tirets',
      'host names use letters, digits and hyphens only',
    );
  if (!host.includes('.'))
    return words(
      'un nom complet contient au moins un point : "host.example.com"',
      'a fully qualified name has at least one dot: "host.example.com"',
    );
  if (/[^ -~]/.test(host))
    return words(
      'écrivez les noms internationaux sous leur forme xn-- (punycode)',
      'write international names in their xn-- (punycode) form',
    );
  return words(
    'des segments de lettres, chiffres et tirets intérieurs, 63 caractères chacun, 253 en tout',
    'labels of letters, digits and inner hyphens, 63 characters each, 253 in all',
  );
}

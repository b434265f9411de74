import type { PortRange } from '../../../model/matrix.js';
import { CidrSet, parseCidrBounds } from '../../../net/cidr-set.js';
import { PORT_MAX, PortSet } from '../../../net/port-set.js';
import { CONN_STATES, type ConnState } from '../../../ruleset/types.js';

/** A value that does not read, with a hint; the caller adds the position. */
export interface Problem {
  readonly message: string;
  readonly hint?: string;
}

export const problem = (message: string, hint?: string): Problem =>
  hint === undefined ? { message } : { message, hint };
export const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'message' in x;

/**
 * Addresses of one family as `-s`/`-d` write them: a comma list of `a.b.c.d`, `a.b.c.d/len`, `a.b.c.d/m.m.m.m`
 * (old iptables-save) or IPv6 `x::y/len`. Host bits are masked, as iptables does. `cache` holds texts already read
 * in this file (real rulesets repeat the same few hundred addresses thousands of times).
 */
export function parseAddressList(
  text: string,
  family: 4 | 6,
  cache: Map<string, CidrSet | Problem>,
): CidrSet | Problem {
  const known = cache.get(text);
  if (known) return known;
  const result = readAddresses(text, family);
  cache.set(text, result);
  return result;
}

function readAddresses(text: string, family: 4 | 6): CidrSet | Problem {
  const items = text.split(',');
  for (const [i, item] of items.entries()) {
    if (item === '') return problem('empty address in the list', 'remove the extra comma');
    const slash = item.indexOf('/');
    if (slash > 0 && family === 4 && item.indexOf('.', slash) > 0) {
      const prefix = dottedMaskPrefix(item.slice(slash + 1));
      if (prefix === undefined) {
        return problem(`"${item}" has a mask that is not a prefix`, 'a mask of contiguous ones, such as 255.255.255.0');
      }
      items[i] = `${item.slice(0, slash)}/${prefix}`;
    }
  }
  // The common case in one pass; item by item only to say which one is wrong.
  const set = CidrSet.parse(items, { lenient: true });
  if (set.ok && (family === 4 ? set.value.v6 : set.value.v4).isEmpty) return set.value;
  for (const item of items) {
    const bounds = parseCidrBounds(item, true);
    if (!bounds.ok) {
      const name = /^[a-z][a-z0-9.-]*$/i.test(item) && !item.includes(':');
      return name
        ? problem(
            `"${item}" is a host name, not an address`,
            'iptables resolves names once when it loads; write the address',
          )
        : problem(bounds.message, bounds.hint);
    }
    if (bounds.value.family !== family) {
      return problem(
        `"${item}" is an IPv${bounds.value.family} address in an ${family === 4 ? 'iptables' : 'ip6tables'} file`,
        family === 4 ? 'IPv6 rules belong in the ip6tables-save file' : 'IPv4 rules belong in the iptables-save file',
      );
    }
  }
  return set.ok ? set.value : problem(set.message, set.hint);
}

function dottedMaskPrefix(mask: string): number | undefined {
  const parts = mask.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  const n = parts.reduce((acc, p) => acc * 256 + Number(p), 0);
  for (let prefix = 0; prefix <= 32; prefix++) if (n === 2 ** 32 - 2 ** (32 - prefix)) return prefix;
  return undefined;
}

/** `80`, `1024:65535`, `:1023`, `6000:` (iptables' port ranges). */
export function parsePortRange(text: string): PortRange | Problem {
  const colon = text.indexOf(':');
  const from = colon < 0 ? text : text.slice(0, colon);
  const to = colon < 0 ? text : text.slice(colon + 1);
  const a = from === '' && colon >= 0 ? 0 : portNumber(from);
  const b = to === '' && colon >= 0 ? PORT_MAX : portNumber(to);
  if (a === undefined || b === undefined) {
    return /^[a-z]/i.test(text)
      ? problem(`port "${text}" is a service name this reading does not know`, 'write the port number')
      : problem(`"${text}" is not a port or port range`, 'a port 0 to 65535, or FROM:TO');
  }
  if (a > b) return problem(`port range "${text}" is reversed`, `did you mean "${b}:${a}"?`);
  return { from: a, to: b };
}

/** The /etc/services names hand-written rules use most (iptables resolves them when it loads). */
const SERVICES: Readonly<Record<string, number>> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  www: 80,
  pop3: 110,
  ntp: 123,
  imap: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  submission: 587,
  imaps: 993,
  pop3s: 995,
};

function portNumber(text: string): number | undefined {
  const named = SERVICES[text];
  if (named !== undefined) return named;
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= PORT_MAX ? n : undefined;
}

/** A comma list of ports and ranges (`-m multiport`). */
export function parsePortList(text: string): PortSet | Problem {
  const ranges: PortRange[] = [];
  for (const item of text.split(',')) {
    const r = parsePortRange(item);
    if (isProblem(r)) return r;
    ranges.push(r);
  }
  return PortSet.fromRanges(ranges);
}

/** `NEW,ESTABLISHED`; `SNAT`/`DNAT` (conntrack's virtual states) are not connection states of the model. */
export function parseStates(text: string): ConnState[] | Problem | 'virtual' {
  const out: ConnState[] = [];
  for (const item of text.split(',')) {
    const s = item.toLowerCase();
    if (s === 'snat' || s === 'dnat') return 'virtual';
    if (!(CONN_STATES as readonly string[]).includes(s)) {
      return problem(`unknown connection state "${item}"`, 'NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED');
    }
    out.push(s as ConnState);
  }
  return out;
}

import type { PortRange } from '../../../model/matrix.js';
import { CidrSet, parseCidrBounds } from '../../../net/cidr-set.js';
import { formatIpv4 } from '../../../net/ipv4.js';
import { formatIpv6 } from '../../../net/ipv6.js';
import { PORT_MAX, PortSet } from '../../../net/port-set.js';
import { CONN_STATES, type ConnState } from '../../../ruleset/types.js';
import { PROTOCOLS } from './vocab.js';

/** A value that does not read, with a hint; the caller adds the position. */
export interface Problem {
  readonly message: string;
  readonly hint?: string;
}

export const problem = (message: string, hint?: string): Problem =>
  hint === undefined ? { message } : { message, hint };
export const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'message' in x;

/**
 * Addresses iptables matches but this reading cannot list: `-s` with a mask whose ones are not contiguous and leave
 * too many holes to list (`0.0.0.3/0.0.0.255`, the 3rd host of every /24). `bound` holds every address it matches
 * (the network of the mask's leading ones); `why` says what is not modelled.
 */
export interface UnlistedAddresses {
  readonly bound: CidrSet;
  readonly why: string;
}

export const isUnlisted = (x: unknown): x is UnlistedAddresses =>
  typeof x === 'object' && x !== null && 'bound' in x && 'why' in x;

/**
 * Addresses of one family as `-s`/`-d` write them: a comma list of `a.b.c.d`, `a.b.c.d/len`, `a.b.c.d/m.m.m.m`
 * (old iptables-save, and any mask whose ones are not contiguous) or IPv6 `x::y/len`, `x::y/ffff::ff`. Host bits
 * are masked, as iptables does. `cache` holds texts already read in this file (real rulesets repeat the same few
 * hundred addresses thousands of times).
 */
export function parseAddressList(
  text: string,
  family: 4 | 6,
  cache: Map<string, CidrSet | Problem | UnlistedAddresses>,
): CidrSet | Problem | UnlistedAddresses {
  const known = cache.get(text);
  if (known) return known;
  const result = readAddresses(text, family);
  cache.set(text, result);
  return result;
}

function readAddresses(text: string, family: 4 | 6): CidrSet | Problem | UnlistedAddresses {
  const items = text.split(',');
  const masked: string[] = [];
  let unlisted: UnlistedAddresses | undefined;
  for (const [i, written] of items.entries()) {
    if (written === '') return problem('empty address in the list', 'remove the extra comma');
    const item = (family === 4 ? xtablesIpv4Item(written) : xtablesIpv6Item(written)) ?? written;
    items[i] = item;
    const slash = item.indexOf('/');
    const mask = slash > 0 ? item.slice(slash + 1) : '';
    if (!(family === 4 ? mask.includes('.') : mask.includes(':'))) continue;
    const m = readMask(item.slice(0, slash), mask, family);
    if (isProblem(m)) return m;
    if (typeof m === 'number') items[i] = `${item.slice(0, slash)}/${m}`;
    else {
      items[i] = '';
      if (Array.isArray(m)) masked.push(...m);
      else unlisted = unlisted ? { bound: unlisted.bound.union(m.bound), why: unlisted.why } : m;
    }
  }
  const plain = items.filter((x) => x !== '');
  const listed = readPlain(plain.concat(masked), family);
  if (isProblem(listed) || !unlisted) return listed;
  return { bound: unlisted.bound.union(listed), why: unlisted.why };
}

function readPlain(items: readonly string[], family: 4 | 6): CidrSet | Problem {
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

/** Mask bits left as holes (zeros above the mask's lowest one) up to which the addresses are listed: 4096 networks. */
const MAX_HOLES = 12;

/**
 * An address mask (`255.255.0.0`, `ffff:ffff::`): its prefix length when its ones are contiguous; else the networks
 * it matches (`10.0.0.0/255.0.255.0` is 10.x.0.0/24 for every x), or, with too many holes, a bound and the reason.
 */
function readMask(address: string, mask: string, family: 4 | 6): number | string[] | UnlistedAddresses | Problem {
  const width = family === 4 ? 32 : 128;
  const m = bitsOf(mask, family);
  const a = bitsOf(address, family);
  if (m === undefined) return problem(`"${address}/${mask}": "${mask}" is not an address mask`);
  if (a === undefined) {
    const b = parseCidrBounds(address, true);
    return problem(b.ok ? `"${address}" is not an IPv${family} address` : b.message, b.ok ? undefined : b.hint);
  }
  const all = (1n << BigInt(width)) - 1n;
  let ones = 0;
  while (ones < width && (m >> BigInt(width - 1 - ones)) & 1n) ones++;
  if (m === (all ^ ((1n << BigInt(width - ones)) - 1n))) return ones;
  let low = 0;
  while (((m >> BigInt(low)) & 1n) === 0n) low++;
  const holes: number[] = [];
  for (let bit = low; bit < width - ones; bit++) if (((m >> BigInt(bit)) & 1n) === 0n) holes.push(bit);
  const base = a & m;
  const text = (n: bigint, len: number): string => `${formatBits(n, family)}/${len}`;
  if (holes.length > MAX_HOLES) {
    const bound = CidrSet.parse([text(base, ones)], { lenient: true });
    return {
      bound: bound.ok ? bound.value : CidrSet.all().family(family),
      why: `a mask whose ones are not contiguous (${mask}) is not modelled beyond ${2 ** MAX_HOLES} networks`,
    };
  }
  const out: string[] = [];
  for (let c = 0; c < 2 ** holes.length; c++) {
    let n = base;
    holes.forEach((bit, k) => {
      if ((c >> k) & 1) n |= 1n << BigInt(bit);
    });
    out.push(text(n, width - low));
  }
  return out;
}

function bitsOf(text: string, family: 4 | 6): bigint | undefined {
  const b = parseCidrBounds(text);
  if (!b.ok || b.value.family !== family || !b.value.first.every((w, i) => w === b.value.last[i])) return undefined;
  return Array.from(b.value.first).reduce((acc, w) => (acc << 32n) | BigInt(w), 0n);
}

function formatBits(n: bigint, family: 4 | 6): string {
  if (family === 4) return formatIpv4(Number(n));
  return formatIpv6(Uint32Array.from({ length: 4 }, (_, i) => Number((n >> BigInt(96 - 32 * i)) & 0xffffffffn)));
}

/**
 * A number as libxtables reads one (strtoul in base 0, the whole word): `8`, `010` (octal, so 8), `0x8`, `+8`.
 * Undefined when it does not read or exceeds `max` (`08` is no number: iptables then looks for a name).
 */
export function xtablesNumber(text: string, max: number): number | undefined {
  const t = text.startsWith('+') ? text.slice(1) : text;
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) n = Number.parseInt(t.slice(2), 16);
  else if (/^0[0-7]*$/.test(t)) n = Number.parseInt(t, 8);
  else if (/^[1-9]\d*$/.test(t)) n = Number(t);
  else return undefined;
  return n <= max ? n : undefined;
}

/**
 * An IPv4 address as libxtables reads it (`-s`, `-d`, `--src-range`…), in dotted-quad form: each part a number in
 * base 0 (`192.168.001.010` is 192.168.1.8), and fewer than four parts a network completed with zeros (`10.1` is
 * 10.1.0.0); a mask (`is mask`) has four. Undefined when it does not read so (a host name, IPv6).
 */
export function xtablesIpv4(text: string, isMask = false): string | undefined {
  const parts = text.split('.');
  if (parts.length > 4 || (isMask && parts.length !== 4)) return undefined;
  const bytes = parts.map((p) => xtablesNumber(p, 255));
  if (bytes.some((b) => b === undefined)) return undefined;
  while (bytes.length < 4) bytes.push(0);
  return bytes.join('.');
}

/** `ADDRESS[/LEN|/MASK]` with the address, the length (base 0 as well) and a dotted mask as libxtables reads them. */
function xtablesIpv4Item(item: string): string | undefined {
  const slash = item.indexOf('/');
  const address = xtablesIpv4(slash < 0 ? item : item.slice(0, slash));
  if (address === undefined || slash < 0) return address;
  const mask = item.slice(slash + 1);
  const m = mask.includes('.') ? xtablesIpv4(mask, true) : xtablesNumber(mask, 32);
  return m === undefined ? undefined : `${address}/${m}`;
}

/** `ADDRESS/LEN` of IPv6 with the length as libxtables reads it (`/040` is 32); undefined to leave it as written. */
function xtablesIpv6Item(item: string): string | undefined {
  const slash = item.indexOf('/');
  const len = slash < 0 ? undefined : item.slice(slash + 1);
  if (len === undefined || len.includes(':')) return undefined;
  const n = xtablesNumber(len, 128);
  return n === undefined ? undefined : `${item.slice(0, slash)}/${n}`;
}

/**
 * `80`, `1024:65535`, `:1023`, `6000:` (iptables' port ranges). Numbers as the module reads them: tcp, sctp and
 * multiport in base 0 (`010` is 8, `0x50` is 80); udp, dccp and conntrack (`decimal`) in base 10 (`010` is 10).
 */
export function parsePortRange(text: string, decimal = false): PortRange | Problem {
  const colon = text.indexOf(':');
  const from = colon < 0 ? text : text.slice(0, colon);
  const to = colon < 0 ? text : text.slice(colon + 1);
  const a = from === '' && colon >= 0 ? 0 : portNumber(from, decimal);
  const b = to === '' && colon >= 0 ? PORT_MAX : portNumber(to, decimal);
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

function portNumber(text: string, decimal: boolean): number | undefined {
  const n = decimal ? (/^\+?\d+$/.test(text) ? Number(text) : undefined) : xtablesNumber(text, PORT_MAX);
  return (n !== undefined && n <= PORT_MAX ? n : undefined) ?? SERVICES[text];
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

/** `-p`, `--ctproto`: a number as libxtables reads one (`017` is 15), else a name in any case. */
export function protocolNumber(text: string): number | undefined {
  return xtablesNumber(text, 255) ?? PROTOCOLS[text.toLowerCase()];
}

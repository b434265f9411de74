import { canonicalAddress, type ParsedPolicy, servicesFrom } from '../support/vendor-contract.js';

/**
 * A strict reader of the FortiOS CLI we emit: `config <section>` / `edit "<name>"|0` / `set <key> <values>` /
 * `next` / `end`, with quoted strings read per the CLI rules (backslash escapes `"` and `\`). Unknown sections,
 * keys, unbalanced blocks or unterminated strings throw. No FortiOS here: this is the grammar check.
 */
type Svc = { protocol: string; from?: number; to?: number; icmp?: number };
const KEYS: Record<string, readonly string[]> = {
  'firewall address': ['subnet', 'type', 'fqdn', 'wildcard-fqdn'],
  'firewall address6': ['ip6', 'type', 'fqdn'],
  'firewall addrgrp': ['member'],
  'firewall addrgrp6': ['member'],
  'firewall service custom': [
    'protocol',
    'tcp-portrange',
    'udp-portrange',
    'sctp-portrange',
    'icmptype',
    'protocol-number',
  ],
  'firewall policy': [
    'name',
    'srcintf',
    'dstintf',
    'action',
    'srcaddr',
    'dstaddr',
    'srcaddr6',
    'dstaddr6',
    'service',
    'schedule',
    'comments',
  ],
};

/** Tokens of a `set` line's values: bare words or quoted strings (escapes resolved). */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated string: ${text}`);
        const c = text[i] as string;
        if (c === '\\') {
          const next = text[i + 1];
          if (next !== '\\' && next !== '"') throw new Error(`bad escape in ${text}`);
          value += next;
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (i < text.length && text[i] !== ' ') throw new Error(`text after string: ${text}`);
      out.push(value);
    } else {
      const end = text.indexOf(' ', i) < 0 ? text.length : text.indexOf(' ', i);
      const word = text.slice(i, end);
      if (/["\\]/.test(word)) throw new Error(`stray quote: ${text}`);
      out.push(word);
      i = end;
    }
  }
  return out;
}

const maskBits = (mask: string): number => {
  const bits = mask
    .split('.')
    .map((o) => Number(o).toString(2).padStart(8, '0'))
    .join('');
  if (!/^1*0*$/.test(bits)) throw new Error(`bad mask ${mask}`);
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
};

export function parseFortios(text: string): ParsedPolicy[] {
  const entries = new Map<string, Map<string, Map<string, string[]>>>();
  const policies: Map<string, string[]>[] = [];
  let section: string | undefined;
  let entry: Map<string, string[]> | undefined;
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('no final newline');
  for (const line of lines) {
    let m: RegExpMatchArray | null = null;
    const match = (r: RegExp) => {
      m = line.match(r);
      return m !== null;
    };
    if (section === undefined && match(/^#[ -~]*$/)) continue;
    if (section === undefined && match(/^config (.+)$/)) {
      section = (m as unknown as string[])[1] as string;
      if (!KEYS[section] || entries.has(section)) throw new Error(`unknown or repeated section ${section}`);
      entries.set(section, new Map());
    } else if (section !== undefined && entry === undefined && line === 'end') {
      section = undefined;
    } else if (section !== undefined && entry === undefined && match(/^ {4}edit (.+)$/)) {
      const [name] = tokens((m as unknown as string[])[1] as string);
      entry = new Map();
      if (section === 'firewall policy') {
        if ((m as unknown as string[])[1] !== '0') throw new Error('policies use edit 0');
        policies.push(entry);
      } else {
        const table = entries.get(section) as Map<string, Map<string, string[]>>;
        if (!name || table.has(name)) throw new Error(`bad or duplicate name ${name}`);
        table.set(name, entry);
      }
    } else if (entry !== undefined && line === '    next') {
      entry = undefined;
    } else if (entry !== undefined && match(/^ {8}set ([a-z0-9-]+) (.+)$/)) {
      const [, key, values] = m as unknown as string[];
      if (!KEYS[section as string]?.includes(key as string) || entry.has(key as string))
        throw new Error(`bad key ${key}`);
      entry.set(key as string, tokens(values as string));
    } else {
      throw new Error(`unexpected line: ${JSON.stringify(line)}`);
    }
  }
  if (section !== undefined || entry !== undefined) throw new Error('unterminated block');

  const table = (s: string) => entries.get(s) ?? new Map<string, Map<string, string[]>>();
  const address = (family: 4 | 6, name: string): string[] => {
    if (name === 'all') return ['any'];
    const group = table(family === 4 ? 'firewall addrgrp' : 'firewall addrgrp6').get(name);
    if (group) return (group.get('member') ?? []).flatMap((n) => address(family, n));
    const a = table(family === 4 ? 'firewall address' : 'firewall address6').get(name);
    if (!a) throw new Error(`undefined address ${name}`);
    const type = a.get('type')?.[0];
    if (type === 'fqdn') return [a.get('fqdn')?.[0] ?? ''];
    if (type === 'wildcard-fqdn') return [a.get('wildcard-fqdn')?.[0] ?? ''];
    if (family === 6) return [canonicalAddress(a.get('ip6')?.[0] ?? '')];
    const [ip, mask] = a.get('subnet') ?? [];
    return [canonicalAddress(`${ip}/${maskBits(mask ?? '')}`)];
  };
  const service = (name: string): Svc[] => {
    if (name === 'ALL') return [{ protocol: 'ip' }];
    const s = table('firewall service custom').get(name);
    if (!s) throw new Error(`undefined service ${name}`);
    const protocol = s.get('protocol')?.[0];
    if (protocol === 'ICMP' || protocol === 'ICMP6') {
      const type = s.get('icmptype')?.[0];
      return [{ protocol: protocol === 'ICMP' ? 'icmp' : 'icmpv6', ...(type ? { icmp: Number(type) } : {}) }];
    }
    if (protocol === 'IP') {
      const n = s.get('protocol-number')?.[0];
      return [{ protocol: { '47': 'gre', '50': 'esp', '51': 'ah' }[n ?? ''] ?? `proto-${n}` }];
    }
    return (['tcp', 'udp', 'sctp'] as const).flatMap((p) =>
      (s.get(`${p}-portrange`) ?? []).map((r) => {
        const [from, to = from] = r.split('-').map(Number) as [number, number?];
        return { protocol: p, from, to: to as number };
      }),
    );
  };
  return policies.map((p) => {
    const get = (k: string) => p.get(k) ?? [];
    const side = (k: 'src' | 'dst'): 'any' | string[] => {
      const list = [
        ...get(`${k}addr`).flatMap((n) => address(4, n)),
        ...get(`${k}addr6`).flatMap((n) => address(6, n)),
      ];
      if (list.length === 0) throw new Error(`policy without ${k}addr`);
      return list.includes('any') ? 'any' : [...new Set(list)];
    };
    for (const k of ['srcaddr', 'srcaddr6'] as const) {
      if (p.has(k) !== p.has(k === 'srcaddr' ? 'dstaddr' : 'dstaddr6')) throw new Error(`${k} without its pair`);
    }
    if (get('action')[0] !== 'accept' || get('schedule')[0] !== 'always') throw new Error('bad action or schedule');
    return {
      label: get('comments')[0] ?? '',
      from: get('srcintf')[0] ?? '',
      to: get('dstintf')[0] ?? '',
      source: side('src'),
      destination: side('dst'),
      services: servicesFrom(get('service').flatMap(service)),
    };
  });
}

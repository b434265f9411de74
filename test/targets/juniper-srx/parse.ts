import { canonicalAddress, type ParsedPolicy, servicesFrom } from '../support/vendor-contract.js';

/**
 * A strict reader of the Junos `set` commands we emit: each line one known form, each name defined before use,
 * each policy complete (description, match source, destination, application, then permit). No Junos here.
 */
const NAME = '[A-Za-z][A-Za-z0-9_.-]{0,62}';
const re = (s: string) => new RegExp(`^${s}$`);
const BOOK = 'set security address-book global';
type Svc = { protocol: string; from?: number; to?: number; icmp?: number };

interface Draft {
  from: string;
  to: string;
  description?: string;
  source?: string;
  destination?: string;
  application?: string;
  permit?: boolean;
}

export function parseSrx(text: string): ParsedPolicy[] {
  const zones = new Set<string>();
  const addresses = new Map<string, string>();
  const sets = new Map<string, string[]>();
  const apps = new Map<string, Svc>();
  const appSets = new Map<string, string[]>();
  const drafts = new Map<string, Draft>();
  const policy = (from: string, to: string, name: string): Draft => {
    if (!zones.has(from) || !zones.has(to)) throw new Error(`undeclared zone ${from} or ${to}`);
    const key = `${from}|${to}|${name}`;
    const d = drafts.get(key) ?? { from, to };
    drafts.set(key, d);
    return d;
  };
  const once = <K extends keyof Draft>(d: Draft, k: K, v: Draft[K]) => {
    if (d[k] !== undefined) throw new Error(`${k} set twice`);
    d[k] = v;
  };
  const P = `set security policies from-zone (${NAME}) to-zone (${NAME}) policy (${NAME})`;
  const forms: [RegExp, (m: string[]) => void][] = [
    [re(`set security zones security-zone (${NAME})`), ([, z]) => zones.add(z as string)],
    [
      re(`${BOOK} address (${NAME}) (?:([0-9a-f.:]+/\\d{1,3})|dns-name ([A-Za-z0-9.-]+))`),
      ([, n, ip, dns]) => {
        if (addresses.has(n as string) || sets.has(n as string)) throw new Error(`duplicate ${n}`);
        addresses.set(n as string, (ip ?? dns) as string);
      },
    ],
    [
      re(`${BOOK} address-set (${NAME}) address (${NAME})`),
      ([, n, a]) => {
        if (!addresses.has(a as string) || addresses.has(n as string)) throw new Error(`bad address-set ${n} ${a}`);
        sets.set(n as string, [...(sets.get(n as string) ?? []), a as string]);
      },
    ],
    [
      re(
        `set applications application (${NAME}) protocol (?:(tcp|udp) destination-port (\\d+)(?:-(\\d+))?|(icmp|icmp6)(?: (?:icmp-type|icmp6-type) (\\d+))?|(gre|esp|ah))`,
      ),
      ([, n, proto, from, to, icmp, type, bare]) => {
        if (apps.has(n as string)) throw new Error(`duplicate application ${n}`);
        if (n?.startsWith('junos-')) throw new Error('reserved name');
        let svc: Svc;
        if (proto) svc = { protocol: proto, from: Number(from), to: Number(to ?? from) };
        else if (icmp)
          svc = { protocol: icmp === 'icmp6' ? 'icmpv6' : 'icmp', ...(type ? { icmp: Number(type) } : {}) };
        else svc = { protocol: bare as string };
        apps.set(n as string, svc);
      },
    ],
    [
      re(`set applications application-set (${NAME}) application (${NAME})`),
      ([, n, a]) => {
        if (!apps.has(a as string)) throw new Error(`undefined application ${a}`);
        appSets.set(n as string, [...(appSets.get(n as string) ?? []), a as string]);
      },
    ],
    [
      re(`${P} description "([^"\\\\]{0,900})"`),
      ([, f, t, n, d]) => once(policy(f as string, t as string, n as string), 'description', d),
    ],
    [
      re(`${P} match source-address (any|${NAME})`),
      ([, f, t, n, a]) => once(policy(f as string, t as string, n as string), 'source', a),
    ],
    [
      re(`${P} match destination-address (any|${NAME})`),
      ([, f, t, n, a]) => once(policy(f as string, t as string, n as string), 'destination', a),
    ],
    [
      re(`${P} match application (any|${NAME})`),
      ([, f, t, n, a]) => once(policy(f as string, t as string, n as string), 'application', a),
    ],
    [re(`${P} then permit`), ([, f, t, n]) => once(policy(f as string, t as string, n as string), 'permit', true)],
  ];
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('no final newline');
  for (const line of lines) {
    const form = forms.find(([r]) => r.test(line));
    if (!form) throw new Error(`unexpected line: ${JSON.stringify(line)}`);
    form[1](line.match(form[0]) as string[]);
  }
  const side = (ref: string): 'any' | string[] => {
    if (ref === 'any') return 'any';
    const members = sets.get(ref) ?? [ref];
    return members.map((m) => {
      const v = addresses.get(m);
      if (v === undefined) throw new Error(`undefined address ${m}`);
      return canonicalAddress(v);
    });
  };
  return [...drafts.values()].map((d) => {
    if (!(d.description !== undefined && d.source && d.destination && d.application && d.permit)) {
      throw new Error(`incomplete policy ${JSON.stringify(d)}`);
    }
    const services =
      d.application === 'any'
        ? ['ip']
        : servicesFrom(
            (appSets.get(d.application) ?? [d.application]).map((a) => {
              const s = apps.get(a);
              if (!s) throw new Error(`undefined application ${a}`);
              return s;
            }),
          );
    return {
      label: d.description,
      from: d.from,
      to: d.to,
      source: side(d.source),
      destination: side(d.destination),
      services,
    };
  });
}

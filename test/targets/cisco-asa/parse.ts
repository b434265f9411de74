import type { Address } from '../../../src/model/matrix.js';
import { CidrSet } from '../../../src/net/cidr-set.js';
import { parsePrefix } from '../../../src/net/prefixes.js';
import { canonicalAddress, type ParsedPolicy, servicesFrom } from '../support/vendor-contract.js';

/**
 * A strict reader of the ASA configuration we emit: every line must be one of the forms below, every object a
 * reference defined earlier. A line that does not match throws, so a malformed or injected line fails the test.
 */
const NAME = '[A-Za-z0-9_.-]{1,64}';
const V4 = '\\d{1,3}(?:\\.\\d{1,3}){3}';
const V6 = '[0-9a-f:]+';
// No wildcard: an ASA FQDN object names one host (`fqdn v4 *.example` is refused).
const FQDN = '[A-Za-z0-9][A-Za-z0-9.-]*';
const re = (s: string) => new RegExp(`^${s}$`);
const G = {
  comment: re('! [ -~]*'),
  object: re(`object network (${NAME})`),
  objectBody: re(` (?:host (${V4}|${V6})|subnet (${V4}) (${V4})|subnet (${V6}/\\d{1,3})|fqdn (v4|v6) (${FQDN}))`),
  group: re(`object-group network (${NAME})`),
  groupBody: re(` network-object object (${NAME})`),
  service: re(`object-group service (${NAME})`),
  serviceBody: re(
    ` service-object (?:(tcp|udp|sctp) destination (?:eq (\\d+)|range (\\d+) (\\d+))|(icmp|icmp6)(?: (\\d+))?|(gre|esp|ah|ip))`,
  ),
  remark: re(`access-list (${NAME}) remark ([ -~]{1,100})`),
  ace: re(
    `access-list (${NAME}) extended permit object-group (${NAME}) (any|object ${NAME}|object-group ${NAME}) (any|object ${NAME}|object-group ${NAME})`,
  ),
  // The ACL of an interface no flow enters by: everything denied rather than left to the security levels.
  denyAll: re(`access-list (${NAME}) extended deny ip any any`),
  // What a rule's destination leaves out (addresses of other zones), just before its permit.
  denyOut: re(
    `access-list (${NAME}) extended deny object-group (${NAME}) (any|object ${NAME}|object-group ${NAME}) (object ${NAME}|object-group ${NAME})`,
  ),
  accessGroup: re(`access-group (${NAME}) in interface (${NAME})`),
};

const maskBits = (mask: string): number => {
  const n = mask.split('.').reduce((v, o) => v * 256 + Number(o), 0);
  const bits = n.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) throw new Error(`non-contiguous mask ${mask}`);
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
};

/** A destination less what the deny before it takes out, as minimal prefixes (the names stay). */
function less(dst: 'any' | string[], denied: 'any' | string[]): string[] {
  const cidrs = (s: string[]) => s.filter((t) => parsePrefix(t) !== undefined);
  const all = dst === 'any' ? CidrSet.all() : CidrSet.fromAddresses(cidrs(dst).map(cidr));
  const out = all.subtract(CidrSet.fromAddresses(cidrs(denied === 'any' ? [] : denied).map(cidr)));
  const names = dst === 'any' ? [] : dst.filter((t) => parsePrefix(t) === undefined);
  return [...out.toCidrs().map(canonicalAddress), ...names];
}

const cidr = (value: string): Address => ({
  kind: 'cidr',
  family: value.includes(':') ? 6 : 4,
  value: value.includes('/') ? value : `${value}/${value.includes(':') ? 128 : 32}`,
});

export function parseAsa(text: string): ParsedPolicy[] {
  const objects = new Map<string, string>();
  const groups = new Map<string, string[]>();
  const services = new Map<string, { protocol: string; from?: number; to?: number; icmp?: number }[]>();
  const aces: { acl: string; label: string; svc: string; src: string; dst: string; denied?: string }[] = [];
  const bound = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('no final newline');
  let open: { kind: 'object' | 'group' | 'service'; name: string } | undefined;
  let remark: { acl: string; text: string; denied?: { svc: string; src: string; dst: string } } | undefined;
  const taken = (name: string) => {
    if (objects.has(name) || groups.has(name) || services.has(name)) throw new Error(`duplicate name ${name}`);
  };
  for (const line of lines) {
    let m: string[] = [];
    const at = (r: RegExp): boolean => {
      const found = line.match(r);
      m = found ? [...found] : [];
      return found !== null;
    };
    if (open?.kind === 'object' && at(G.objectBody)) {
      if (objects.get(open.name) !== '') throw new Error(`two bodies for ${open.name}`);
      const [, host, net, mask, net6, , fqdn] = m;
      objects.set(open.name, host ?? (net ? `${net}/${maskBits(mask as string)}` : (net6 ?? (fqdn as string))));
      continue;
    }
    if (open?.kind === 'group' && at(G.groupBody)) {
      if (!objects.has(m[1] as string)) throw new Error(`undefined object ${m[1]}`);
      groups.get(open.name)?.push(m[1] as string);
      continue;
    }
    if (open?.kind === 'service' && at(G.serviceBody)) {
      const [, proto, eq, from, to, icmp, type, bare] = m;
      const list = services.get(open.name) ?? [];
      if (proto) list.push({ protocol: proto, from: Number(eq ?? from), to: Number(eq ?? to) });
      else if (icmp)
        list.push({ protocol: icmp === 'icmp6' ? 'icmpv6' : 'icmp', ...(type ? { icmp: Number(type) } : {}) });
      else list.push({ protocol: bare as string });
      continue;
    }
    open = undefined;
    if (G.comment.test(line)) continue;
    if (at(G.object)) {
      taken(m[1] as string);
      objects.set(m[1] as string, '');
      open = { kind: 'object', name: m[1] as string };
    } else if (at(G.group)) {
      taken(m[1] as string);
      groups.set(m[1] as string, []);
      open = { kind: 'group', name: m[1] as string };
    } else if (at(G.service)) {
      taken(m[1] as string);
      services.set(m[1] as string, []);
      open = { kind: 'service', name: m[1] as string };
    } else if (at(G.remark)) {
      // The second remark of a rule whose destination was kept to its zone: the first one is the rule's label.
      const second = remark?.acl === m[1] && (m[2] as string).startsWith('destination kept to zone ');
      // Several remarks before one entry: a rule shared by several flows names each on its own line.
      const another = remark !== undefined && remark.acl === m[1] && !remark.denied && !second;
      if (another && remark) remark = { ...remark, text: `${remark.text} + ${m[2] as string}` };
      else if (!second) remark = { acl: m[1] as string, text: m[2] as string };
    } else if (at(G.denyOut)) {
      if (!remark || remark.acl !== m[1] || remark.denied) throw new Error(`deny without its rule: ${line}`);
      remark.denied = { svc: m[2] as string, src: m[3] as string, dst: m[4] as string };
    } else if (at(G.denyAll)) {
      if (!remark || remark.acl !== m[1]) throw new Error(`entry without its remark: ${line}`);
      remark = undefined;
    } else if (at(G.ace)) {
      if (!remark || remark.acl !== m[1]) throw new Error(`entry without its remark: ${line}`);
      const d = remark.denied;
      if (d && (d.svc !== m[2] || d.src !== m[3])) throw new Error(`deny of another service or source: ${line}`);
      aces.push({
        acl: m[1] as string,
        label: remark.text,
        svc: m[2] as string,
        src: m[3] as string,
        dst: m[4] as string,
        ...(d ? { denied: d.dst } : {}),
      });
      remark = undefined;
    } else if (at(G.accessGroup)) {
      bound.set(m[1] as string, m[2] as string);
    } else {
      throw new Error(`unexpected line: ${JSON.stringify(line)}`);
    }
  }
  const side = (ref: string): 'any' | string[] => {
    if (ref === 'any') return 'any';
    const [kind, name = ''] = ref.split(' ');
    const members = kind === 'object' ? [name] : groups.get(name);
    if (!members) throw new Error(`undefined group ${name}`);
    return members.map((n) => {
      const v = objects.get(n);
      if (!v) throw new Error(`undefined object ${n}`);
      return canonicalAddress(v);
    });
  };
  return aces.map((a) => {
    const svc = services.get(a.svc);
    const iface = bound.get(a.acl);
    if (!svc) throw new Error(`undefined service ${a.svc}`);
    if (!iface) throw new Error(`ACL ${a.acl} bound to no interface`);
    return {
      label: a.label,
      from: iface,
      to: '',
      source: side(a.src),
      destination: a.denied ? less(side(a.dst), side(a.denied)) : side(a.dst),
      services: servicesFrom(svc),
    };
  });
}

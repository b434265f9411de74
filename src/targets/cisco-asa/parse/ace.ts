import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import type { IcmpMatch, Provenance, Rule } from '../../../ruleset/types.js';
import { Cursor } from './lines.js';
import { type AclLine, type Known, known, type Member, type ServiceAlt, unknown } from './model.js';
import { icmpType, isIcmpWord, LOG_LEVELS, type PortProtocol, protocolNumber } from './names.js';
import type { Resolver } from './resolve.js';
import { LineError, need, networkMember, PORT_OPERATORS, portOperator } from './values.js';

/** One access-list entry read: the rules it is (one per service alternative), or why it is left out. */
export interface Ace {
  readonly acl: string;
  readonly line: number;
  readonly text: string;
  readonly inactive: boolean;
  /** Rules without interface or zone: the lowering adds them per binding. */
  readonly rules: readonly Rule[];
}

type Side = Known<CidrSet | undefined>;

const ALL4 = CidrSet.all().family(4);
const ALL6 = CidrSet.all().family(6);
/** User, security-group and identity matches: kept out of the model, each makes the entry uninterpreted. */
const IDENTITY = new Set(['user', 'user-group', 'object-group-user', 'object-group-security', 'security-group']);

interface Context {
  readonly names: ReadonlyMap<string, string>;
  readonly resolver: Resolver;
  readonly opaque: string[];
  /** Before 9.0 an access-list is of one family, and its `any` too (IPv4, or IPv6 in an `ipv6 access-list`). */
  readonly preV9?: boolean;
  readonly any?: CidrSet;
}

/** `any`, `any4`, `any6`, `host A`, `A MASK`, `A/LEN`, `object N`, `object-group N`, `interface N`. */
function side(c: Cursor, ctx: Context): Side {
  while (IDENTITY.has(c.peek() ?? '')) {
    const kind = c.next() as string;
    const name =
      kind === 'security-group' ? `${need(c, 'name or tag')} ${need(c, 'the group')}` : need(c, `the ${kind}`);
    ctx.opaque.push(`${kind} ${name}: identity matches are not modelled`);
  }
  const w = c.peek();
  const anyOf: Readonly<Record<string, CidrSet | undefined>> = { any: ctx.any, any4: ALL4, any6: ALL6 };
  if (w !== undefined && w in anyOf) {
    c.next();
    return known(anyOf[w]);
  }
  if (w === 'interface') {
    c.next();
    const name = need(c, 'the interface name');
    return unknown(`interface ${name}: the device's own addresses on ${name}`);
  }
  const m = networkMember(c, ctx.names);
  return 'value' in m ? m.value : ctx.resolver.networks(m.ref);
}

type Service =
  | { readonly kind: 'ported'; readonly protocol: PortProtocol; readonly alts: Known<ServiceAlt[]> }
  | { readonly kind: 'icmp'; readonly v6: boolean; readonly alts: Known<ServiceAlt[]> }
  | { readonly kind: 'other'; readonly alts: Known<ServiceAlt[]> };

function service(c: Cursor, ctx: Context): Service {
  const w = need(c, 'a protocol', 'write ip, tcp, udp, icmp, a protocol number, object NAME or object-group NAME');
  const col = c.lastCol;
  if (w === 'object' || w === 'object-group') {
    const ref = { kind: w, name: need(c, `the name after ${w}`), line: c.line.no, col } as const;
    const alts = ctx.resolver.services(ref);
    // A protocol group takes ports after the addresses (names valid for TCP and UDP alike).
    const def = ctx.resolver.lookup(ref, ['protocol']);
    return def.ok ? { kind: 'ported', protocol: 'tcp-udp', alts } : { kind: 'other', alts };
  }
  const n = protocolNumber(w);
  if (n === undefined)
    throw new LineError(col, `"${w}" is not a protocol`, 'write ip, tcp, udp, icmp, icmp6, a name or a number 0-255');
  const alts = known<ServiceAlt[]>([n === 'ip' ? {} : { protocols: PortSet.of(n) }]);
  if (n === 6 || n === 17 || n === 132)
    return { kind: 'ported', protocol: n === 6 ? 'tcp' : n === 17 ? 'udp' : 'sctp', alts };
  if (n === 1 || n === 58) return { kind: 'icmp', v6: n === 58, alts };
  return { kind: 'other', alts };
}

/** A port match after an address: an operator, or `object-group` of a port group. */
function ports(c: Cursor, svc: Service, ctx: Context): Known<PortSet> | undefined {
  const w = c.peek();
  if (w === undefined) return undefined;
  const protocol = svc.kind === 'ported' ? svc.protocol : 'tcp-udp';
  if (PORT_OPERATORS.has(w)) {
    c.next();
    return portOperator(c, w, protocol);
  }
  if (w === 'object-group') {
    const ref = { kind: 'object-group' as const, name: c.peek(1) ?? '', line: c.line.no, col: c.col };
    if (!ctx.resolver.lookup(ref, ['port']).ok) return undefined;
    c.next();
    c.next();
    return ctx.resolver.ports(ref);
  }
  return undefined;
}

/** `TYPE [CODE]` or `object-group ICMP-GROUP` after the destination of an icmp entry. */
function icmp(c: Cursor, v6: boolean, ctx: Context): Known<IcmpMatch[]> | undefined {
  const w = c.peek();
  if (w === undefined || w === 'log' || w === 'time-range' || w === 'inactive') return undefined;
  if (w === 'object-group') {
    c.next();
    const ref = { kind: 'object-group' as const, name: need(c, 'an icmp-type group'), line: c.line.no, col: c.lastCol };
    const types = ctx.resolver.icmpTypes(ref);
    return types.ok ? known(types.value.map((type) => ({ type }))) : types;
  }
  if (!isIcmpWord(w)) return undefined;
  c.next();
  const type = icmpType(w, v6);
  if (type === undefined) return unknown(`"${w}" is not an ${v6 ? 'icmp6' : 'icmp'} type`);
  const code = c.peek();
  if (code !== undefined && /^\d+$/.test(code)) {
    c.next();
    return known([{ type, code: Number(code) }]);
  }
  return known([{ type }]);
}

/** `log [LEVEL] [interval N] | log disable | log default`, `time-range NAME`, `inactive`. */
function options(c: Cursor, ctx: Context): boolean {
  let inactive = false;
  while (!c.done) {
    const w = c.next() as string;
    if (w === 'log') {
      while (!c.done) {
        const o = c.peek() as string;
        if (/^[0-7]$/.test(o) || LOG_LEVELS.has(o) || o === 'disable' || o === 'default') c.next();
        else if (o === 'interval') {
          c.next();
          need(c, 'the interval in seconds');
        } else break;
      }
    } else if (w === 'time-range') {
      ctx.opaque.push(`time-range ${need(c, 'the time-range name')}: a schedule, active or not depending on the clock`);
    } else if (w === 'inactive') {
      inactive = true;
    } else {
      throw new LineError(c.lastCol, `unexpected "${w}"`, 'an entry ends with log, time-range or inactive');
    }
  }
  return inactive;
}

const ICMP = PortSet.of(1);
const ICMP6 = PortSet.of(58);

/**
 * `icmp` matches ICMP over IPv4 only and `icmp6` ICMPv6 over IPv6 only (the ASA applies neither to the other
 * family, whatever the addresses): a protocol set naming them is split so each keeps its family.
 */
function byIcmpFamily(alt: ServiceAlt): (ServiceAlt & { family?: 4 | 6 })[] {
  const p = alt.protocols;
  if (!p || (!p.overlaps(ICMP) && !p.overlaps(ICMP6))) return [alt];
  const out: (ServiceAlt & { family?: 4 | 6 })[] = [];
  const rest = p.subtract(ICMP).subtract(ICMP6);
  if (!rest.isEmpty()) out.push({ ...alt, protocols: rest });
  if (p.overlaps(ICMP)) out.push({ ...alt, protocols: ICMP, family: 4 });
  if (p.overlaps(ICMP6)) out.push({ ...alt, protocols: ICMP6, family: 6 });
  return out;
}

const within = (a: PortSet | undefined, b: PortSet | undefined): PortSet | undefined =>
  a === undefined ? b : b === undefined ? a : a.intersect(b);

/** One access-list line (not a remark) into rules; a broken line throws LineError with its column. */
export function readAce(acl: string, entry: AclLine, file: string, ctx: Omit<Context, 'opaque'>): Ace {
  const c = new Cursor(entry.line, entry.from);
  const any = entry.ipv6 ? ALL6 : ctx.preV9 ? ALL4 : undefined;
  const full: Context = { ...ctx, opaque: [], ...(any ? { any } : {}) };
  if (c.peek() === 'line') {
    c.next();
    need(c, 'the line number');
  }
  let type = c.peek();
  if (type === 'permit' || type === 'deny') type = 'extended';
  else c.next();
  if (type === 'webtype' || type === 'ethertype') {
    throw new LineError(
      c.lastCol,
      `${type} access-lists are not read`,
      'verify reads extended and standard access-lists',
    );
  }
  if (type !== 'extended' && type !== 'standard') {
    throw new LineError(c.lastCol, `"${type}" is not an access-list type`, 'use extended, standard or remark');
  }
  const action = need(c, 'permit or deny');
  if (action !== 'permit' && action !== 'deny') throw new LineError(c.lastCol, `"${action}" is not permit or deny`);
  const provenance: Provenance = {
    file,
    line: entry.line.no,
    text: entry.line.text,
    ...(entry.remark ? { comment: entry.remark } : {}),
  };
  const verdict = action === 'permit' ? ({ kind: 'accept' } as const) : ({ kind: 'drop' } as const);
  let alts: Known<ServiceAlt[]>;
  let source: Side = known(undefined);
  let destination: Side;
  let inline: { source?: Known<PortSet>; destination?: Known<PortSet>; icmp?: Known<IcmpMatch[]> } = {};
  if (type === 'standard') {
    // Standard access-lists match the destination address only (route maps, VPN filters).
    alts = known([{}]);
    destination = side(c, full);
  } else {
    const svc = service(c, full);
    alts = svc.alts;
    source = side(c, full);
    const sp = svc.kind === 'ported' ? ports(c, svc, full) : undefined;
    destination = side(c, full);
    const dp = svc.kind === 'ported' ? ports(c, svc, full) : undefined;
    const types = svc.kind === 'icmp' ? icmp(c, svc.v6, full) : undefined;
    inline = { ...(sp ? { source: sp } : {}), ...(dp ? { destination: dp } : {}), ...(types ? { icmp: types } : {}) };
  }
  const inactive = options(c, full);
  const opaque = full.opaque;
  for (const k of [source, destination, alts, inline.source, inline.destination, inline.icmp]) {
    if (k && !k.ok) opaque.push(k.reason);
  }
  const rules: Rule[] = [];
  for (const alt of (alts.ok ? alts.value : [{}]).flatMap(byIcmpFamily)) {
    const rule: { -readonly [K in keyof Rule]: Rule[K] } = { verdict, provenance };
    if (alt.family) rule.family = alt.family;
    if (source.ok && source.value) rule.source = source.value;
    if (destination.ok && destination.value) rule.destination = destination.value;
    if (alt.protocols) rule.protocols = alt.protocols;
    const sp = within(alt.sourcePorts, inline.source?.ok ? inline.source.value : undefined);
    const dp = within(alt.destinationPorts, inline.destination?.ok ? inline.destination.value : undefined);
    if (sp) rule.sourcePorts = sp;
    if (dp) rule.destinationPorts = dp;
    const types = inline.icmp?.ok ? inline.icmp.value : alt.icmp;
    if (types) rule.icmp = types;
    if (opaque.length > 0) rule.opaque = [...opaque];
    rules.push(rule);
  }
  return { acl, line: entry.line.no, text: entry.line.text, inactive, rules };
}

export type { Member };

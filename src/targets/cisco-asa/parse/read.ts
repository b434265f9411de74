import { CidrSet } from '../../../net/cidr-set.js';
import { prefixOf, prefixOfMask } from '../../kit/route-table.js';
import { Cursor, commandLines, type Line, pagerResidue } from './lines.js';
import {
  type AccessGroup,
  type AclLine,
  type AsaConfig,
  type AsaInterface,
  type AsaRoute,
  type Definition,
  type GroupType,
  known,
  type Member,
  type NatStatement,
  unknown,
} from './model.js';
import { icmpType } from './names.js';
import { legacyNat, objectNat, twiceNat } from './nat.js';
import type { Problems } from './problems.js';
import {
  hostSet,
  LineError,
  need,
  networkMember,
  networkSet,
  PORT_OPERATORS,
  portOperator,
  protocolSet,
  serviceMember,
} from './values.js';

const GROUP_TYPES = new Set(['network', 'service', 'protocol', 'icmp-type', 'user', 'security', 'network-service']);
/** Object names: what the ASA accepts (no spaces, no markup), so a template or pasted XML fails here. */
const NAME = /^[A-Za-z0-9_.:@/+-][A-Za-z0-9_.:@/+()-]{0,63}$/;

type Mode =
  | { kind: 'none' }
  | { kind: 'interface'; iface: { -readonly [K in keyof AsaInterface]: AsaInterface[K] } }
  | { kind: 'definition'; def: Definition };

/**
 * First pass over a running-config: every command this reader models, objects and groups with their members,
 * access-list lines kept by list (read in a second pass, once every object is known), bindings and translations.
 * Commands it does not model (crypto, logging, routes…) are skipped with their sub-commands.
 */
export function readConfig(file: string, text: string, problems: Problems): AsaConfig {
  const names = new Map<string, string>();
  const interfaces: AsaInterface[] = [];
  const routes: AsaRoute[] = [];
  const definitions = new Map<string, Definition>();
  const acls = new Map<string, AclLine[]>();
  const pendingRemarks = new Map<string, string[]>();
  const groups: AccessGroup[] = [];
  const nat: NatStatement[] = [];
  const sameSecurity = { inter: false, intra: false };
  const counts = { objects: 0, objectGroups: 0, names: 0 };
  let hostname: string | undefined;
  let version: AsaConfig['version'];
  let mode: Mode = { kind: 'none' };

  const closeInterface = () => {
    if (mode.kind === 'interface' && mode.iface.name) interfaces.push(mode.iface);
  };

  const define = (c: Cursor, kind: 'object' | 'object-group', line: Line): Definition | undefined => {
    const type = need(c, `the type after ${kind}`);
    if (kind === 'object' && type !== 'network' && type !== 'service') {
      throw new LineError(c.lastCol, `unknown object type "${type}"`, 'use object network or object service');
    }
    if (kind === 'object-group' && !GROUP_TYPES.has(type)) {
      throw new LineError(c.lastCol, `unknown object-group type "${type}"`, `use ${[...GROUP_TYPES].join(', ')}`);
    }
    const name = need(c, `the name of the ${kind}`);
    if (!NAME.test(name)) throw new LineError(c.lastCol, `"${name}" is not a valid object name`);
    const proto = c.next();
    let groupType: GroupType =
      type === 'network' || type === 'protocol' || type === 'icmp-type' || type === 'service' ? type : 'other';
    if (proto !== undefined && !(type === 'service' && ['tcp', 'udp', 'tcp-udp'].includes(proto))) {
      throw new LineError(c.lastCol, `unexpected "${proto}" after ${kind} ${type} ${name}`);
    }
    if (proto !== undefined) groupType = 'port';
    const existing = definitions.get(name);
    if (existing) {
      if (existing.kind !== kind || (existing.type !== groupType && !(existing.type === 'port' && !proto))) {
        throw new LineError(c.lastCol, `"${name}" is already defined at line ${existing.line} as another kind`);
      }
      return existing;
    }
    const def: Definition = {
      name,
      kind,
      type: groupType,
      ...(proto ? { portProtocol: proto as 'tcp' | 'udp' | 'tcp-udp' } : {}),
      line: line.no,
      text: line.text,
      networks: [],
      services: [],
      ports: [],
      protocols: [],
      icmp: [],
      nested: [],
    };
    definitions.set(name, def);
    return def;
  };

  const member = (def: Definition, c: Cursor): void => {
    const w = need(c, 'a command');
    if (w === 'description') {
      (def as { description?: string }).description = c.rest();
      while (!c.done) c.next();
      return;
    }
    if (w === 'group-object') {
      if (def.kind !== 'object-group') throw new LineError(c.lastCol, 'group-object is only for object-groups');
      const ref = { kind: 'object-group' as const, name: need(c, 'a group name'), line: c.line.no, col: c.lastCol };
      def.nested.push(ref);
      return;
    }
    const kind = `${def.kind} ${def.type}`;
    const wrong = () => new LineError(c.lastCol, `"${w}" is not a command of ${kind} ${def.name}`, hintFor(def));
    switch (def.type) {
      case 'network': {
        if (def.kind === 'object-group') {
          if (w !== 'network-object') throw wrong();
          def.networks.push(networkMember(c, names));
          return;
        }
        if (w === 'nat') {
          nat.push(objectNat(c, def, names));
          return;
        }
        const body = objectBody(w, c, names);
        if (!body) throw wrong();
        def.networks.length = 0; // a later host/subnet/range replaces the earlier one, as on the device
        def.networks.push(body);
        return;
      }
      case 'service':
      case 'port': {
        if (w === 'service-object' || (def.kind === 'object' && w === 'service')) {
          def.services.push(serviceMember(c));
          return;
        }
        if (w === 'port-object') {
          const op = need(c, 'a port operator');
          if (!PORT_OPERATORS.has(op)) {
            throw new LineError(c.lastCol, `"${op}" is not a port operator`, 'use eq, range, lt, gt or neq');
          }
          def.ports.push({ value: portOperator(c, op, def.portProtocol ?? 'tcp-udp') });
          return;
        }
        throw wrong();
      }
      case 'protocol': {
        if (w !== 'protocol-object') throw wrong();
        const p = need(c, 'a protocol');
        if (p === 'object') {
          const ref = { kind: 'object' as const, name: need(c, 'an object name'), line: c.line.no, col: c.lastCol };
          def.protocols.push({ ref });
        } else def.protocols.push({ value: protocolSet(p) });
        return;
      }
      case 'icmp-type': {
        if (w !== 'icmp-object') throw wrong();
        const t = need(c, 'an ICMP type');
        const n = icmpType(t, false);
        def.icmp.push({ value: n === undefined ? unknown(`"${t}" is not an ICMP type`) : known([n]) });
        return;
      }
      default:
        while (!c.done) c.next(); // user and security groups: members kept out of the model
    }
  };

  const accessList = (c: Cursor, line: Line, ipv6: boolean): void => {
    const acl = need(c, 'the access-list name');
    if (!NAME.test(acl)) throw new LineError(c.lastCol, `"${acl}" is not a valid access-list name`);
    if (c.peek() === 'remark') {
      c.next();
      const remarks = pendingRemarks.get(acl) ?? [];
      pendingRemarks.set(acl, remarks);
      remarks.push(c.rest());
      return;
    }
    const remarks = pendingRemarks.get(acl);
    pendingRemarks.delete(acl);
    const list = acls.get(acl) ?? [];
    acls.set(acl, list);
    list.push({
      line,
      from: ipv6 ? 3 : 2,
      ...(ipv6 ? { ipv6 } : {}),
      ...(remarks ? { remark: remarks.join(' / ') } : {}),
    });
  };

  const topLevel = (line: Line, c: Cursor): void => {
    const w = c.next() as string;
    switch (w) {
      case 'hostname':
        hostname = need(c, 'the host name');
        return;
      case 'ASA':
      case 'PIX': {
        if (c.next() !== 'Version') return;
        const m = /^(\d+)\.(\d+)/.exec(c.next() ?? '');
        if (m) version = { product: w, major: Number(m[1]), minor: Number(m[2]) };
        return;
      }
      case 'name': {
        const addr = need(c, 'an address');
        const alias = need(c, 'the name');
        names.set(alias, addr);
        counts.names++;
        while (!c.done) c.next();
        return;
      }
      case 'interface':
        mode = { kind: 'interface', iface: { name: '', hardware: need(c, 'an interface'), line: line.no } };
        return;
      case 'object':
      case 'object-group': {
        const def = define(c, w, line);
        if (w === 'object') counts.objects++;
        else counts.objectGroups++;
        if (def) mode = { kind: 'definition', def };
        return;
      }
      case 'route': {
        const route = staticRoute(c, line, names, false);
        if (route) routes.push(route);
        return;
      }
      case 'ipv6':
        if (c.peek() === 'route') {
          c.next();
          const route = staticRoute(c, line, names, true);
          if (route) routes.push(route);
          return;
        }
        // ipv6 access-list NAME …: before 9.0 IPv6 rules lived in lists of their own (9.0 merged them in extended).
        if (c.peek() !== 'access-list') {
          mode = { kind: 'none' };
          return;
        }
        c.next();
        accessList(c, line, true);
        return;
      case 'access-list':
        accessList(c, line, false);
        return;
      case 'access-group':
        groups.push(accessGroup(c, line));
        return;
      case 'nat':
        nat.push(twiceNat(c, names));
        return;
      case 'static':
      case 'global':
        nat.push(legacyNat(c, w, names));
        return;
      case 'same-security-traffic': {
        if (c.next() !== 'permit') return;
        const which = need(c, 'inter-interface or intra-interface');
        if (which === 'inter-interface') sameSecurity.inter = true;
        else if (which === 'intra-interface') sameSecurity.intra = true;
        else throw new LineError(c.lastCol, `unknown "${which}"`, 'use inter-interface or intra-interface');
        return;
      }
      default:
        mode = { kind: 'none' };
    }
  };

  const lines = commandLines(text);
  const first = lines[0];
  if (first && /^<\?xml|^<[A-Za-z]/.test(first.text)) {
    problems.error(
      first.no,
      1,
      'this is an XML document (a template?), not an ASA running-config',
      'give the output of show running-config',
    );
    return emptyConfig(file);
  }
  for (const line of lines) {
    const c = new Cursor(line);
    const pager = pagerResidue(line);
    if (pager !== undefined) {
      // The lines around it may be cut, merged or shifted into another command's sub-commands: nothing is guessed.
      problems.error(
        line.no,
        pager,
        'terminal pager residue (<--- More --->): the lines around it may be cut or merged',
        'capture the configuration with terminal pager 0 first (or more system:running-config)',
      );
      continue;
    }
    try {
      const current = mode as Mode;
      if (line.indented && current.kind !== 'none') {
        if (current.kind === 'interface') interfaceLine(current.iface, c);
        else member(current.def, c);
        continue;
      }
      if (line.indented) continue; // a sub-command of a command this reader skips
      closeInterface();
      mode = { kind: 'none' };
      topLevel(line, c);
      if (
        mode.kind === 'none' &&
        !c.done &&
        ['hostname', 'access-group', 'name'].includes(line.tokens[0]?.text ?? '')
      ) {
        throw new LineError(c.col, `unexpected "${c.peek()}"`);
      }
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      problems.error(line.no, e.col, e.message, e.hint);
    }
  }
  closeInterface();
  for (const [acl, remarks] of pendingRemarks) {
    problems.warn(0, 1, `access-list ${acl} ends with remarks no entry follows: ${remarks.join(' / ')}`);
  }
  return {
    file,
    ...(hostname ? { hostname } : {}),
    ...(version ? { version } : {}),
    names,
    interfaces,
    routes,
    definitions,
    acls,
    groups,
    nat,
    sameSecurity,
    counts,
  };
}

function emptyConfig(file: string): AsaConfig {
  return {
    file,
    names: new Map(),
    interfaces: [],
    routes: [],
    definitions: new Map(),
    acls: new Map(),
    groups: [],
    nat: [],
    sameSecurity: { inter: false, intra: false },
    counts: { objects: 0, objectGroups: 0, names: 0 },
  };
}

const hintFor = (def: Definition): string =>
  def.kind === 'object'
    ? def.type === 'network'
      ? 'use host, subnet, range, fqdn, nat or description'
      : 'use service or description'
    : {
        network: 'use network-object, group-object or description',
        service: 'use service-object, port-object, group-object or description',
        port: 'use port-object, group-object or description',
        protocol: 'use protocol-object, group-object or description',
        'icmp-type': 'use icmp-object, group-object or description',
        other: 'a group of this type is not read',
      }[def.type];

/** `host A`, `subnet A MASK|A/LEN`, `range A B`, `fqdn [v4|v6] NAME` of an `object network`. */
function objectBody(w: string, c: Cursor, names: ReadonlyMap<string, string>): Member<CidrSet> | undefined {
  switch (w) {
    case 'host':
      return { value: hostSet(need(c, 'the address after host'), names) };
    case 'subnet':
      return { value: networkSet(c, need(c, 'the network after subnet'), names) };
    case 'range': {
      const a = need(c, 'the first address');
      const b = need(c, 'the last address');
      const r = CidrSet.fromRange(names.get(a) ?? a, names.get(b) ?? b);
      return { value: r.ok ? known(r.value) : unknown(r.message) };
    }
    case 'fqdn': {
      let name = need(c, 'a domain name');
      if (name === 'v4' || name === 'v6') name = need(c, 'a domain name');
      return { value: unknown(`fqdn ${name}: the device resolves it, addresses cannot be compared`) };
    }
    default:
      return undefined;
  }
}

function interfaceLine(iface: { -readonly [K in keyof AsaInterface]: AsaInterface[K] }, c: Cursor): void {
  const w = c.next();
  if (w === 'nameif') iface.name = need(c, 'the interface name');
  else if (w === 'security-level') {
    const level = need(c, 'a level from 0 to 100');
    if (!/^\d+$/.test(level) || Number(level) > 100) {
      throw new LineError(c.lastCol, `security level "${level}" is not a number from 0 to 100`);
    }
    iface.securityLevel = { level: Number(level), line: c.line.no, text: c.line.text };
  } else if (w === 'ip' && c.peek() === 'address') {
    c.next();
    const a = c.next();
    if (a !== undefined && /^\d/.test(a)) iface.address = a;
    const at = { line: c.line.no, text: c.line.text };
    const network = a !== undefined && /^\d/.test(a) ? asaPrefix(a, c.next() ?? '') : undefined;
    if (network) iface.networks = [...(iface.networks ?? []), { destination: network, ...at }];
    else if (a === 'dhcp' && c.rest().split(' ').includes('setroute'))
      iface.networks = [...(iface.networks ?? []), { destination: '0.0.0.0/0', ...at }];
    while (!c.done) c.next();
  } else if (w === 'ipv6' && c.peek() === 'address') {
    c.next();
    const a = c.next() ?? '';
    const network = a.includes('/') ? asaPrefix(a, '') : undefined;
    if (network)
      iface.networks = [...(iface.networks ?? []), { destination: network, line: c.line.no, text: c.line.text }];
    while (!c.done) c.next();
  }
}

/**
 * `A M` (IPv4, `0` standing for 0.0.0.0 as the ASA writes a default route) or `P/L` (IPv6) as the prefix that holds
 * it, or undefined when it is not one.
 */
const asaPrefix = (address: string, mask: string): string | undefined =>
  address.includes('/')
    ? prefixOf(address)
    : prefixOfMask(address === '0' ? '0.0.0.0' : address, mask === '0' ? '0.0.0.0' : mask);

/** `route IF NET MASK GW [metric] [track N | tunneled]`, `ipv6 route IF PREFIX GW`: a static route, when it is one. */
function staticRoute(c: Cursor, line: Line, names: ReadonlyMap<string, string>, ipv6: boolean): AsaRoute | undefined {
  // Routes only place packets that do not say their interfaces: one this reading cannot follow is left out.
  const iface = c.next() ?? '';
  const net = c.next() ?? '';
  const destination = ipv6 ? asaPrefix(net, '') : asaPrefix(names.get(net) ?? net, c.next() ?? '');
  c.next(); // the gateway
  const after = c.next();
  const distance = after !== undefined && /^\d+$/.test(after) ? Number(after) : 1;
  while (!c.done) c.next();
  return destination && iface ? { interface: iface, destination, distance, line: line.no, text: line.text } : undefined;
}

function accessGroup(c: Cursor, line: Line): AccessGroup {
  const acl = need(c, 'the access-list name');
  const dir = need(c, 'in, out or global');
  if (dir === 'global') return { acl, direction: 'global', line: line.no, text: line.text };
  if (dir !== 'in' && dir !== 'out')
    throw new LineError(c.lastCol, `"${dir}" is not a direction`, 'use in, out or global');
  if (c.next() !== 'interface')
    throw new LineError(c.lastCol, 'interface expected', `write access-group ${acl} ${dir} interface NAME`);
  const iface = need(c, 'the interface name');
  const options = c.rest().split(' ');
  while (!c.done) c.next(); // per-user-override changes nothing here; control-plane is traffic to the box
  const controlPlane = options.includes('control-plane');
  return {
    acl,
    direction: dir,
    interface: iface,
    line: line.no,
    text: line.text,
    ...(controlPlane ? { controlPlane } : {}),
  };
}

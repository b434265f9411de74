import type { Issue } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { parsePortList } from '../../../net/ports.js';
import { configIssue } from '../../../ruleset/config-file.js';
import { PROTOCOL_NUMBERS } from '../../../ruleset/types.js';
import { APPLICATION_DEFAULTS, PREDEFINED_SERVICES } from './applications.js';
import type { Located, PanosDocument, PanosScope } from './model.js';

/** Addresses a name stands for: the part the configuration states, and why the rest cannot be known here. */
export interface AddressValue {
  readonly set: CidrSet;
  readonly opaque: readonly string[];
}

/** One protocol's destination ports (and source ports) of a service. */
export interface ServicePiece {
  readonly protocol: number;
  readonly ports: PortSet;
  readonly sourcePorts?: PortSet;
}

export interface ServiceValue {
  readonly pieces: readonly ServicePiece[];
  readonly opaque: readonly string[];
}

const SERVICE_PROTOCOLS: Readonly<Record<string, number>> = {
  tcp: PROTOCOL_NUMBERS.tcp,
  udp: PROTOCOL_NUMBERS.udp,
  sctp: PROTOCOL_NUMBERS.sctp,
};

const EMPTY: AddressValue = { set: CidrSet.empty(), opaque: [] };

/**
 * Names of a rule resolved in its scope, then the parent scopes up to `shared` (a device group's parents, a vsys's
 * shared objects), as PAN-OS looks them up. A definition that cannot be read is an error at its line, reported
 * once; a name the configuration does not define, or whose contents live elsewhere (FQDN, dynamic group, external
 * list), is returned as a reason, never as addresses.
 */
export class Resolver {
  private readonly chain: PanosScope[] = [];
  private readonly addresses = new Map<string, AddressValue>();
  private readonly services = new Map<string, ServiceValue>();

  constructor(
    private readonly doc: PanosDocument,
    scopeName: string,
    readonly issues: Issue[],
  ) {
    const seen = new Set<string>();
    let name: string | undefined = scopeName;
    while (name !== undefined && !seen.has(name)) {
      seen.add(name);
      const scope = doc.scopes.get(name);
      if (scope) this.chain.push(scope);
      name = scope?.parent ?? (name === 'shared' ? undefined : 'shared');
    }
  }

  private find<T>(pick: (s: PanosScope) => Map<string, T>, name: string): T | undefined {
    for (const scope of this.chain) {
      const found = pick(scope).get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  address(name: string, path: readonly string[] = []): AddressValue {
    const known = this.addresses.get(name);
    if (known) return known;
    if (path.includes(name)) {
      this.error(
        this.find((s) => s.addressGroups, name),
        `address group ${name} contains itself (${[...path, name].join(' → ')})`,
        'remove the loop',
      );
      return EMPTY;
    }
    const value = this.resolveAddress(name, path);
    this.addresses.set(name, value);
    return value;
  }

  private resolveAddress(name: string, path: readonly string[]): AddressValue {
    const object = this.find((s) => s.addresses, name);
    if (object) {
      switch (object.type) {
        case 'ip-netmask': {
          const r = CidrSet.parse([object.value], { lenient: true });
          if (r.ok) return { set: r.value, opaque: [] };
          this.error(object, `address ${name}: ${r.message}`, r.hint ?? 'write 10.0.0.0/8 or 2001:db8::/32');
          return EMPTY;
        }
        case 'ip-range': {
          const [first, last, more] = object.value.split('-');
          const r =
            first !== undefined && last !== undefined && more === undefined
              ? CidrSet.fromRange(first.trim(), last.trim())
              : undefined;
          if (r?.ok) return { set: r.value, opaque: [] };
          this.error(
            object,
            `address ${name}: ${r && !r.ok ? r.message : `"${object.value}" is not a range`}`,
            'write 10.0.0.1-10.0.0.9',
          );
          return EMPTY;
        }
        case 'fqdn':
          return {
            set: CidrSet.empty(),
            opaque: [`address ${name} is the FQDN ${object.value}, which the firewall resolves`],
          };
        case 'ip-wildcard':
          return { set: CidrSet.empty(), opaque: [`address ${name} is the wildcard mask ${object.value}`] };
        default:
          this.error(object, `address ${name} has no value`, 'give it ip-netmask, ip-range, ip-wildcard or fqdn');
          return EMPTY;
      }
    }
    const group = this.find((s) => s.addressGroups, name);
    if (group) {
      if (group.dynamic !== undefined)
        return {
          set: CidrSet.empty(),
          opaque: [`address group ${name} is dynamic (${group.dynamic}): its members are registered at run time`],
        };
      // No member read (a pre-6.0 group, a form not read here): not an empty set, which would match nothing.
      if (group.members.length === 0)
        return { set: CidrSet.empty(), opaque: [`address group ${name} has no member this reader understands`] };
      let set = CidrSet.empty();
      const opaque: string[] = [];
      for (const member of group.members) {
        const v = this.address(member, [...path, name]);
        set = set.union(v.set);
        opaque.push(...v.opaque);
      }
      return { set, opaque };
    }
    if (this.find((s) => s.externalLists, name) || name.startsWith('panw-'))
      return { set: CidrSet.empty(), opaque: [`${name} is an external dynamic list, fetched by the firewall`] };
    const literal = literalAddress(name);
    if (literal) return { set: literal, opaque: [] };
    if (/^[A-Z]{2}$/.test(name)) return { set: CidrSet.empty(), opaque: [`${name} is a country (geolocation)`] };
    return { set: CidrSet.empty(), opaque: [`address ${name} is not defined in this configuration`] };
  }

  service(name: string, path: readonly string[] = []): ServiceValue {
    const known = this.services.get(name);
    if (known) return known;
    if (path.includes(name)) {
      this.error(
        this.find((s) => s.serviceGroups, name),
        `service group ${name} contains itself (${[...path, name].join(' → ')})`,
        'remove the loop',
      );
      return { pieces: [], opaque: [] };
    }
    const value = this.resolveService(name, path);
    this.services.set(name, value);
    return value;
  }

  private resolveService(name: string, path: readonly string[]): ServiceValue {
    const object = this.find((s) => s.services, name);
    if (object) {
      const piece = this.servicePiece(object, name, object.protocol, object.ports, object.sourcePorts);
      return { pieces: piece ? [piece] : [], opaque: [] };
    }
    const group = this.find((s) => s.serviceGroups, name);
    if (group) {
      if (group.members.length === 0)
        return { pieces: [], opaque: [`service group ${name} has no member this reader understands`] };
      const pieces: ServicePiece[] = [];
      const opaque: string[] = [];
      for (const member of group.members) {
        const v = this.service(member, [...path, name]);
        pieces.push(...v.pieces);
        opaque.push(...v.opaque);
      }
      return { pieces, opaque };
    }
    const predefined = PREDEFINED_SERVICES[name];
    if (predefined) {
      const piece = this.servicePiece(undefined, name, predefined.protocol, predefined.ports, undefined);
      return { pieces: piece ? [piece] : [], opaque: [] };
    }
    return { pieces: [], opaque: [`service ${name} is not defined in this configuration`] };
  }

  private servicePiece(
    at: Located | undefined,
    name: string,
    protocolName: string,
    ports: string | undefined,
    sourcePorts: string | undefined,
  ): ServicePiece | undefined {
    const protocol = SERVICE_PROTOCOLS[protocolName];
    if (protocol === undefined) {
      this.error(
        at,
        `service ${name}: protocol "${protocolName}" is not tcp, udp or sctp`,
        'a PAN-OS service is tcp, udp or sctp',
      );
      return undefined;
    }
    const dst = ports === undefined ? undefined : parsePortList(ports);
    if (!dst?.ok) {
      this.error(
        at,
        `service ${name}: ${dst ? dst.message : 'no destination port'}`,
        'write port 80,443 or 1024-65535',
      );
      return undefined;
    }
    const piece: { -readonly [K in keyof ServicePiece]: ServicePiece[K] } = {
      protocol,
      ports: PortSet.fromRanges(dst.value),
    };
    if (sourcePorts !== undefined) {
      const src = parsePortList(sourcePorts);
      if (!src.ok) {
        this.error(at, `service ${name}: source port ${src.message}`, 'write source-port 1024-65535');
        return undefined;
      }
      piece.sourcePorts = PortSet.fromRanges(src.value);
    }
    return piece;
  }

  /** An application's default ports: a custom application's own, or the table's; `undefined` when not known here. */
  applicationPorts(name: string): { pieces: ServicePiece[]; secure: ServicePiece[] } | undefined {
    const custom = this.find((s) => s.applications, name);
    if (custom) {
      if (custom.defaultPorts.length === 0) return undefined;
      const pieces = custom.defaultPorts.map(portSpec);
      return pieces.every((p) => p !== undefined) ? { pieces: pieces as ServicePiece[], secure: [] } : undefined;
    }
    const known = APPLICATION_DEFAULTS[name];
    if (!known) return undefined;
    const parse = (list: readonly string[] | undefined) => (list ?? []).map((p) => portSpec(p) as ServicePiece);
    return { pieces: parse(known.ports), secure: parse(known.secure) };
  }

  /** Application names with groups expanded (in their order); `loops` reports a group that contains itself. */
  applications(names: readonly string[], path: readonly string[] = []): string[] {
    const out: string[] = [];
    for (const name of names) {
      const group = this.find((s) => s.applicationGroups, name);
      if (!group) {
        out.push(name);
        continue;
      }
      if (path.includes(name)) {
        this.error(group, `application group ${name} contains itself`, 'remove the loop');
        continue;
      }
      out.push(...this.applications(group.members, [...path, name]));
    }
    return out;
  }

  isApplicationFilter(name: string): boolean {
    return this.find((s) => s.applicationFilters, name) !== undefined;
  }

  /** The scopes names are looked up in, most specific first. */
  scopes(): readonly PanosScope[] {
    return this.chain;
  }

  private error(at: Located | undefined, message: string, hint: string): void {
    const line = at?.line ?? 1;
    // Several resolvers (one per scope) share the issue list: a shared object's error is reported once.
    if (this.issues.some((i) => i.line === line && i.message === message)) return;
    this.issues.push(configIssue(this.doc.file, line, message, hint));
  }
}

/** A literal a rule may name instead of an object: `10.0.0.0/8`, `192.0.2.1`, `2001:db8::1`, `10.0.0.1-10.0.0.9`. */
function literalAddress(name: string): CidrSet | undefined {
  if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?(-[0-9a-fA-F:.]+)?$/.test(name) || !/[.:]/.test(name)) return undefined;
  const dash = name.indexOf('-');
  const r =
    dash > 0 ? CidrSet.fromRange(name.slice(0, dash), name.slice(dash + 1)) : CidrSet.parse([name], { lenient: true });
  return r.ok ? r.value : undefined;
}

/**
 * `tcp/80,8080` or `udp/1025-65535` of an application's default ports; `undefined` for what is not a port list
 * (`tcp/dynamic`, an IP protocol, ICMP), which leaves the application uninterpreted.
 */
function portSpec(spec: string): ServicePiece | undefined {
  const [name = '', list, more] = spec.split('/');
  const protocol = SERVICE_PROTOCOLS[name.trim().toLowerCase()];
  const ports = list === undefined || more !== undefined ? undefined : parsePortList(list);
  return protocol !== undefined && ports?.ok ? { protocol, ports: PortSet.fromRanges(ports.value) } : undefined;
}

import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import type { Definition, GroupType, Known, Member, Ref, ServiceAlt } from './model.js';
import { known, unknown } from './model.js';

/**
 * Object and object-group references resolved to sets, nested groups followed (a loop or an undefined name gives a
 * reason instead of a value). One resolver per configuration; each name is worked out once.
 */
export class Resolver {
  private readonly cache = new Map<string, Known<unknown>>();
  constructor(private readonly definitions: ReadonlyMap<string, Definition>) {}

  /** The definition a reference names, when it is of the kind and one of the types asked. */
  lookup(ref: Ref, types: readonly GroupType[]): Known<Definition> {
    const def = this.definitions.get(ref.name);
    if (!def) return unknown(`${ref.kind} ${ref.name} is not defined in this configuration`);
    if (def.kind !== ref.kind || !types.includes(def.type)) {
      return unknown(
        `${ref.name} is an ${def.kind} ${def.type === 'port' ? 'service' : def.type}, not what this place takes`,
      );
    }
    return known(def);
  }

  networks(ref: Ref): Known<CidrSet> {
    const def = this.lookup(ref, ['network']);
    return def.ok
      ? this.memo(`n:${ref.name}`, () =>
          this.union(
            def.value.networks,
            CidrSet.empty(),
            (a, b) => a.union(b),
            (r) => this.networks(r),
            def.value.nested,
          ),
        )
      : def;
  }

  /** Any definition by name, for NAT operands (an object or a group of either kind). */
  networksByName(name: string, line: number, col: number): Known<CidrSet> {
    const def = this.definitions.get(name);
    if (!def) return unknown(`${name} is not defined in this configuration`);
    return this.networks({ kind: def.kind, name, line, col });
  }

  /** Service alternatives of an `object service`, `object-group service` or `object-group protocol`. */
  services(ref: Ref): Known<ServiceAlt[]> {
    const def = this.lookup(ref, ['service', 'port', 'protocol', 'icmp-type']);
    if (!def.ok) return def;
    const d = def.value;
    return this.memo(`s:${ref.name}`, () => {
      if (d.type === 'protocol') {
        const p = this.protocols(ref);
        return p.ok ? known([p.value === 'ip' ? {} : { protocols: p.value }]) : p;
      }
      if (d.type === 'icmp-type') return unknown(`${d.name} is an icmp-type group, not a service`);
      if (d.type === 'port') {
        const ports = this.ports(ref);
        const protocols =
          d.portProtocol === 'tcp' ? PortSet.of(6) : d.portProtocol === 'udp' ? PortSet.of(17) : PortSet.of(6, 17);
        return ports.ok ? known([{ protocols, destinationPorts: ports.value }]) : ports;
      }
      const out: ServiceAlt[] = [];
      for (const m of [...d.services, ...d.nested.map((ref) => ({ ref }))]) {
        const v = 'value' in m ? m.value : this.services(m.ref);
        if (!v.ok) return v;
        out.push(...v.value);
      }
      return out.length > 0 ? known(out) : unknown(`${d.kind} service ${d.name} defines no service`);
    });
  }

  ports(ref: Ref): Known<PortSet> {
    const def = this.lookup(ref, ['port']);
    return def.ok
      ? this.memo(`p:${ref.name}`, () =>
          this.union(
            def.value.ports,
            PortSet.empty(),
            (a, b) => a.union(b),
            (r) => this.ports(r),
            def.value.nested,
          ),
        )
      : def;
  }

  protocols(ref: Ref): Known<PortSet | 'ip'> {
    const def = this.lookup(ref, ['protocol']);
    if (!def.ok) return def;
    return this.memo<PortSet | 'ip'>(`r:${ref.name}`, () => {
      let set = PortSet.empty();
      for (const m of [...def.value.protocols, ...def.value.nested.map((ref) => ({ ref }))]) {
        const v: Known<PortSet | 'ip'> =
          'value' in m ? m.value : m.ref.kind === 'object' ? this.objectProtocols(m.ref) : this.protocols(m.ref);
        if (!v.ok) return v;
        if (v.value === 'ip') return known('ip' as const);
        set = set.union(v.value);
      }
      return known(set);
    });
  }

  icmpTypes(ref: Ref): Known<number[]> {
    const def = this.lookup(ref, ['icmp-type']);
    return def.ok
      ? this.memo(`i:${ref.name}`, () =>
          this.union(
            def.value.icmp,
            [] as number[],
            (a, b) => [...a, ...b],
            (r) => this.icmpTypes(r),
            def.value.nested,
          ),
        )
      : def;
  }

  /** `protocol-object object NAME`: the protocols of a service object. */
  private objectProtocols(ref: Ref): Known<PortSet | 'ip'> {
    const s = this.services(ref);
    if (!s.ok) return s;
    let set = PortSet.empty();
    for (const alt of s.value) {
      if (!alt.protocols) return known('ip' as const);
      set = set.union(alt.protocols);
    }
    return known(set);
  }

  /** Members (values and nested references) folded into one value; `nested` are the `group-object` lines. */
  private union<T>(
    members: readonly Member<T>[],
    empty: T,
    add: (a: T, b: T) => T,
    resolve: (ref: Ref) => Known<T>,
    nested: readonly Ref[] = [],
  ): Known<T> {
    let acc = empty;
    for (const m of [...members, ...nested.map((ref) => ({ ref }))]) {
      const v = 'value' in m ? m.value : resolve(m.ref);
      if (!v.ok) return v;
      acc = add(acc, v.value);
    }
    return known(acc);
  }

  private memo<T>(key: string, make: () => Known<T>): Known<T> {
    const hit = this.cache.get(key);
    if (hit) return hit as Known<T>;
    this.cache.set(key, unknown(`${key.slice(2)} contains itself (a loop of group-object lines)`));
    const value = make();
    this.cache.set(key, value);
    return value;
  }
}

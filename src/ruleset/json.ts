import { z } from 'zod';
import { CidrSet } from '../net/cidr-set.js';
import { PortSet } from '../net/port-set.js';
import { type ParseResult, parsed, rejected } from '../net/result.js';
import {
  type Chain,
  CONN_STATES,
  interfaceZoneMap,
  type NamedObject,
  type NatStage,
  type Route,
  type Rule,
  type Ruleset,
  type ZoneAddresses,
} from './types.js';

/**
 * The ruleset as JSON: sets as minimal CIDR lists and port ranges, so a ruleset stored in a file or a database reads
 * back to an equal value (`equalRulesets`).
 */
const Range = z.tuple([z.number().int().min(0).max(65535), z.number().int().min(0).max(65535)]);
const Interface = z.strictObject({ name: z.string(), prefix: z.boolean(), negated: z.boolean() });
const Provenance = z.strictObject({
  row: z.string().optional(),
  leg: z.number().int().optional(),
  hop: z.number().int().optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  text: z.string().optional(),
  comment: z.string().optional(),
});
const Verdict = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept') }),
  z.strictObject({ kind: z.literal('drop') }),
  z.strictObject({ kind: z.literal('reject') }),
  z.strictObject({ kind: z.literal('jump'), chain: z.string() }),
  z.strictObject({ kind: z.literal('goto'), chain: z.string() }),
  z.strictObject({ kind: z.literal('return') }),
  z.strictObject({ kind: z.literal('continue') }),
]);
const FinalAction = z.enum(['accept', 'drop', 'reject']);
const RuleJson = z.strictObject({
  family: z.union([z.literal(4), z.literal(6)]).optional(),
  source: z.array(z.string()).optional(),
  destination: z.array(z.string()).optional(),
  protocols: z.array(Range).optional(),
  sourcePorts: z.array(Range).optional(),
  destinationPorts: z.array(Range).optional(),
  icmp: z.array(z.strictObject({ type: z.number().int(), code: z.number().int().optional() })).optional(),
  inInterface: Interface.optional(),
  outInterface: Interface.optional(),
  fromZones: z.array(z.string()).optional(),
  toZones: z.array(z.string()).optional(),
  states: z.array(z.enum(CONN_STATES)).optional(),
  verdict: Verdict,
  opaque: z.array(z.string()).optional(),
  bridgePorts: z
    .strictObject({ opaque: z.array(z.string()), routed: z.boolean(), bridged: z.boolean().optional() })
    .optional(),
  tcpFlags: z
    .strictObject({
      opaque: z.array(z.string()),
      tests: z.array(
        z.strictObject({
          mask: z.number().int().min(0).max(255),
          values: z.array(z.number().int().min(0).max(255)),
          negated: z.boolean(),
        }),
      ),
    })
    .optional(),
  original: z
    .strictObject({
      destination: z.array(z.string()).optional(),
      destinationPorts: z.array(Range).optional(),
      translated: z.boolean().optional(),
    })
    .optional(),
  translate: z
    .strictObject({
      addresses: z.array(z.string()).optional(),
      ports: z.array(Range).optional(),
      unmodelled: z.string().optional(),
    })
    .optional(),
  provenance: Provenance,
});
const RulesetJson = z.strictObject({
  format: z.literal('flowmatrix-ruleset/1'),
  entry: z.string(),
  stages: z.array(z.string()).optional(),
  defaultAction: FinalAction,
  nat: z
    .strictObject({
      destination: z.array(z.string()).optional(),
      source: z.array(z.string()).optional(),
      destinationBefore: z.number().int().min(0).optional(),
      filterMatches: z.enum(['translated', 'original']).optional(),
      zones: z.array(z.strictObject({ name: z.string(), addresses: z.array(z.string()) })).optional(),
    })
    .optional(),
  chains: z.array(z.strictObject({ name: z.string(), policy: FinalAction.optional(), rules: z.array(RuleJson) })),
  interfaceZones: z.array(z.strictObject({ interface: z.string(), zone: z.string() })).optional(),
  routes: z
    .array(z.strictObject({ destination: z.string(), interface: z.string(), provenance: Provenance }))
    .optional(),
  objects: z.array(
    z.strictObject({
      name: z.string(),
      kind: z.enum(['addresses', 'services']),
      addresses: z.array(z.string()).optional(),
      description: z.string().optional(),
      provenance: Provenance,
    }),
  ),
});
export type RulesetJson = z.infer<typeof RulesetJson>;

const ranges = (set: PortSet): [number, number][] => set.toRanges().map((r) => [r.from, r.to]);
const portSet = (list: readonly (readonly [number, number])[]): PortSet =>
  PortSet.fromRanges(list.map(([from, to]) => ({ from, to })));

/** Plain JSON value of a ruleset (fields in a fixed order, absent fields omitted). */
export function rulesetToJson(ruleset: Ruleset): RulesetJson {
  return {
    format: 'flowmatrix-ruleset/1',
    entry: ruleset.entry,
    ...(ruleset.stages ? { stages: [...ruleset.stages] } : {}),
    defaultAction: ruleset.defaultAction,
    ...(ruleset.nat ? { nat: natToJson(ruleset.nat) } : {}),
    chains: Object.values(ruleset.chains).map((chain) => ({
      name: chain.name,
      ...(chain.policy ? { policy: chain.policy } : {}),
      rules: chain.rules.map(ruleToJson),
    })),
    ...(ruleset.interfaceZones
      ? {
          interfaceZones: Object.entries(ruleset.interfaceZones).map(([name, zone]) => ({ interface: name, zone })),
        }
      : {}),
    ...(ruleset.routes
      ? {
          routes: ruleset.routes.map((r) => ({
            destination: r.destination.toCidrs()[0] ?? '',
            interface: r.interface,
            provenance: r.provenance,
          })),
        }
      : {}),
    objects: ruleset.objects.map((o) => ({
      name: o.name,
      kind: o.kind,
      ...(o.addresses ? { addresses: o.addresses.toCidrs() } : {}),
      ...(o.description !== undefined ? { description: o.description } : {}),
      provenance: o.provenance,
    })),
  };
}

/** One rule's plain JSON value (as in `rulesetToJson`): also a key to compare rules by. */
export function ruleToJson(rule: Rule): RulesetJson['chains'][number]['rules'][number] {
  const out: RulesetJson['chains'][number]['rules'][number] = { verdict: rule.verdict, provenance: rule.provenance };
  if (rule.family !== undefined) out.family = rule.family;
  if (rule.source) out.source = rule.source.toCidrs();
  if (rule.destination) out.destination = rule.destination.toCidrs();
  if (rule.protocols) out.protocols = ranges(rule.protocols);
  if (rule.sourcePorts) out.sourcePorts = ranges(rule.sourcePorts);
  if (rule.destinationPorts) out.destinationPorts = ranges(rule.destinationPorts);
  if (rule.icmp) out.icmp = rule.icmp.map((m) => ({ ...m }));
  if (rule.inInterface) out.inInterface = { ...rule.inInterface };
  if (rule.outInterface) out.outInterface = { ...rule.outInterface };
  if (rule.fromZones) out.fromZones = [...rule.fromZones];
  if (rule.toZones) out.toZones = [...rule.toZones];
  if (rule.states) out.states = [...rule.states];
  if (rule.opaque) out.opaque = [...rule.opaque];
  if (rule.bridgePorts) out.bridgePorts = { ...rule.bridgePorts, opaque: [...rule.bridgePorts.opaque] };
  if (rule.tcpFlags) {
    const f = rule.tcpFlags;
    out.tcpFlags = { opaque: [...f.opaque], tests: f.tests.map((t) => ({ ...t, values: [...t.values] })) };
  }
  if (rule.original) {
    const o = rule.original;
    out.original = {
      ...(o.destination ? { destination: o.destination.toCidrs() } : {}),
      ...(o.destinationPorts ? { destinationPorts: ranges(o.destinationPorts) } : {}),
      ...(o.translated !== undefined ? { translated: o.translated } : {}),
    };
  }
  if (rule.translate) {
    const t = rule.translate;
    out.translate = {
      ...(t.addresses ? { addresses: t.addresses.toCidrs() } : {}),
      ...(t.ports ? { ports: ranges(t.ports) } : {}),
      ...(t.unmodelled !== undefined ? { unmodelled: t.unmodelled } : {}),
    };
  }
  return out;
}

function natToJson(nat: NatStage): NonNullable<RulesetJson['nat']> {
  return {
    ...(nat.destination ? { destination: [...nat.destination] } : {}),
    ...(nat.source ? { source: [...nat.source] } : {}),
    ...(nat.destinationBefore !== undefined ? { destinationBefore: nat.destinationBefore } : {}),
    ...(nat.filterMatches ? { filterMatches: nat.filterMatches } : {}),
    ...(nat.zones ? { zones: nat.zones.map((z) => ({ name: z.name, addresses: z.addresses.toCidrs() })) } : {}),
  };
}

/** Reads a ruleset back from its JSON value; a malformed one is refused with the path of the first problem. */
export function rulesetFromJson(value: unknown): ParseResult<Ruleset> {
  const r = RulesetJson.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    return rejected(`not a Flowmatrix ruleset: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const chains: Record<string, Chain> = {};
  for (const c of r.data.chains) {
    const rules: Rule[] = [];
    for (const j of c.rules) {
      const rule = ruleFromJson(j);
      if (!rule.ok) return rejected(`chain ${c.name}: ${rule.message}`);
      rules.push(rule.value);
    }
    chains[c.name] = { name: c.name, rules, ...(c.policy ? { policy: c.policy } : {}) };
  }
  const nat = r.data.nat;
  for (const name of [r.data.entry, ...(r.data.stages ?? []), ...(nat?.destination ?? []), ...(nat?.source ?? [])]) {
    if (!chains[name]) return rejected(`not a Flowmatrix ruleset: no chain named ${name} (an entry stage)`);
  }
  const objects: NamedObject[] = [];
  for (const o of r.data.objects) {
    const addresses = o.addresses ? CidrSet.parse(o.addresses) : undefined;
    if (addresses && !addresses.ok) return rejected(`object ${o.name}: ${addresses.message}`);
    objects.push({
      name: o.name,
      kind: o.kind,
      ...(addresses ? { addresses: addresses.value } : {}),
      ...(o.description !== undefined ? { description: o.description } : {}),
      provenance: o.provenance,
    });
  }
  const natStage = nat ? natFromJson(nat) : undefined;
  if (natStage && !natStage.ok) return natStage;
  const placed = r.data.interfaceZones ?? [];
  const names = new Set<string>();
  for (const { interface: name } of placed) {
    if (names.has(name)) return rejected(`not a Flowmatrix ruleset: interface ${name} placed twice`);
    names.add(name);
  }
  const routes: Route[] = [];
  for (const route of r.data.routes ?? []) {
    const set = CidrSet.parse([route.destination]);
    const prefix = set.ok ? set.value.toCidrs() : [];
    if (!set.ok || prefix.length !== 1)
      return rejected(`not a Flowmatrix ruleset: route destination "${route.destination}" is not one prefix`);
    const length = Number(prefix[0]?.split('/')[1]);
    routes.push({ destination: set.value, length, interface: route.interface, provenance: route.provenance });
  }
  return parsed({
    entry: r.data.entry,
    ...(r.data.stages ? { stages: r.data.stages } : {}),
    defaultAction: r.data.defaultAction,
    chains,
    objects,
    ...(natStage ? { nat: natStage.value } : {}),
    ...(r.data.interfaceZones ? { interfaceZones: interfaceZoneMap(placed.map((p) => [p.interface, p.zone])) } : {}),
    ...(r.data.routes ? { routes } : {}),
  });
}

function natFromJson(nat: NonNullable<RulesetJson['nat']>): ParseResult<NatStage> {
  const zones: ZoneAddresses[] = [];
  for (const z of nat.zones ?? []) {
    const addresses = CidrSet.parse(z.addresses);
    if (!addresses.ok) return rejected(`nat zone ${z.name}: ${addresses.message}`);
    zones.push({ name: z.name, addresses: addresses.value });
  }
  return parsed({
    ...(nat.destination ? { destination: nat.destination } : {}),
    ...(nat.source ? { source: nat.source } : {}),
    ...(nat.destinationBefore !== undefined ? { destinationBefore: nat.destinationBefore } : {}),
    ...(nat.filterMatches ? { filterMatches: nat.filterMatches } : {}),
    ...(nat.zones ? { zones } : {}),
  });
}

function ruleFromJson(j: RulesetJson['chains'][number]['rules'][number]): ParseResult<Rule> {
  const rule: { -readonly [K in keyof Rule]: Rule[K] } = { verdict: j.verdict, provenance: j.provenance };
  if (j.family !== undefined) rule.family = j.family;
  for (const side of ['source', 'destination'] as const) {
    const list = j[side];
    if (!list) continue;
    const set = CidrSet.parse(list);
    if (!set.ok) return set;
    rule[side] = set.value;
  }
  for (const key of ['protocols', 'sourcePorts', 'destinationPorts'] as const) {
    const list = j[key];
    if (!list) continue;
    if (list.some(([from, to]) => from > to)) return rejected(`${key}: a range ends before it starts`);
    rule[key] = portSet(list);
  }
  if (j.icmp) rule.icmp = j.icmp.map((m) => (m.code === undefined ? { type: m.type } : { type: m.type, code: m.code }));
  if (j.inInterface) rule.inInterface = j.inInterface;
  if (j.outInterface) rule.outInterface = j.outInterface;
  if (j.fromZones) rule.fromZones = j.fromZones;
  if (j.toZones) rule.toZones = j.toZones;
  if (j.states) rule.states = j.states;
  if (j.opaque) rule.opaque = j.opaque;
  // Their texts stand for them where the packet does not decide them: without those, the rule would match every packet.
  const unsaid = [...(j.bridgePorts?.opaque ?? []), ...(j.tcpFlags?.opaque ?? [])].find((o) => !j.opaque?.includes(o));
  if (unsaid !== undefined) return rejected(`"${unsaid}" is not in opaque, as every bridge-port and TCP flag match is`);
  if (j.bridgePorts) {
    const { opaque, routed, bridged } = j.bridgePorts;
    rule.bridgePorts = bridged === undefined ? { opaque, routed } : { opaque, routed, bridged };
  }
  if (j.tcpFlags) rule.tcpFlags = j.tcpFlags;
  if (j.original) {
    const destination = j.original.destination ? CidrSet.parse(j.original.destination) : undefined;
    if (destination && !destination.ok) return destination;
    rule.original = {
      ...(destination ? { destination: destination.value } : {}),
      ...(j.original.destinationPorts ? { destinationPorts: portSet(j.original.destinationPorts) } : {}),
      ...(j.original.translated !== undefined ? { translated: j.original.translated } : {}),
    };
  }
  if (j.translate) {
    const addresses = j.translate.addresses ? CidrSet.parse(j.translate.addresses) : undefined;
    if (addresses && !addresses.ok) return addresses;
    rule.translate = {
      ...(addresses ? { addresses: addresses.value } : {}),
      ...(j.translate.ports ? { ports: portSet(j.translate.ports) } : {}),
      ...(j.translate.unmodelled !== undefined ? { unmodelled: j.translate.unmodelled } : {}),
    };
  }
  return parsed(rule);
}

/** Structural equality, sets compared as sets. */
export function equalRulesets(a: Ruleset, b: Ruleset): boolean {
  return JSON.stringify(rulesetToJson(a)) === JSON.stringify(rulesetToJson(b));
}

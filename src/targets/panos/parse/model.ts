/**
 * A PAN-OS configuration as both of its syntaxes describe it (the XML of a device or a Panorama export, and `set`
 * commands): objects per scope, zones, security rules in rulebase order, the default rules. Values stay as written;
 * `lower.ts` interprets them. `line` is where the thing is defined, `text` that line as written.
 */
export interface Located {
  readonly line: number;
  readonly text: string;
}

export interface PanosAddress extends Located {
  readonly name: string;
  /** `ip-netmask`, `ip-range`, `ip-wildcard`, `fqdn`. */
  readonly type: string;
  readonly value: string;
}

export interface PanosAddressGroup extends Located {
  readonly name: string;
  readonly members: readonly string[];
  /** The tag filter of a dynamic group (members are registered at run time). */
  readonly dynamic?: string;
}

export interface PanosService extends Located {
  readonly name: string;
  /** `tcp`, `udp`, `sctp`. */
  readonly protocol: string;
  readonly ports?: string;
  readonly sourcePorts?: string;
}

export interface PanosGroup extends Located {
  readonly name: string;
  readonly members: readonly string[];
}

/** A custom application: its default ports (`tcp/80,8080`, `udp/1025-65535`), when it declares them. */
export interface PanosApplication extends Located {
  readonly name: string;
  readonly defaultPorts: readonly string[];
}

/** Objects of one scope: `shared`, a vsys (`vsys1`) or a Panorama device group (`device-group NAME`). */
export interface PanosScope {
  readonly name: string;
  /** The scope whose objects a name falls back to (a parent device group, or `shared`). */
  parent?: string;
  readonly addresses: Map<string, PanosAddress>;
  readonly addressGroups: Map<string, PanosAddressGroup>;
  readonly services: Map<string, PanosService>;
  readonly serviceGroups: Map<string, PanosGroup>;
  readonly applications: Map<string, PanosApplication>;
  readonly applicationGroups: Map<string, PanosGroup>;
  /** Application filters and external dynamic lists: names whose contents the configuration does not hold. */
  readonly applicationFilters: Map<string, Located>;
  readonly externalLists: Map<string, Located>;
}

export type Rulebase = 'pre' | 'local' | 'post';

/** A security rule as written: each field its members (`from`, `source`, `action`, …). */
export interface PanosRule extends Located {
  readonly name: string;
  readonly scope: string;
  readonly rulebase: Rulebase;
  readonly fields: Map<string, string[]>;
  /** Panorama `target`: the rule applies to these devices only (or to all but these, negated). */
  target?: { devices: string[]; negate: boolean };
}

export interface PanosDefaultRule extends Located {
  readonly action: string;
}

export interface PanosDocument {
  readonly file: string;
  readonly scopes: Map<string, PanosScope>;
  readonly zones: Map<string, Located>;
  /**
   * The zone of each interface a zone lists (`network layer3|layer2|virtual-wire|tap`); null for an interface two
   * zones list (two vsys or templates of Panorama's devices): its zone cannot be told.
   */
  readonly interfaceZones: Map<string, string | null>;
  readonly rules: PanosRule[];
  readonly defaults: { intrazone?: PanosDefaultRule; interzone?: PanosDefaultRule };
  /**
   * NAT rules in rulebase order, each field as written; translation fields flattened to paths
   * (`source-translation` = [type], `source-translation bi-directional`, `destination-translation translated-address`).
   */
  readonly nat: PanosRule[];
  /** Rules of another rulebase that changes what a security rule sees. */
  readonly applicationOverride: Located[];
  /** The `network` configuration (interfaces, virtual routers) as paths, for the routes (`routes.ts`). */
  readonly network: NetworkPath[];
}

/** One `set network …` command, or one leaf of XML `<network>`: its words after `network`, each where it is said. */
export interface NetworkPath {
  /** Whose network it is: `device`, or `template NAME` (Panorama). */
  readonly source: string;
  readonly words: readonly string[];
  readonly at: readonly Located[];
}

export function emptyScope(name: string, parent?: string): PanosScope {
  const scope: PanosScope = {
    name,
    addresses: new Map(),
    addressGroups: new Map(),
    services: new Map(),
    serviceGroups: new Map(),
    applications: new Map(),
    applicationGroups: new Map(),
    applicationFilters: new Map(),
    externalLists: new Map(),
  };
  if (parent !== undefined) scope.parent = parent;
  return scope;
}

export function emptyDocument(file: string): PanosDocument {
  return {
    file,
    scopes: new Map([['shared', emptyScope('shared')]]),
    zones: new Map(),
    interfaceZones: new Map(),
    rules: [],
    defaults: {},
    nat: [],
    applicationOverride: [],
    network: [],
  };
}

/** The scope of that name, created (falling back to `shared`) on first use. */
export function scopeOf(doc: PanosDocument, name: string): PanosScope {
  let scope = doc.scopes.get(name);
  if (!scope) {
    scope = emptyScope(name, name === 'shared' ? undefined : 'shared');
    doc.scopes.set(name, scope);
  }
  return scope;
}

/** Fields of a security rule this reader interprets. */
export const RULE_FIELDS = new Set([
  'from',
  'to',
  'source',
  'destination',
  'service',
  'application',
  'action',
  'negate-source',
  'negate-destination',
  'disabled',
  'rule-type',
  'description',
]);

/** Fields that narrow a rule to traffic the addresses and ports do not describe: the rule becomes uninterpreted unless they say `any`. */
export const NARROWING_FIELDS = new Set([
  'source-user',
  'category',
  'hip-profiles',
  'source-hip',
  'destination-hip',
  'schedule',
  'source-imei',
  'source-imsi',
  'source-nw-slice',
]);

/** Fields that decide nothing about which packets the rule matches (logging, profiles, tags, identifiers). */
export const INERT_FIELDS = new Set([
  'tag',
  'group-tag',
  'log-setting',
  'log-start',
  'log-end',
  'profile-setting',
  'option',
  'uuid',
  'icmp-unreachable',
  'qos',
  'audit-comment',
  'negate-target',
]);

/** The zone network types whose members are interfaces. */
export const ZONE_NETWORKS: readonly string[] = ['layer3', 'layer2', 'virtual-wire', 'tap'];

/** Interface `name` is in `zone`; listed by two different zones, it is in neither as far as the reader can tell. */
export function placeInterface(doc: PanosDocument, name: string, zone: string): void {
  const known = doc.interfaceZones.get(name);
  doc.interfaceZones.set(name, known === undefined || known === zone ? zone : null);
}

/** Nothing a policy check could use (no zone, rule or default-rule override): the file is not a firewall's configuration. */
export const holdsNoPolicy = (doc: PanosDocument): boolean =>
  doc.zones.size === 0 &&
  doc.rules.length === 0 &&
  doc.nat.length === 0 &&
  doc.defaults.intrazone === undefined &&
  doc.defaults.interzone === undefined;

import { fail, type Issue, ok, type Result } from '../../../model/issues.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';
import {
  emptyDocument,
  holdsNoPolicy,
  INERT_FIELDS,
  type Located,
  type PanosDocument,
  type PanosRule,
  placeInterface,
  type Rulebase,
  scopeOf,
  ZONE_NETWORKS,
} from './model.js';
import { members, type SetItem, type SetLine, tokenizeSet } from './set-tokens.js';

/** Fields that take one value and replace it; every other field is a member list that `set` adds to. */
const SINGLE = new Set([
  'action',
  'negate-source',
  'negate-destination',
  'disabled',
  'rule-type',
  'description',
  'schedule',
]);
/** Fields whose value is a nested path of several words (`profile-setting group X`). */
const NESTED = new Set(['profile-setting', 'option', 'qos', 'target']);
const RULEBASES: Readonly<Record<string, Rulebase>> = {
  rulebase: 'local',
  'pre-rulebase': 'pre',
  'post-rulebase': 'post',
};

/**
 * PAN-OS `set` commands (`show config running` in set format, a device's or Panorama's) as a document. A
 * single-vsys device's objects and rules (`set address …`, `set rulebase …`) are vsys1's; `set shared …`,
 * `set vsys NAME …`, `set device-group NAME …` and the zones of `set template … config devices … vsys …` name their
 * scope. Other commands (`deviceconfig`, `network`, profiles…) do not decide what passes and are skipped.
 */
export function readPanosSet(file: ConfigFile): Result<PanosDocument> {
  const { lines, issues } = tokenizeSet(file.path, file.text);
  const doc = emptyDocument(file.path);
  const reader = new SetReader(doc, file.path, issues);
  for (const line of lines) reader.line(line);
  // Commands, none of them a zone, rule or default rule: another syntax. (No command at all is an empty policy.)
  if (lines.length > 0 && holdsNoPolicy(doc) && !issues.some((i) => i.severity === 'error'))
    issues.push(
      configIssue(
        file.path,
        lines[0]?.line ?? 1,
        'no zone, security rule or NAT rule found: not a PAN-OS configuration in set commands',
        'give the output of show config running with set cli config-output-format set',
      ),
    );
  if (issues.some((i) => i.severity === 'error')) return fail(issues);
  return ok(doc, issues);
}

class SetReader {
  private readonly rules = new Map<string, PanosRule>();
  private readonly natRules = new Map<string, PanosRule>();
  private readonly named = new Set<string>();

  constructor(
    private readonly doc: PanosDocument,
    private readonly path: string,
    private readonly issues: Issue[],
  ) {}

  line(l: SetLine): void {
    const [verb, ...rest] = l.items;
    if (verb === 'delete') {
      const what = rest.slice(0, 2).flatMap(members).join(' ');
      if (/^(rulebase|address|service|pre-rulebase|post-rulebase|device-group)/.test(what))
        this.warn(l, `"delete ${what}" is not applied`, 'give the configuration as it is, after the deletion');
      return;
    }
    if (verb === 'move') {
      this.move(l, rest);
      return;
    }
    if (verb !== 'set') {
      this.error(l, `unexpected "${typeof verb === 'string' ? verb : '['}"`, 'each line is a set (or delete) command');
      return;
    }
    const w = (i: number) => (typeof rest[i] === 'string' ? (rest[i] as string) : undefined);
    if (w(0) === 'shared') this.scoped(l, 'shared', rest.slice(1));
    else if (w(0) === 'vsys' && w(1) !== undefined) this.scoped(l, w(1) as string, rest.slice(2));
    else if (w(0) === 'device-group' && w(1) !== undefined) this.scoped(l, `device-group ${w(1)}`, rest.slice(2));
    else if (w(0) === 'readonly') {
      // set readonly devices D device-group CHILD parent-dg PARENT: Panorama keeps the hierarchy apart (as in XML).
      const g = rest.indexOf('device-group');
      const child = rest[g + 1];
      const parent = rest[g + 3];
      if (g > 0 && rest[g + 2] === 'parent-dg' && typeof child === 'string' && typeof parent === 'string')
        scopeOf(this.doc, `device-group ${child}`).parent = `device-group ${parent}`;
    } else if (w(0) === 'template') {
      // set template T config devices D vsys V zone Z …: zones of the devices Panorama manages.
      const z = rest.indexOf('zone');
      if (z > 0 && rest[z - 2] === 'vsys') this.zone(l, rest[z + 1], rest.slice(z + 2));
      // set template T config devices D network …: their interfaces and routers.
      const n = rest.indexOf('network');
      if (n > 0 && rest[n - 2] === 'devices') this.network(`template ${w(1)}`, l, rest.slice(n + 1));
    } else if (w(0) === 'network') this.network('device', l, rest.slice(1));
    else this.scoped(l, 'vsys1', rest);
  }

  private scoped(l: SetLine, scopeName: string, items: readonly SetItem[]): void {
    const [kind, nameItem, ...rest] = items;
    if (typeof kind !== 'string') return;
    const rulebase = RULEBASES[kind];
    if (rulebase) {
      this.rulebase(l, scopeName, rulebase, items.slice(1));
      return;
    }
    if (kind === 'zone') {
      this.zone(l, nameItem, rest);
      return;
    }
    if (
      ![
        'address',
        'address-group',
        'service',
        'service-group',
        'application',
        'application-group',
        'application-filter',
        'external-list',
      ].includes(kind)
    )
      return;
    if (typeof nameItem !== 'string') {
      this.error(l, `${kind} needs a name`, `set ${kind} NAME …`);
      return;
    }
    const name = nameItem;
    const scope = scopeOf(this.doc, scopeName);
    const where: Located = { line: l.line, text: l.text };
    const [key, value] = rest;
    switch (kind) {
      case 'address':
        if (key === 'ip-netmask' || key === 'ip-range' || key === 'ip-wildcard' || key === 'fqdn') {
          if (typeof value !== 'string') this.error(l, `${key} needs a value`, `set address ${name} ${key} VALUE`);
          else scope.addresses.set(name, { name, type: key, value, ...where });
        }
        return;
      case 'address-group': {
        const old = scope.addressGroups.get(name);
        if (key === 'static') {
          scope.addressGroups.set(name, {
            ...(old ?? where),
            name,
            members: [...(old?.members ?? []), ...members(value)],
          });
        } else if (key === 'dynamic' && rest[1] === 'filter') {
          scope.addressGroups.set(name, {
            ...(old ?? where),
            name,
            members: old?.members ?? [],
            dynamic: members(rest[2]).join(' '),
          });
        } else if (!old) scope.addressGroups.set(name, { name, members: [], ...where });
        return;
      }
      case 'service':
        this.service(l, scopeName, name, rest);
        return;
      case 'service-group':
      case 'application-group': {
        const map = kind === 'service-group' ? scope.serviceGroups : scope.applicationGroups;
        const old = map.get(name);
        map.set(name, {
          ...(old ?? where),
          name,
          members: [...(old?.members ?? []), ...(key === 'members' ? members(value) : [])],
        });
        return;
      }
      case 'application': {
        const old = scope.applications.get(name);
        const ports = key === 'default' && value === 'port' ? members(rest[2]) : [];
        scope.applications.set(name, {
          ...(old ?? where),
          name,
          defaultPorts: [...(old?.defaultPorts ?? []), ...ports],
        });
        return;
      }
      case 'application-filter':
        if (!scope.applicationFilters.has(name)) scope.applicationFilters.set(name, where);
        return;
      case 'external-list':
        if (!scope.externalLists.has(name)) scope.externalLists.set(name, where);
        return;
    }
  }

  private service(l: SetLine, scopeName: string, name: string, rest: readonly SetItem[]): void {
    if (rest[0] !== 'protocol') return;
    const protocol = rest[1];
    if (typeof protocol !== 'string') {
      this.error(l, 'protocol needs a value', 'tcp, udp or sctp');
      return;
    }
    const scope = scopeOf(this.doc, scopeName);
    const old = scope.services.get(name);
    let ports = old?.ports;
    let sourcePorts = old?.sourcePorts;
    for (let i = 2; i < rest.length; i += 2) {
      const key = rest[i];
      const value = rest[i + 1];
      if (key === 'override') break;
      if (typeof value !== 'string') {
        this.error(
          l,
          `${members(key).join(' ')} needs a value`,
          `set service ${name} protocol ${protocol} port 80,443`,
        );
        return;
      }
      if (key === 'port') ports = value;
      else if (key === 'source-port') sourcePorts = value;
    }
    scope.services.set(name, {
      ...(old ?? { line: l.line, text: l.text }),
      name,
      protocol,
      ...(ports !== undefined ? { ports } : {}),
      ...(sourcePorts !== undefined ? { sourcePorts } : {}),
    });
  }

  /** `network …` as paths, one per member of a `[ … ]` list, for the routes. */
  private network(source: string, l: SetLine, items: readonly SetItem[]): void {
    const at = { line: l.line, text: l.text };
    let paths: string[][] = [[]];
    for (const item of items) paths = paths.flatMap((p) => members(item).map((m) => [...p, m]));
    for (const words of paths) this.doc.network.push({ source, words, at: words.map(() => at) });
  }

  /** `zone NAME …`; `zone NAME network layer3 IF` or `[ IF … ]` places interfaces in it. */
  private zone(l: SetLine, nameItem: SetItem | undefined, rest: readonly SetItem[]): void {
    if (typeof nameItem !== 'string') return;
    if (!this.doc.zones.has(nameItem)) this.doc.zones.set(nameItem, { line: l.line, text: l.text });
    const [network, type, list] = rest;
    if (network === 'network' && typeof type === 'string' && ZONE_NETWORKS.includes(type))
      for (const iface of members(list)) placeInterface(this.doc, iface, nameItem);
  }

  /** `security rules NAME field value …`, `default-security-rules rules NAME action A`, NAT and override rules. */
  private rulebase(l: SetLine, scope: string, rulebase: Rulebase, items: readonly SetItem[]): void {
    const [section, rulesWord, nameItem, ...rest] = items;
    if (rulesWord !== 'rules' || typeof nameItem !== 'string') return;
    const where: Located = { line: l.line, text: l.text };
    const id = `${scope}\u0000${rulebase}\u0000${section}\u0000${nameItem}`;
    if (section === 'default-security-rules') {
      if (rest[0] === 'action' && typeof rest[1] === 'string') {
        const rule = { action: rest[1], ...where };
        if (nameItem === 'intrazone-default') this.doc.defaults.intrazone = rule;
        if (nameItem === 'interzone-default') this.doc.defaults.interzone = rule;
      }
      return;
    }
    if (section === 'application-override') {
      if (this.named.has(id)) return;
      this.named.add(id);
      this.doc.applicationOverride.push(where);
      return;
    }
    if (section === 'nat') {
      let rule = this.natRules.get(id);
      if (!rule) {
        rule = { name: nameItem, scope, rulebase, fields: new Map(), ...where };
        this.natRules.set(id, rule);
        this.doc.nat.push(rule);
        scopeOf(this.doc, scope);
      }
      this.natFields(rule, rest);
      return;
    }
    if (section !== 'security') return;
    let rule = this.rules.get(id);
    if (!rule) {
      rule = { name: nameItem, scope, rulebase, fields: new Map(), ...where };
      this.rules.set(id, rule);
      this.doc.rules.push(rule);
      // A device group that only holds rules is a scope too (a policy --scope can choose).
      scopeOf(this.doc, scope);
    }
    this.fields(l, rule, rest);
  }

  private fields(l: SetLine, rule: PanosRule, items: readonly SetItem[]): void {
    for (let i = 0; i < items.length; ) {
      const field = items[i];
      if (typeof field !== 'string') {
        this.error(l, 'a list where a field name was expected', 'set rulebase security rules NAME FIELD VALUE');
        return;
      }
      const nested = NESTED.has(field) || !(SINGLE.has(field) || isListField(field));
      if (nested) {
        const words = items.slice(i + 1).flatMap(members);
        if (field === 'target') this.target(rule, words);
        else if (!INERT_FIELDS.has(field)) rule.fields.set(field, [...(rule.fields.get(field) ?? []), ...words]);
        return;
      }
      const value = items[i + 1];
      if (value === undefined) {
        this.error(l, `${field} needs a value`, `set rulebase security rules ${rule.name} ${field} VALUE`);
        return;
      }
      rule.fields.set(
        field,
        SINGLE.has(field) ? members(value) : [...(rule.fields.get(field) ?? []), ...members(value)],
      );
      i += 2;
    }
  }

  /**
   * `from Z`, `source [ a b ]`, `service S`, … and the translations, flattened as the XML reader does:
   * `source-translation static-ip translated-address A bi-directional yes`, `destination-translation translated-address
   * A translated-port P`. Nested settings of a translation (`interface-address …`, `fallback …`) are kept as present.
   */
  private natFields(rule: PanosRule, items: readonly SetItem[]): void {
    const f = rule.fields;
    for (let i = 0; i < items.length; ) {
      const field = items[i];
      if (typeof field !== 'string') return;
      if (field === 'target') {
        this.target(rule, items.slice(i + 1).flatMap(members));
        return;
      }
      if (
        field === 'source-translation' ||
        field === 'destination-translation' ||
        field === 'dynamic-destination-translation'
      ) {
        let j = i + 1;
        if (field === 'source-translation') f.set(field, members(items[j++]));
        else f.set(field, ['yes']);
        while (j < items.length) {
          const key = members(items[j]).join(' ');
          if (!['translated-address', 'translated-port', 'bi-directional', 'distribution'].includes(key)) {
            f.set(`${field} ${key}`, ['yes']);
            return;
          }
          const old = key === 'translated-address' ? (f.get(`${field} ${key}`) ?? []) : [];
          f.set(`${field} ${key}`, [...old, ...members(items[j + 1])]);
          j += 2;
        }
        return;
      }
      const value = members(items[i + 1]);
      const list = field === 'from' || field === 'source' || field === 'destination' || field === 'tag';
      f.set(field, list ? [...(f.get(field) ?? []), ...value] : value);
      i += 2;
    }
  }

  private target(rule: PanosRule, words: string[]): void {
    const target = rule.target ?? { devices: [], negate: false };
    if (words[0] === 'devices' && words[1] !== undefined) target.devices.push(words[1]);
    if (words[0] === 'negate') target.negate = words[1] === 'yes';
    rule.target = target;
  }

  /** `move rulebase security rules NAME top|bottom|before R|after R` (vsys1): the rule changes place in the order. */
  private move(l: SetLine, items: readonly SetItem[]): void {
    const [rb, section, rulesWord, name, where, other] = items;
    const rules = this.doc.rules;
    const index = (n: SetItem | undefined) => rules.findIndex((r) => r.scope === 'vsys1' && r.name === n);
    const from = index(name);
    const ok =
      rb === 'rulebase' &&
      section === 'security' &&
      rulesWord === 'rules' &&
      from >= 0 &&
      typeof where === 'string' &&
      ['top', 'bottom', 'before', 'after'].includes(where);
    const anchor = where === 'before' || where === 'after' ? other : undefined;
    if (!ok || (anchor !== undefined && (index(anchor) < 0 || anchor === name))) {
      this.error(
        l,
        'move of a rule that is not (yet) in the configuration',
        'move rulebase security rules NAME top|bottom|before R|after R',
      );
      return;
    }
    const [rule] = rules.splice(from, 1) as [PanosRule];
    const at = where === 'top' ? 0 : where === 'bottom' ? rules.length : index(anchor) + (where === 'after' ? 1 : 0);
    rules.splice(at, 0, rule);
  }

  private error(l: SetLine, message: string, hint: string): void {
    this.issues.push(configIssue(this.path, l.line, message, hint));
  }

  private warn(l: SetLine, message: string, hint: string): void {
    this.issues.push({ ...configIssue(this.path, l.line, message, hint), severity: 'warning' });
  }
}

/** Member-list fields of a security rule, which a `set` line may give one by one or as `[ a b ]`. */
const LIST_FIELDS = new Set([
  'from',
  'to',
  'source',
  'destination',
  'service',
  'application',
  'source-user',
  'category',
  'hip-profiles',
  'source-hip',
  'destination-hip',
  'tag',
  'source-imei',
  'source-imsi',
  'source-nw-slice',
]);
const SINGLE_INERT = new Set([
  'log-setting',
  'log-start',
  'log-end',
  'uuid',
  'group-tag',
  'icmp-unreachable',
  'audit-comment',
]);
const isListField = (field: string): boolean => LIST_FIELDS.has(field) || SINGLE_INERT.has(field);

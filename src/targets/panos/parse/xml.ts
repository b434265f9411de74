import { fail, ok, type Result } from '../../../model/issues.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';
import {
  emptyDocument,
  holdsNoPolicy,
  type Located,
  type PanosDocument,
  type PanosRule,
  placeInterface,
  type Rulebase,
  scopeOf,
  ZONE_NETWORKS,
} from './model.js';
import { xmlNetworkPaths } from './routes.js';
import { at, child, entries, readXmlTree, values, type XmlNode } from './xml-tree.js';

/**
 * A PAN-OS XML configuration (`show config running`, an exported `running-config.xml`, a Panorama export, or the
 * same wrapped in an API `<response><result>`) as a document: shared objects, each vsys (device) or device group
 * (Panorama) with its objects and rulebases, zones of vsys and templates, device-group parents.
 */
export function readPanosXml(file: ConfigFile): Result<PanosDocument> {
  const tree = readXmlTree(file.path, file.text);
  if (tree.issues.length > 0) return fail(tree.issues);
  const config = tree.root && findConfig(tree.root);
  if (!config) {
    return fail([
      configIssue(
        file.path,
        tree.root?.line ?? 1,
        'no <config> element',
        'give a PAN-OS or Panorama XML configuration',
      ),
    ]);
  }
  const lines = file.text.split('\n');
  const where = (node: XmlNode): Located => ({ line: node.line, text: (lines[node.line - 1] ?? '').trim() });
  const doc = emptyDocument(file.path);
  const reader = new XmlReader(doc, where);
  const shared = child(config, 'shared');
  reader.objects('shared', shared);
  reader.rulebase('shared', 'pre', child(shared, 'pre-rulebase'));
  reader.rulebase('shared', 'post', child(shared, 'post-rulebase'));
  for (const device of entries(child(config, 'devices'))) {
    const network = child(device.node, 'network');
    if (network) doc.network.push(...xmlNetworkPaths(network, 'device', where));
    for (const vsys of entries(child(device.node, 'vsys'))) {
      reader.objects(vsys.name, vsys.node);
      reader.zones(child(vsys.node, 'zone'));
      reader.rulebase(vsys.name, 'local', child(vsys.node, 'rulebase'));
    }
    for (const group of entries(child(device.node, 'device-group'))) {
      const scope = `device-group ${group.name}`;
      reader.objects(scope, group.node);
      reader.rulebase(scope, 'pre', child(group.node, 'pre-rulebase'));
      reader.rulebase(scope, 'post', child(group.node, 'post-rulebase'));
    }
    for (const template of entries(child(device.node, 'template'))) {
      for (const d of entries(at(template.node, 'config', 'devices'))) {
        for (const vsys of entries(child(d.node, 'vsys'))) reader.zones(child(vsys.node, 'zone'));
        const network = child(d.node, 'network');
        if (network) doc.network.push(...xmlNetworkPaths(network, `template ${template.name}`, where));
      }
    }
  }
  // Panorama keeps the device-group hierarchy apart from the groups themselves.
  for (const device of entries(at(config, 'readonly', 'devices'))) {
    for (const group of entries(child(device.node, 'device-group'))) {
      const parent = values(child(group.node, 'parent-dg'))[0];
      if (parent !== undefined) scopeOf(doc, `device-group ${group.name}`).parent = `device-group ${parent}`;
    }
  }
  if (holdsNoPolicy(doc))
    return fail([
      configIssue(
        file.path,
        config.line,
        'no zone, security rule or NAT rule found in <config>',
        'give the whole running configuration (show config running, or the exported running-config.xml)',
      ),
    ]);
  return ok(doc);
}

const TRANSLATIONS = ['source-translation', 'destination-translation', 'dynamic-destination-translation'] as const;

function findConfig(node: XmlNode): XmlNode | undefined {
  if (node.name === 'config') return node;
  for (const c of node.children) {
    const found = findConfig(c);
    if (found) return found;
  }
  return undefined;
}

class XmlReader {
  constructor(
    private readonly doc: PanosDocument,
    private readonly where: (node: XmlNode) => Located,
  ) {}

  objects(scopeName: string, node: XmlNode | undefined): void {
    if (!node) return;
    const scope = scopeOf(this.doc, scopeName);
    for (const { name, node: e } of entries(child(node, 'address'))) {
      const kind = e.children.find((c) => ['ip-netmask', 'ip-range', 'ip-wildcard', 'fqdn'].includes(c.name));
      scope.addresses.set(name, { name, type: kind?.name ?? '', value: kind?.text.trim() ?? '', ...this.where(e) });
    }
    for (const { name, node: e } of entries(child(node, 'address-group'))) {
      const dynamic = at(e, 'dynamic', 'filter');
      scope.addressGroups.set(name, {
        name,
        members: values(child(e, 'static')),
        ...(dynamic ? { dynamic: dynamic.text.trim() } : {}),
        ...this.where(e),
      });
    }
    for (const { name, node: e } of entries(child(node, 'service'))) {
      const proto = child(e, 'protocol')?.children[0];
      const ports = values(child(proto, 'port'))[0];
      const sourcePorts = values(child(proto, 'source-port'))[0];
      scope.services.set(name, {
        name,
        protocol: proto?.name ?? '',
        ...(ports !== undefined ? { ports } : {}),
        ...(sourcePorts !== undefined ? { sourcePorts } : {}),
        ...this.where(e),
      });
    }
    for (const { name, node: e } of entries(child(node, 'service-group')))
      scope.serviceGroups.set(name, { name, members: values(child(e, 'members')), ...this.where(e) });
    for (const { name, node: e } of entries(child(node, 'application')))
      scope.applications.set(name, { name, defaultPorts: values(at(e, 'default', 'port')), ...this.where(e) });
    for (const { name, node: e } of entries(child(node, 'application-group')))
      scope.applicationGroups.set(name, { name, members: values(child(e, 'members')), ...this.where(e) });
    for (const { name, node: e } of entries(child(node, 'application-filter')))
      scope.applicationFilters.set(name, this.where(e));
    for (const { name, node: e } of entries(child(node, 'external-list'))) scope.externalLists.set(name, this.where(e));
  }

  zones(node: XmlNode | undefined): void {
    for (const { name, node: e } of entries(node)) {
      if (!this.doc.zones.has(name)) this.doc.zones.set(name, this.where(e));
      for (const network of ZONE_NETWORKS)
        for (const iface of values(at(e, 'network', network))) placeInterface(this.doc, iface, name);
    }
  }

  rulebase(scope: string, rulebase: Rulebase, node: XmlNode | undefined): void {
    if (!node) return;
    for (const { name, node: e } of entries(at(node, 'security', 'rules')))
      this.doc.rules.push(this.rule(scope, rulebase, name, e));
    for (const { name, node: e } of entries(at(node, 'default-security-rules', 'rules'))) {
      const action = values(child(e, 'action'))[0];
      if (action === undefined) continue;
      if (name === 'intrazone-default') this.doc.defaults.intrazone = { action, ...this.where(e) };
      if (name === 'interzone-default') this.doc.defaults.interzone = { action, ...this.where(e) };
    }
    for (const { name, node: e } of entries(at(node, 'nat', 'rules')))
      this.doc.nat.push(this.natRule(scope, rulebase, name, e));
    for (const { node: e } of entries(at(node, 'application-override', 'rules')))
      this.doc.applicationOverride.push(this.where(e));
  }

  /** A NAT rule: its fields, the translations flattened (`source-translation static-ip bi-directional` → a path). */
  private natRule(scope: string, rulebase: Rulebase, name: string, node: XmlNode): PanosRule {
    const rule = this.rule(scope, rulebase, name, node);
    for (const head of TRANSLATIONS) {
      const t = child(node, head);
      if (!t) continue;
      rule.fields.delete(head);
      // source-translation holds one element named after its type; the destination translations hold fields.
      const type = head === 'source-translation' ? t.children[0] : t;
      if (head === 'source-translation') rule.fields.set(head, type ? [type.name] : []);
      else rule.fields.set(head, ['yes']);
      for (const f of type?.children ?? []) {
        const leaf = f.children.every((c) => c.name === 'member');
        rule.fields.set(`${head} ${f.name}`, leaf ? values(f) : ['yes']);
      }
    }
    return rule;
  }

  private rule(scope: string, rulebase: Rulebase, name: string, node: XmlNode): PanosRule {
    const fields = new Map<string, string[]>();
    const rule: PanosRule = { name, scope, rulebase, fields, ...this.where(node) };
    for (const c of node.children) {
      if (c.name === 'target') {
        const devices = entries(child(c, 'devices')).map((d) => d.name);
        const negate = values(child(c, 'negate'))[0] === 'yes';
        if (devices.length > 0) rule.target = { devices, negate };
        continue;
      }
      fields.set(c.name, values(c));
    }
    return rule;
  }
}

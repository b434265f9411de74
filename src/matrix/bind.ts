import { refusalText } from '../catalog/refs.js';
import type { Catalog, Role } from '../model/catalog.js';
import { type Issue, issue, type YamlPath } from '../model/issues.js';
import type { Address, Endpoint } from '../model/matrix.js';
import type { BindingItem, Site } from '../model/site.js';
import { completed, text } from '../model/text.js';
import type { ZoneLocator } from '../model/zones.js';
import { parseAddress } from '../net/index.js';
import type { ParameterValue } from './settings.js';
import { expandTemplate, hasTemplate } from './template.js';
import { ofTheParameters, quoted, setParameterHint } from './words.js';

/** One address with the zone it sits in and the site name that brought it (host, group, zone). */
interface Placed {
  readonly address: Address;
  readonly zone: string;
  readonly binding: string;
}

export interface RoleContext {
  readonly site: Site | undefined;
  readonly catalog: Catalog;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly zones: ZoneLocator;
  /** Where the catalog use sits in the site file, for issue paths. */
  readonly usePath: YamlPath;
}

/** A role's endpoints, one per zone its addresses fall in (sorted by zone name). */
export interface PlacedRole {
  readonly endpoints: readonly { zone: string; endpoint: Endpoint }[];
  /** True when the role has no addresses (not bound, no fixed addresses). */
  readonly unbound: boolean;
}

export function placeRole(
  roleId: string,
  ctx: RoleContext,
  bindingsFor: (role: string) => BindingItem[] | undefined,
): { placed: PlacedRole; issues: Issue[] } {
  const role = ctx.catalog.roles[roleId] as Role;
  const issues: Issue[] = [];
  const bound = bindingsFor(roleId);
  let placed: Placed[] = [];
  let fixed = false;
  if (bound && ctx.site) {
    bound.forEach((item, i) => {
      placed.push(
        ...placeBinding(item, ctx.site as Site, ctx.zones, [...ctx.usePath, 'roles', roleId, i], issues, new Set()),
      );
    });
  } else {
    const fixedList = fixedAddresses(role, ctx, roleId, issues);
    if (fixedList) {
      fixed = true;
      placed = fixedList.map((a) => ({ address: a, zone: ctx.zones.zoneOfName(a, role.zone), binding: roleId }));
    }
  }
  const byZone = new Map<string, Placed[]>();
  for (const p of placed) byZone.set(p.zone, [...(byZone.get(p.zone) ?? []), p]);
  const endpoints = [...byZone.keys()].sort().map((zone) => {
    const list = byZone.get(zone) as Placed[];
    const endpoint: Endpoint = {
      role: roleId,
      title: completed(role.title),
      addresses: dedupe(list.map((p) => p.address)),
      bindings: [...new Set(list.map((p) => p.binding))],
      fixed,
    };
    return { zone, endpoint };
  });
  return { placed: { endpoints, unbound: placed.length === 0 }, issues };
}

function fixedAddresses(role: Role, ctx: RoleContext, roleId: string, issues: Issue[]): Address[] | undefined {
  let specs = role.addresses;
  if (role.addressesBy) {
    const selector = ctx.parameters[role.addressesBy.parameter];
    specs = [...(specs ?? []), ...(role.addressesBy.values[String(selector)] ?? [])];
  }
  if (!specs) return undefined;
  const out: Address[] = [];
  for (const spec of specs) {
    const expanded = expandTemplate(spec, ctx.parameters);
    if (!expanded.ok) {
      if (!ctx.site) {
        // A catalog shown without a site keeps the placeholder visible rather than inventing a value.
        out.push({ kind: 'fqdn', value: spec.replace(/\$\{([^}]+)\}/g, '<$1>') });
        continue;
      }
      issues.push(
        issue(
          'missing-parameter',
          [...ctx.usePath, 'parameters'],
          text(
            `le rôle "${roleId}" du catalogue "${ctx.catalog.id}" a besoin ${ofTheParameters(expanded.missing)} pour l’adresse "${spec}"`,
            `role "${roleId}" of catalog "${ctx.catalog.id}" needs parameter${expanded.missing.length > 1 ? 's' : ''} ${quoted(expanded.missing)} for address "${spec}"`,
          ),
          setParameterHint(expanded.missing),
        ),
      );
      continue;
    }
    for (const value of expanded.values) {
      const parsed = parseAddress(value);
      if (parsed.ok) out.push(parsed.value);
      else {
        const refused = refusalText(parsed);
        const from = hasTemplate(spec) ? text(` (issu de "${spec}")`, ` (from "${spec}")`) : text('', '');
        issues.push(
          issue(
            'invalid-address',
            [...ctx.usePath, 'parameters'],
            text(
              `rôle "${roleId}" : "${value}"${from.fr} : ${refused.message.fr}`,
              `role "${roleId}": "${value}"${from.en}: ${refused.message.en}`,
            ),
            refused.hint,
          ),
        );
      }
    }
  }
  return out;
}

function placeBinding(
  item: BindingItem,
  site: Site,
  zones: ZoneLocator,
  path: YamlPath,
  issues: Issue[],
  seen: Set<string>,
): Placed[] {
  if (typeof item !== 'string') {
    return [
      {
        address: { kind: 'k8s', selector: item.k8s },
        zone: zones.defaultZone() ?? '',
        binding: `k8s:${item.k8s.namespace}`,
      },
    ];
  }
  if (seen.has(item)) return [];
  const host = site.hosts[item];
  if (host) {
    const out: Placed[] = [];
    const addresses = host.address === undefined ? [] : Array.isArray(host.address) ? host.address : [host.address];
    for (const a of addresses) {
      const parsed = parseAddress(a);
      if (!parsed.ok) {
        const refused = refusalText(parsed);
        issues.push(
          issue(
            'invalid-address',
            ['hosts', item, 'address'],
            text(`hôte "${item}" : ${refused.message.fr}`, `host "${item}": ${refused.message.en}`),
            refused.hint,
          ),
        );
        continue;
      }
      out.push({ address: parsed.value, zone: host.zone ?? zones.zoneOf(parsed.value), binding: item });
    }
    if (addresses.length === 0 && host.k8s)
      out.push({
        address: { kind: 'k8s', selector: host.k8s },
        zone: host.zone ?? zones.defaultZone() ?? '',
        binding: item,
      });
    if (addresses.length === 0 && host.fqdn) {
      const parsed = parseAddress(host.fqdn);
      if (parsed.ok)
        out.push({
          address: parsed.value,
          zone: host.zone ?? zones.zoneOfName(parsed.value, undefined),
          binding: item,
        });
    }
    return out;
  }
  const group = site.groups[item];
  if (group) {
    const inner = new Set([...seen, item]);
    return group
      .flatMap((member, i) => placeBinding(member, site, zones, ['groups', item, i], issues, inner))
      .map((p) => ({ ...p, binding: item }));
  }
  const zone = site.zones[item];
  if (zone) {
    // A zone without prefixes (the Internet, usually) stands for any address in it.
    if (zone.cidrs.length === 0) return [{ address: { kind: 'any' }, zone: item, binding: item }];
    return zone.cidrs.flatMap((c) => {
      const parsed = parseAddress(c);
      return parsed.ok ? [{ address: parsed.value, zone: item, binding: item }] : [];
    });
  }
  const parsed = parseAddress(item);
  if (parsed.ok) return [{ address: parsed.value, zone: zones.zoneOf(parsed.value), binding: item }];
  issues.push(
    issue(
      'unknown-host',
      path,
      text(
        `"${item}" n’est ni un hôte, ni un groupe, ni une zone du site, ni une adresse`,
        `"${item}" is not a host, group or zone of the site, nor an address`,
      ),
      text(
        'déclarez-le sous hosts:, groups: ou zones:, ou écrivez une adresse IP, un CIDR ou un nom DNS',
        'declare it under hosts:, groups: or zones:, or write an IP, CIDR or FQDN',
      ),
    ),
  );
  return [];
}

function dedupe(addresses: Address[]): Address[] {
  const seen = new Set<string>();
  return addresses.filter((a) => {
    const k =
      a.kind === 'any' ? 'any' : a.kind === 'k8s' ? `k8s:${JSON.stringify(a.selector)}` : `${a.kind}:${a.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

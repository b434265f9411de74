import { resolveNat } from '../catalog/site-nat.js';
import { type Catalog, conditionOf, type Flow, whenHolds } from '../model/catalog.js';
import { fail, type Issue, issue, ok, type Result, type YamlPath } from '../model/issues.js';
import type { CatalogState, Endpoint, FirewallInfo, Matrix, MatrixRow } from '../model/matrix.js';
import type { BindingItem, CatalogUse, Site } from '../model/site.js';
import { completed, pick, type Text, text } from '../model/text.js';
import { whenFeatures } from '../model/when.js';
import { noZones, zoneLocator } from '../model/zones.js';
import { append } from '../util/append.js';
import { type PlacedRole, placeRole, type RoleContext } from './bind.js';
import { stableKey } from './key.js';
import { buildLegs, type ProxyPlan, planProxy } from './legs.js';
import { applyMetadata } from './metadata.js';
import { applyNat } from './nat-legs.js';
import { checkOverrides } from './overrides.js';
import { newSpecCache, resolveServices } from './services.js';
import { type CatalogSettings, catalogModeSettings, effectiveSettings, type Overrides } from './settings.js';
import { fillText } from './template.js';
import { buildTopology, type Topology } from './topology.js';

export interface SiteInput {
  readonly site: Site;
  /** Catalogs by the name the site uses (`catalogs[].catalog`) or by id. */
  readonly catalogs: ReadonlyMap<string, Catalog>;
  readonly overrides?: Overrides;
}

/** Resolves a site into matrix rows. All problems are reported together; no partial matrix on error. */
export function resolveSite(input: SiteInput): Result<Matrix> {
  const { site } = input;
  const issues: Issue[] = [];
  const zones = zoneLocator(site.zones);
  // Translations are checked by validateSite (positioned issues); here only the valid ones are used.
  const nat = resolveNat(site).byFirewall;
  const firewalls: FirewallInfo[] = site.firewalls.map((f) => {
    const rules = nat.get(f.name);
    return {
      name: f.name,
      platform: f.platform,
      zones: f.zones,
      interfaces: f.interfaces,
      ...(Object.keys(f.options).length > 0 ? { options: f.options } : {}),
      ...(rules ? { nat: rules } : {}),
    };
  });
  const topology = buildTopology(firewalls);
  const proxy = planProxy(site, zones, issues);
  const rows: MatrixRow[] = [];
  const states: CatalogState[] = [];
  // Catalogs by the name the site uses, else by id.
  const catalogOf = site.catalogs.map(
    (use) => input.catalogs.get(use.catalog) ?? [...input.catalogs.values()].find((c) => c.id === use.catalog),
  );
  // A bad override would only cascade into confusing resolution errors: stop at it.
  const overrideIssues = checkOverrides(
    input.overrides ?? {},
    catalogOf.filter((c) => c !== undefined),
  );
  if (overrideIssues.length > 0) return fail(overrideIssues);
  site.catalogs.forEach((use, i) => {
    const catalog = catalogOf[i];
    const path: YamlPath = ['catalogs', i];
    if (!catalog) {
      issues.push(
        issue(
          'unknown-catalog',
          [...path, 'catalog'],
          text(`le catalogue "${use.catalog}" n’est pas chargé`, `catalog "${use.catalog}" is not loaded`),
          text(
            'donnez l’id d’un catalogue intégré (flowmatrix catalog list) ou le chemin d’un fichier de catalogue',
            'use a built-in id (flowmatrix catalog list) or a path to a catalog file',
          ),
        ),
      );
      return;
    }
    const { settings, issues: settingIssues } = effectiveSettings(catalog, use, input.overrides ?? {}, path);
    issues.push(...settingIssues);
    const ctx: RoleContext = { site, catalog, parameters: settings.parameters, zones, usePath: path };
    append(rows, catalogRows(catalog, settings, ctx, bindingsOf(use), { topology, proxy, use }, issues));
    states.push(catalogState(catalog, settings, true));
  });
  if (issues.some((x) => x.severity === 'error')) return fail(issues);
  issues.push(...applyMetadata(rows, site.metadata ?? []));
  applyNat(rows, nat);
  const title = typeof site.title === 'string' ? site.title : pick(site.title, 'en');
  return ok(
    {
      mode: 'site',
      site: { id: site.id, title, ...(typeof site.title === 'string' ? {} : { titles: completed(site.title) }) },
      catalogs: states,
      zones: site.zones,
      firewalls,
      ...(proxy
        ? {
            proxy: {
              ...proxy.info,
              zones: [...proxy.zones],
              bypass: proxy.bypass,
              internalDomains: proxy.internalDomains,
            },
          }
        : {}),
      rows,
    },
    issues,
  );
}

/**
 * A catalog without a site: roles stay names, fixed addresses and ports take the parameters' defaults or examples,
 * every feature on. A port or address that still cannot be resolved (a parameter with neither) is an issue: a
 * service left out of its row must be said, never dropped silently.
 */
export function resolveCatalog(catalog: Catalog): Result<Matrix> {
  const issues: Issue[] = [];
  const matrix = catalogMatrix(catalog, issues);
  return issues.some((x) => x.severity === 'error') ? fail(issues) : ok(matrix, issues);
}

function catalogMatrix(catalog: Catalog, issues: Issue[]): Matrix {
  const settings = catalogModeSettings(catalog);
  const ctx: RoleContext = { site: undefined, catalog, parameters: settings.parameters, zones: noZones, usePath: [] };
  const rows = catalogRows(
    catalog,
    settings,
    ctx,
    () => undefined,
    { topology: buildTopology([]), proxy: undefined, use: undefined },
    issues,
  );
  return {
    mode: 'catalog',
    site: { id: catalog.id, title: pick(catalog.title, 'en'), titles: completed(catalog.title) },
    catalogs: [catalogState(catalog, settings, false)],
    zones: {},
    firewalls: [],
    rows,
  };
}

const bindingsOf =
  (use: CatalogUse) =>
  (role: string): BindingItem[] | undefined => {
    const b = use.roles[role];
    return b === undefined ? undefined : Array.isArray(b) ? b : [b];
  };

interface Network {
  readonly topology: Topology;
  readonly proxy: ProxyPlan | undefined;
  readonly use: CatalogUse | undefined;
}

function catalogRows(
  catalog: Catalog,
  settings: CatalogSettings,
  ctx: RoleContext,
  bindings: (role: string) => BindingItem[] | undefined,
  net: Network,
  issues: Issue[],
): MatrixRow[] {
  const placed = new Map<string, PlacedRole>();
  const place = (role: string): PlacedRole => {
    let p = placed.get(role);
    if (!p) {
      const r = placeRole(role, ctx, bindings);
      issues.push(...r.issues);
      p = r.placed;
      placed.set(role, p);
    }
    return p;
  };
  const rows: MatrixRow[] = [];
  // Port specs parsed once per catalog use (the parameters are fixed here), shared by every flow using them.
  const specs = newSpecCache();
  const named = new Map<string, readonly { zone: string; endpoint: Endpoint }[]>();
  const endpointsOf = (p: PlacedRole, role: string) => {
    if (p.endpoints.length > 0) return p.endpoints;
    let e = named.get(role);
    if (!e) {
      e = endpointsOrName(p, role, catalog);
      named.set(role, e);
    }
    return e;
  };
  catalog.flows.forEach((flow) => {
    if (!isEnabled(flow, settings)) return;
    const { services, issues: serviceIssues } = resolveServices(flow, catalog, settings.parameters, ctx.usePath, specs);
    if (serviceIssues.length > 0) issues.push(...serviceIssues);
    const shared = flowShared(flow, net, ctx.site ? settings.parameters : undefined);
    const tos = list(flow.to);
    for (const from of list(flow.from)) {
      // Placed once per source role, not once per pair (and, as before, only when the flow has a destination).
      if (tos.length === 0) break;
      const src = place(from);
      for (const to of tos) {
        const dst = place(to);
        if (ctx.site && (src.unbound || dst.unbound)) {
          for (const [role, p] of [
            [from, src],
            [to, dst],
          ] as const) {
            if (p.unbound && flow.kind !== 'reference')
              issues.push(
                issue(
                  'unbound-role',
                  [...ctx.usePath, 'roles'],
                  text(
                    `le flux "${flow.id}" (${flow.ref}) du catalogue "${catalog.id}" est activé mais le rôle "${role}" n’est lié à rien`,
                    `flow "${flow.id}" (${flow.ref}) of catalog "${catalog.id}" is enabled but role "${role}" is not bound`,
                  ),
                  text(
                    `liez "${role}" à des hôtes, des groupes ou des zones sous catalogs[].roles, ou désactivez la fonctionnalité dont il dépend (${flow.when ?? 'toujours actif'})`,
                    `bind "${role}" to hosts, groups or zones under catalogs[].roles, or turn off the feature it needs (${flow.when ?? 'always on'})`,
                  ),
                ),
              );
          }
        }
        for (const s of endpointsOf(src, from)) {
          for (const d of endpointsOf(dst, to)) {
            rows.push(makeRow(catalog, flow, shared, s, d, services, ctx, net));
          }
        }
      }
    }
  });
  return rows;
}

/** What every row of one flow shares: computed once per flow, not once per row. */
interface FlowShared {
  readonly justification: string | undefined;
  /** Purpose and notes with the site's parameter values filled in (as written in catalog mode). */
  readonly purpose: Text;
  readonly notes: Text | undefined;
}

function flowShared(flow: Flow, net: Network, parameters: CatalogSettings['parameters'] | undefined): FlowShared {
  const justifications = hasJustifications(net.use) ? net.use?.justifications : undefined;
  const justification =
    justifications?.[flow.id] ??
    (flow.when && justifications
      ? featuresOf(flow)
          .map((w) => justifications[w])
          .find(Boolean)
      : undefined);
  const purpose = parameters ? fillText(completed(flow.purpose), parameters) : completed(flow.purpose);
  const notes = flow.notes && (parameters ? fillText(completed(flow.notes), parameters) : completed(flow.notes));
  return { justification, purpose, notes };
}

/**
 * Most sites justify nothing: then no flow id or feature is looked up (those lookups, one per new flow id,
 * cost ~1 µs a flow at 100k flows).
 */
function hasJustifications(use: CatalogUse | undefined): boolean {
  const justifications = use?.justifications;
  if (!justifications) return false;
  // The first own key answers: no array of keys is made, and nothing is remembered per use object.
  for (const id in justifications) if (Object.hasOwn(justifications, id)) return true;
  return false;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * One row. Optional fields are set only when present, in the same order as before (the JSON output keeps its
 * key order), without the per-row object spreads that cost ~0.5 s at 100k rows.
 */
function makeRow(
  catalog: Catalog,
  flow: Flow,
  shared: FlowShared,
  src: { zone: string; endpoint: Endpoint },
  dst: { zone: string; endpoint: Endpoint },
  services: MatrixRow['services'],
  ctx: RoleContext,
  net: Network,
): MatrixRow {
  const key = stableKey([catalog.id, flow.id, src.endpoint.role, dst.endpoint.role, src.zone, dst.zone]);
  const { legs, proxy } = buildLegs(flow, src, dst, services, net.topology, ctx.site ? net.proxy : undefined);
  if (!hasOptional(flow, shared, proxy)) {
    // The usual row, every key in one literal: its fields live in the object itself. Keys added one by one spill
    // into a second block per row (~100 bytes: ~40 MB at 400k rows, bench/README.md "Generate speed and memory").
    return {
      key,
      catalog: catalog.id,
      flow: flow.id,
      ref: flow.ref,
      kind: flow.kind,
      purpose: shared.purpose,
      source: src.endpoint,
      destination: dst.endpoint,
      zoneFrom: src.zone,
      zoneTo: dst.zone,
      services,
      level: flow.level,
      legs,
    };
  }
  const row = { key, catalog: catalog.id, flow: flow.id, ref: flow.ref, kind: flow.kind } as Mutable<MatrixRow>;
  if (flow.label) row.label = completed(flow.label);
  row.purpose = shared.purpose;
  if (flow.direction) row.direction = flow.direction;
  if (flow.interface) row.interface = flow.interface;
  row.source = src.endpoint;
  row.destination = dst.endpoint;
  row.zoneFrom = src.zone;
  row.zoneTo = dst.zone;
  row.services = services;
  if (flow.app) row.app = flow.app;
  row.level = flow.level;
  if (flow.when) row.when = flow.when;
  if (flow.auth) row.auth = flow.auth;
  if (flow.encryption) row.encryption = flow.encryption;
  if (shared.notes) row.notes = shared.notes;
  if (flow.origin) row.origin = flow.origin;
  row.legs = legs;
  if (proxy) row.proxy = proxy;
  if (shared.justification) row.justification = shared.justification;
  return row;
}

/** The keys a matrix row may lack. */
type OptionalRowKey = { [K in keyof MatrixRow]-?: undefined extends MatrixRow[K] ? K : never }[keyof MatrixRow];

/**
 * What `makeRow` sets each optional field from. A mapped type over every optional key: a field added to `MatrixRow`
 * does not compile until it is here, so the one-literal row never leaves it out.
 */
const OPTIONAL_FIELDS: {
  readonly [K in OptionalRowKey]: (flow: Flow, shared: FlowShared, proxy: MatrixRow['proxy']) => unknown;
} = {
  label: (flow) => flow.label,
  direction: (flow) => flow.direction,
  interface: (flow) => flow.interface,
  app: (flow) => flow.app,
  when: (flow) => flow.when,
  auth: (flow) => flow.auth,
  encryption: (flow) => flow.encryption,
  notes: (_, shared) => shared.notes,
  origin: (flow) => flow.origin,
  proxy: (_, __, proxy) => proxy,
  justification: (_, shared) => shared.justification,
  // Set after the rows are made, from the site (applyMetadata).
  meta: () => undefined,
};
const optionalSources = Object.values(OPTIONAL_FIELDS);

/** Whether a row of `flow` has one of the optional fields `makeRow` sets only when present. */
function hasOptional(flow: Flow, shared: FlowShared, proxy: MatrixRow['proxy']): boolean {
  for (const source of optionalSources) if (source(flow, shared, proxy)) return true;
  return false;
}

function endpointsOrName(
  p: PlacedRole,
  role: string,
  catalog: Catalog,
): readonly { zone: string; endpoint: Endpoint }[] {
  if (p.endpoints.length > 0) return p.endpoints;
  const written = catalog.roles[role]?.title;
  const title = written ? completed(written) : { fr: role, en: role };
  return [{ zone: '', endpoint: { role, title, addresses: [], bindings: [], fixed: false } }];
}

/** The features a flow's `when` names (none when it has none). */
function featuresOf(flow: Flow): readonly string[] {
  const condition = conditionOf(flow);
  return condition ? whenFeatures(condition) : [];
}

/** A flow is on when its `when` holds over the effective features (parsed by the loader: `loadedCatalog`). */
export function isEnabled(flow: Flow, settings: CatalogSettings): boolean {
  return whenHolds(flow, (name) => settings.features[name] === true);
}

const list = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

function sourceOf(source: NonNullable<Catalog['source']>): CatalogState['source'] {
  return {
    document: source.document,
    title: source.title,
    ...(source.date ? { date: source.date } : {}),
    ...(source.url ? { url: source.url } : {}),
  };
}

/** `fill`: a site's matrix shows scenario labels with its parameter values; a catalog alone keeps the placeholders. */
function catalogState(catalog: Catalog, settings: CatalogSettings, fill: boolean): CatalogState {
  return {
    id: catalog.id,
    title: completed(catalog.title),
    ...(catalog.vendor ? { vendor: catalog.vendor } : {}),
    product: catalog.product,
    ...(catalog.version ? { version: catalog.version } : {}),
    ...(catalog.source ? { source: sourceOf(catalog.source) } : {}),
    features: settings.features,
    parameters: settings.parameters,
    scenarios: catalog.scenarios.map((s) => ({
      ...s,
      steps: s.steps.map((step) => {
        const label = completed(step.label);
        return { ...step, label: fill ? fillText(label, settings.parameters) : label };
      }),
    })),
    checks: catalog.checks,
    roleTitles: Object.fromEntries(Object.entries(catalog.roles).map(([id, r]) => [id, completed(r.title)])),
  };
}

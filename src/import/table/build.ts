import type { Catalog, Flow, FlowOrigin, Role, Service } from '../../model/catalog.js';
import type { Host, Site, Zone } from '../../model/site.js';
import type { WrittenText } from '../../model/text.js';
import { text } from '../text.js';
import type { Endpoint } from './cells.js';
import type { TableLine } from './read.js';

export interface TableImport {
  readonly catalog: Catalog;
  readonly site: Site;
  /** Where the site finds the catalog, relative to the site file. */
  readonly catalogFile: string;
  readonly siteFile: string;
  /** What a reader must know: hosts without an address, zones whose kind the sheet does not say, "or" cells. */
  readonly notes: readonly string[];
}

export interface BuildOptions {
  /** The file's base name (`matrix.xlsx`): ids, titles and the source document. */
  readonly document: string;
  readonly sheets: readonly string[];
  readonly french: boolean;
}

const slug = (s: string, fallback: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 48)
    .replace(/[-._]+$/, '') || fallback;

/** Gives `wanted`, or `wanted-2`, `wanted-3`… when taken. */
function namer() {
  const taken = new Set<string>();
  return (wanted: string): string => {
    let name = wanted;
    for (let i = 2; taken.has(name); i++) name = `${wanted}-${i}`;
    taken.add(name);
    return name;
  };
}

const DEFAULT_ZONE = 'default';

/**
 * Lines of a person's matrix → a catalog (roles, flows) and a site binding every role to hosts made from the
 * addresses. Lines equal in everything but their protocol and ports are one flow (the way Flowmatrix's own
 * matrix writes a flow over several lines). Zones come from the zone columns, else one zone `default`.
 */
export function buildImport(lines: readonly TableLine[], options: BuildOptions): TableImport {
  const id = slug(options.document.replace(/\.[^.]+$/, ''), 'imported');
  // A cell's words are in the sheet's language only: copied into the other, they would pass for a translation
  // (documents mark the missing language instead, see `pick`).
  const cell = (words: string): WrittenText => (options.french ? { fr: words } : { en: words });
  const notes: string[] = [];
  const roleName = namer();
  const flowName = namer();
  const roles: Record<string, Role> = {};
  const hosts: Record<string, Host> = {};
  const bindings: Record<string, string[]> = {};
  const zones = new Map<string, string>();
  const zoneOf = (name: string | undefined): string => {
    const key = slug(name ?? DEFAULT_ZONE, DEFAULT_ZONE);
    if (!zones.has(key)) zones.set(key, name ?? DEFAULT_ZONE);
    return key;
  };
  const roleByKey = new Map<string, string>();
  const hostless = new Set<string>();
  const roleFor = (e: Endpoint, zoneName: string | undefined): string => {
    const zone = zoneOf(zoneName);
    const key = JSON.stringify([e.title ?? '', e.addresses, e.hosts, zone]);
    const known = roleByKey.get(key);
    if (known) return known;
    const shown = e.title ?? [...e.hosts, ...e.addresses].join(', ');
    const role = roleName(slug(e.title ?? e.hosts[0] ?? (e.addresses[0] ?? 'role').replace(/\/(32|128)$/, ''), 'role'));
    roleByKey.set(key, role);
    // Addresses alone are no language's words: both languages show them.
    roles[role] = { title: e.title ? cell(e.title) : text(shown, shown) };
    const bound: string[] = [];
    if (e.addresses.length > 0) {
      hosts[role] = {
        address: e.addresses.length === 1 ? (e.addresses[0] as string) : [...e.addresses],
        zone,
        ...(e.title ? { description: e.title } : {}),
      };
      bound.push(role);
    }
    for (const h of e.hosts) {
      const name = hosts[h] && !hostless.has(h) ? `${h}-host` : h;
      if (!hosts[name]) {
        hosts[name] = { zone, description: `${h}: address not given by the sheet` };
        hostless.add(name);
      }
      bound.push(name);
    }
    bindings[role] = bound;
    return role;
  };

  const services: Record<string, Service> = {};
  const groups = new Map<string, { first: TableLine; specs: string[]; rows: number[]; alternatives: string[] }>();
  for (const line of lines) {
    const { row: _row, services: s, app: _app, ...identity } = line;
    const key = JSON.stringify(identity);
    const group = groups.get(key) ?? { first: line, specs: [], rows: [], alternatives: [] };
    groups.set(key, group);
    group.rows.push(line.row);
    if (s.alternatives) group.alternatives.push(s.alternatives);
    for (const spec of s.specs) {
      let entry = spec;
      if (line.app) {
        entry = slug(`${spec.replace('/', '-')}-${line.app}`, spec);
        services[entry] = { ports: [spec], app: line.app };
      }
      if (!group.specs.includes(entry)) group.specs.push(entry);
    }
  }

  const flows: Flow[] = [];
  for (const { first: l, specs, rows, alternatives } of groups.values()) {
    const from = roleFor(l.source, l.zoneFrom);
    const to = roleFor(l.destination, l.zoneTo);
    const where = `${l.sheet} row${rows.length > 1 ? 's' : ''} ${rows.join(', ')}`;
    const origin: Partial<FlowOrigin> = {};
    if (!l.level)
      origin.level = text(
        'Notre choix : la feuille ne donne pas de niveau d’exigence ; une ligne d’une matrice de flux est à ouvrir.',
        'Our choice: the sheet gives no requirement level; a line of a flow matrix is one to open.',
      );
    const noteParts: string[] = l.notes ? [l.notes] : [];
    if (alternatives.length > 0) {
      origin.services = text(
        `Notre lecture de « ${alternatives.join(' » , « ')} » : toutes les possibilités sont ouvertes ; n’en garder qu’une si une seule sert.`,
        `Our reading of "${alternatives.join('", "')}": every alternative is opened; keep only one if only one is used.`,
      );
      notes.push(`${where}: "${alternatives.join('", "')}" read as every alternative (see the flow's origin)`);
    }
    flows.push({
      id: flowName(slug(l.flow ?? `${l.sheet}-row-${l.row}`, `row-${l.row}`)),
      ref: l.ref ?? where,
      ...(l.flow ? { label: cell(l.flow) } : {}),
      purpose: l.purpose
        ? cell(l.purpose)
        : text(`Ligne ${rows.join(', ')} de ${l.sheet}`, `Row ${rows.join(', ')} of ${l.sheet}`),
      kind: specs.length === 0 ? 'reference' : 'network',
      ...(l.direction ? { direction: l.direction } : {}),
      from,
      to,
      services: specs,
      level: l.level ?? 'mandatory',
      ...(l.auth ? { auth: l.auth } : {}),
      ...(l.encryption ? { encryption: l.encryption } : {}),
      ...(noteParts.length ? { notes: cell(noteParts.join(' ')) } : {}),
      ...(Object.keys(origin).length ? { origin: origin as FlowOrigin } : {}),
    });
  }

  for (const h of hostless) notes.push(`host "${h}" has no address in the sheet: give hosts.${h}.address in the site`);
  const zoneEntries: Record<string, Zone> = {};
  const onlyDefault = zones.size === 1 && zones.has(DEFAULT_ZONE);
  for (const [key, name] of zones) {
    zoneEntries[key] = {
      ...(name !== key ? { title: cell(name) } : {}),
      kind: 'internal',
      cidrs: [],
      default: key === DEFAULT_ZONE,
    };
  }
  if (!onlyDefault)
    notes.push(
      `zones ${[...zones.keys()].join(', ')}: kind "internal" — the sheet does not say; set internal, perimeter or external in the site`,
    );
  const catalogFile = `${id}.catalog.yaml`;
  const catalog: Catalog = {
    id,
    title: text(`Matrice importée de ${options.document}`, `Matrix imported from ${options.document}`),
    description: text(
      `Lu par flowmatrix import table dans ${options.sheets.join(', ')}. Chaque flux cite sa ligne de feuille.`,
      `Read by flowmatrix import table from ${options.sheets.join(', ')}. Each flow cites its sheet row.`,
    ),
    vendor: 'unknown',
    product: options.document,
    source: {
      document: options.document,
      title: `${options.document} (${options.sheets.join(', ')})`,
      language: options.french ? 'fr' : 'en',
    },
    roles,
    services,
    features: {},
    parameters: {},
    flows,
    scenarios: [],
    checks: [],
    constraints: [],
    notes: [],
  };
  const site: Site = {
    id,
    title: text(`Site importé de ${options.document}`, `Site imported from ${options.document}`),
    catalogs: [{ catalog: `./${catalogFile}`, features: {}, parameters: {}, roles: bindings, justifications: {} }],
    zones: zoneEntries,
    hosts,
    groups: {},
    firewalls: [],
  };
  return { catalog, site, catalogFile, siteFile: `${id}-site.yaml`, notes };
}

import type { Catalog, Feature, Flow, Role } from '../../model/catalog.js';
import { type Issue, issue } from '../../model/issues.js';
import { formatPortRanges } from '../../net/index.js';
import { text } from '../text.js';
import { describeChange, type FeedChange } from './changes.js';
import { DOCUMENTED_AREAS, type EndpointSet } from './feed.js';
import { overlaps } from './overlaps.js';
import { readUrl } from './urls.js';

export const INSTANCES = {
  worldwide: { service: 'Worldwide', title: 'Worldwide' },
  'usgov-dod': { service: 'USGovDoD', title: 'US Government DoD' },
  'usgov-gcchigh': { service: 'USGovGCCHigh', title: 'US Government GCC High' },
  china: { service: 'China', title: 'China (21Vianet)' },
} as const;
export type Instance = keyof typeof INSTANCES;
export const INSTANCE_IDS = Object.keys(INSTANCES) as Instance[];

/**
 * The instance an answer is for, as its URLs say (the answer has no field naming it): China's names end in `.cn`,
 * the US Government clouds' in `.us` or `.mil` (DoD's with `-dod` or `.mil`); a few such names in a Worldwide answer
 * (US Government Teams) do not make it one, so an instance needs a quarter of the URLs. Undefined without URLs.
 */
export function detectInstance(sets: readonly EndpointSet[]): { instance: Instance; evidence: string } | undefined {
  const urls = sets.flatMap((s) => s.urls).map((u) => u.toLowerCase());
  if (urls.length === 0) return undefined;
  const host = (u: string) => u.replace(/^[a-z]+:\/\//, '').replace(/[/:].*$/, '');
  const ending = (tlds: readonly string[]) => urls.filter((u) => tlds.some((t) => host(u).endsWith(t)));
  const share = (found: readonly string[]) => found.length / urls.length >= 0.25;
  const cn = ending(['.cn']);
  if (share(cn)) return { instance: 'china', evidence: `${cn.length} of its ${urls.length} URLs end in .cn` };
  const us = ending(['.us', '.mil']);
  if (share(us)) {
    const dod = us.filter((u) => /-dod\b|\.mil$/.test(host(u)));
    return dod.length > 0
      ? {
          instance: 'usgov-dod',
          evidence: `${us.length} of its ${urls.length} URLs end in .us or .mil, ${dod.length} of DoD`,
        }
      : { instance: 'usgov-gcchigh', evidence: `${us.length} of its ${urls.length} URLs end in .us, none of DoD` };
  }
  return { instance: 'worldwide', evidence: `few or no .cn, .us or .mil names among its ${urls.length} URLs` };
}

export interface M365Options {
  readonly instance: Instance;
  /** The feed file name, recorded as the catalog's source document. */
  readonly document: string;
  /** The tenant name: the `${tenant}` parameter's default. */
  readonly tenant?: string;
  /** The service's `changes` answer, recorded in the catalog notes. */
  readonly changes?: readonly FeedChange[];
}

/** How the feed's facts map onto the catalog model; written into the catalog so a reader sees the rule. */
const LEVEL_ORIGIN = text(
  'Notre lecture : le service dit « required: true » si l’ensemble est nécessaire au support de Microsoft 365 → obligatoire ; « required: false » (facultatif, la note dit ce qui manquera) → optionnel. La catégorie (Optimize, Allow, Default) ne change pas le niveau : elle est dans le libellé et les notes.',
  'Our reading: the service says "required: true" when the set is needed for Microsoft 365 to be supported → mandatory; "required: false" (optional, the note says what will be missing) → optional. The category (Optimize, Allow, Default) does not change the level: it is in the label and the notes.',
);
const FROM_ORIGIN = text(
  'Notre lecture : le service ne nomme pas la source ; ce sont les postes et serveurs du client qui utilisent Microsoft 365.',
  'Our reading: the service names no source; it is the customer’s computers and servers that use Microsoft 365.',
);
const DIRECTION_ORIGIN = text(
  'Notre lecture : le service publie des destinations à joindre, donc du trafic sortant.',
  'Our reading: the service publishes destinations to reach, so outbound traffic.',
);

const CATEGORY_TEXT = {
  Optimize: text(
    'Optimize : le plus sensible aux délais ; à router directement, sans proxy ni inspection TLS',
    'Optimize: the most latency-sensitive; route directly, without proxy or TLS inspection',
  ),
  Allow: text(
    'Allow : à router directement de préférence, sans inspection TLS',
    'Allow: preferably routed directly, without TLS inspection',
  ),
  Default: text(
    'Default : peut passer par le proxy comme le reste du trafic Internet',
    'Default: may go through the proxy like other Internet traffic',
  ),
} as const;

/**
 * A flow's `ref`: the set, and its category in a fixed form (`endpoint set 12 (Optimize)`) that the PAC target
 * reads to follow Get-PacFile's Type 1 / Type 2 choice (src/targets/pac/m365.ts). Catalogs imported before this
 * wrote `endpoint set 12`: still valid, they only lack the category.
 */
export const setRef = (set: Pick<EndpointSet, 'id' | 'category'>): string => `endpoint set ${set.id} (${set.category})`;

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'area';

/**
 * The endpoints answer as a catalog: one feature per service area, one fixed role and one flow per endpoint set
 * (`set-<id>`), from the customer's `clients`. Names the catalog cannot hold (`*cdn.onenote.net`) become a
 * reference row of their own, verbatim. Returns warnings for what a reader must know (unknown service areas,
 * such patterns, a tenant name still to give).
 */
export function m365Catalog(
  sets: readonly EndpointSet[],
  options: M365Options,
): { catalog: Catalog; warnings: Issue[] } {
  const instance = INSTANCES[options.instance];
  const warnings: Issue[] = [];
  const warn = (message: string, hint: string) =>
    warnings.push({ ...issue('invalid-value', [], message, hint, 'warning'), file: options.document });
  const features: Record<string, Feature> = {};
  const roles: Record<string, Role> = {
    clients: {
      title: text('Postes et serveurs qui utilisent Microsoft 365', 'Computers and servers that use Microsoft 365'),
      description: text(
        'À lier dans le site aux réseaux des utilisateurs et des serveurs concernés.',
        'Bind it in the site to the user and server networks concerned.',
      ),
      origin: FROM_ORIGIN,
    },
  };
  const flows: Flow[] = [];
  let usesTenant = false;
  const sorted = [...sets].sort((a, b) => a.id - b.id);
  const urlOverlaps = overlaps(sorted, 'urls');
  const sharedBy = new Map<string, (typeof urlOverlaps)[number]>(urlOverlaps.map((o) => [o.entry, o]));

  for (const set of sorted) {
    const area = slug(set.serviceArea);
    const display = set.serviceAreaDisplayName ?? set.serviceArea;
    if (!features[area]) {
      const documented = (DOCUMENTED_AREAS as readonly string[]).includes(set.serviceArea);
      if (!documented)
        warn(
          `service area "${set.serviceArea}" (set ${set.id}) is not one the documentation lists (${DOCUMENTED_AREAS.join(', ')})`,
          `imported as the feature "${area}"; check what it covers before turning it on`,
        );
      features[area] = {
        title: text(display, display),
        description: text(
          `Zone de service « ${set.serviceArea} » du service web.`,
          `Service area "${set.serviceArea}" of the web service.`,
        ),
        default: documented,
        ref: `serviceArea ${set.serviceArea}`,
        origin: documented
          ? text(
              'Notre choix : chaque zone de service est une option, active par défaut (Common est un prérequis des autres selon Microsoft).',
              'Our choice: each service area is an option, on by default (Microsoft says Common is a prerequisite of the others).',
            )
          : text(
              'Notre choix : zone absente de la documentation du service, donc désactivée par défaut.',
              'Our choice: an area the service’s documentation does not list, so off by default.',
            ),
      };
    }
    const addresses: string[] = [];
    const patterns: string[] = [];
    const tenantUrls: string[] = [];
    for (const url of set.urls) {
      const r = readUrl(url);
      if (r.kind === 'pattern') patterns.push(r.text);
      else {
        addresses.push(r.address);
        if (r.kind === 'tenant') tenantUrls.push(`${url} → ${r.address}`);
      }
    }
    addresses.push(...set.ips);
    if (tenantUrls.length) usesTenant = true;
    const category = set.category;
    const flags = [
      category,
      set.required ? 'required' : 'not required',
      set.expressRoute ? 'ExpressRoute' : 'no ExpressRoute',
    ];
    const flagsFr = [
      category,
      set.required ? 'requis' : 'non requis',
      set.expressRoute ? 'ExpressRoute' : 'sans ExpressRoute',
    ];
    const label = text(
      `${display} — ensemble ${set.id} (${flagsFr.join(', ')})`,
      `${display} — set ${set.id} (${flags.join(', ')})`,
    );
    const shared = set.urls
      .map((u) => sharedBy.get(u.toLowerCase()))
      .filter((o): o is NonNullable<typeof o> => o !== undefined)
      .map((o) => `${o.entry} (${o.sets.map((s) => `${s.id} ${s.category}`).join(', ')} → ${o.effective})`);
    const notes = noteOf(set, tenantUrls, shared, category);
    const services = [
      ...(set.tcp.length ? [`tcp/${formatPortRanges(set.tcp)}`] : []),
      ...(set.udp.length ? [`udp/${formatPortRanges(set.udp)}`] : []),
    ];
    const base = {
      purpose: text(
        set.notes
          ? `Accès à ${display} (ensemble ${set.id}) ; sans lui : voir la note du service.`
          : `Accès à ${display} (ensemble ${set.id}).`,
        set.notes ?? `Access to ${display} (set ${set.id}).`,
      ),
      direction: 'outbound' as const,
      from: 'clients',
      when: area,
      level: set.required ? ('mandatory' as const) : ('optional' as const),
    };
    const origin = { from: FROM_ORIGIN, level: LEVEL_ORIGIN, direction: DIRECTION_ORIGIN };
    if (addresses.length > 0) {
      const role = `set-${set.id}`;
      roles[role] = {
        title: text(`${display} — ensemble ${set.id}`, `${display} — set ${set.id}`),
        addresses,
      };
      if (services.length === 0)
        warn(`set ${set.id} gives no TCP or UDP port`, 'imported as a reference row: no rule is made for it');
      flows.push({
        id: role,
        ref: setRef(set),
        label,
        ...base,
        kind: services.length ? 'network' : 'reference',
        to: role,
        services,
        notes,
        origin,
      });
    }
    if (patterns.length > 0) {
      const role = `set-${set.id}-patterns`;
      warn(
        `set ${set.id}: ${patterns.join(', ')} cannot be written as a name or a *. wildcard`,
        `kept verbatim in the reference row ${role}; bind its role in the site or open it by hand`,
      );
      roles[role] = {
        title: text(`${display} — ensemble ${set.id}, motifs`, `${display} — set ${set.id}, patterns`),
        description: text(
          `Motifs du service, tels quels : ${patterns.join(', ')}`,
          `The service’s patterns, as written: ${patterns.join(', ')}`,
        ),
      };
      flows.push({
        id: role,
        ref: setRef(set),
        label,
        ...base,
        kind: 'reference',
        to: role,
        services,
        notes: text(
          `Motifs que ni un nom ni un joker *. ne peuvent représenter : ${patterns.join(', ')}. Ils ne sont ni élargis ni omis ; à ouvrir par un proxy qui accepte ces motifs. ${notes.fr}`,
          `Patterns neither a name nor a *. wildcard can express: ${patterns.join(', ')}. Neither widened nor dropped; open them through a proxy that takes such patterns. ${notes.en}`,
        ),
        origin: {
          ...origin,
          to: text(
            'Notre lecture : le motif du service ne correspond à aucune forme d’adresse du catalogue ; le rôle reste à lier.',
            'Our reading: the service’s pattern matches no address form of the catalog; the role is left to bind.',
          ),
        },
      });
    }
    if (addresses.length === 0 && patterns.length === 0)
      warn(`set ${set.id} lists no URL and no IP range`, 'nothing to open; the set is left out of the catalog');
  }
  if (usesTenant && !options.tenant)
    warn('some names hold the tenant name', 'give --tenant NAME, or set the parameter tenant in the site');
  const flowIds = new Set(flows.map((f) => f.id));
  const catalog: Catalog = {
    id: `m365-${options.instance}`,
    title: text(
      `Microsoft 365 — points de terminaison du service web (${instance.title})`,
      `Microsoft 365 — endpoints of the web service (${instance.title})`,
    ),
    description: text(
      'Importé de la réponse du service web Adresses IP et URL de Microsoft 365 : une option par zone de service, un flux par ensemble de points de terminaison.',
      'Imported from the answer of the Microsoft 365 IP Address and URL web service: one option per service area, one flow per endpoint set.',
    ),
    vendor: 'Microsoft',
    product: 'Microsoft 365',
    source: {
      document: options.document,
      title: `Microsoft 365 IP Address and URL web service — endpoints/${instance.service}`,
      publisher: 'Microsoft',
      url: `https://endpoints.office.com/endpoints/${instance.service}`,
      language: 'en',
    },
    roles,
    services: {},
    features,
    parameters: usesTenant
      ? {
          tenant: {
            type: 'string',
            title: text('Nom du locataire Microsoft 365', 'Microsoft 365 tenant name'),
            description: text(
              'Remplace <tenant> et le * que le service met à la place du nom du locataire (autodiscover.*.onmicrosoft.com, *-files.sharepoint.com).',
              'Replaces <tenant> and the * the service writes in place of the tenant name (autodiscover.*.onmicrosoft.com, *-files.sharepoint.com).',
            ),
            ...(options.tenant ? { default: options.tenant } : {}),
            example: 'contoso',
            origin: text(
              'Documentation du service : sans TenantName, les parties d’URL qui portent le nom du locataire sont écrites *.',
              'The service’s documentation: without TenantName, the parts of URLs that carry the tenant name are written *.',
            ),
          },
        }
      : {},
    flows,
    scenarios: [],
    checks: [],
    constraints: [],
    notes: [
      {
        ref: 'category',
        text: text(
          'Catégories : Optimize > Allow > Default. Un nom ou une plage listé dans plusieurs ensembles suit la catégorie la plus haute (documentation du service) ; chaque ensemble garde ses ports et son flux.',
          'Categories: Optimize > Allow > Default. A name or range listed in several sets follows the highest category (the service’s documentation); each set keeps its ports and its flow.',
        ),
        kind: 'note' as const,
        flows: [],
      },
      ...urlOverlaps.map((o) => ({
        ref: `shared ${o.entry}`,
        text: text(
          `${o.entry} est dans les ensembles ${o.sets.map((s) => `${s.id} (${s.category})`).join(', ')} : catégorie applicable ${o.effective}.`,
          `${o.entry} is in sets ${o.sets.map((s) => `${s.id} (${s.category})`).join(', ')}: category that applies ${o.effective}.`,
        ),
        kind: 'note' as const,
        flows: o.sets.map((s) => `set-${s.id}`).filter((id) => flowIds.has(id)),
      })),
      ...(options.changes ?? []).map((c, i) => ({
        ref: `change ${c.id ?? i + 1}`,
        text: text(
          `Changement annoncé par le service\u00a0: ${describeChange(c, 'fr')}`,
          `Change announced by the service: ${describeChange(c)}`,
        ),
        kind: 'note' as const,
        flows: flowIds.has(`set-${c.endpointSetId}`) ? [`set-${c.endpointSetId}`] : [],
      })),
    ],
  };
  return { catalog, warnings };
}

function noteOf(
  set: EndpointSet,
  tenantUrls: readonly string[],
  shared: readonly string[],
  category: EndpointSet['category'],
) {
  const fr: string[] = [`${CATEGORY_TEXT[category].fr}.`, `ExpressRoute : ${set.expressRoute ? 'oui' : 'non'}.`];
  const en: string[] = [`${CATEGORY_TEXT[category].en}.`, `ExpressRoute: ${set.expressRoute ? 'yes' : 'no'}.`];
  if (set.tcpPorts || set.udpPorts) {
    const raw = [set.tcpPorts ? `tcpPorts "${set.tcpPorts}"` : '', set.udpPorts ? `udpPorts "${set.udpPorts}"` : '']
      .filter(Boolean)
      .join(', ');
    fr.push(`Ports tels que le service les écrit : ${raw}.`);
    en.push(`Ports as the service writes them: ${raw}.`);
  }
  if (set.notes) {
    fr.push(`Note du service (en anglais) : ${set.notes}`);
    en.push(`Service note: ${set.notes}`);
  }
  if (tenantUrls.length) {
    fr.push(`Nom du locataire : ${tenantUrls.join(', ')}.`);
    en.push(`Tenant name: ${tenantUrls.join(', ')}.`);
  }
  if (shared.length) {
    fr.push(`Aussi dans d’autres ensembles (la catégorie la plus haute s’applique) : ${shared.join('; ')}.`);
    en.push(`Also in other sets (the highest category applies): ${shared.join('; ')}.`);
  }
  return text(fr.join(' '), en.join(' '));
}

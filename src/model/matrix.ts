import type { NetAddress, PortRange } from '../net/types.js';
import type { Auth, Check, Encryption, FlowOrigin, Scenario } from './catalog.js';
import type { RowMeta } from './flow-meta.js';
import type { LegNat, NatRule } from './nat.js';
import type { K8sSelector, Zone } from './site.js';
import type { Text } from './text.js';
import type { FlowKind, Protocol, RequirementLevel, TrafficDirection } from './vocab.js';

/** A concrete address as it reaches documents and targets. Plain data; `src/net` does the math. */
export type Address = NetAddress | { readonly kind: 'k8s'; readonly selector: K8sSelector };

export type AddressKind = Address['kind'];

/** An address a device must resolve or a proxy match by name: a DNS name, a wildcard or a URL. */
export const isNamedAddress = (a: Address): boolean => a.kind === 'fqdn' || a.kind === 'wildcard' || a.kind === 'url';

export type { PortRange };

/**
 * One protocol with its ports. `ports` is empty only for protocols without ports (icmp, esp, gre, ip…);
 * a ported protocol always carries ranges (`tcp/any` is 1–65535), and targets refuse one without them
 * rather than open every port.
 */
export interface ServiceMatch {
  /** Service id from the catalog, or the inline spec text. */
  readonly name: string;
  readonly protocol: Protocol;
  readonly ports: readonly PortRange[];
  /** ICMP type (number) when the spec names one. */
  readonly icmpType?: number;
  readonly app?: string;
}

export interface Endpoint {
  readonly role: string;
  readonly title: Text;
  /** Empty when the role is not bound (catalog rendered without a site). */
  readonly addresses: readonly Address[];
  /** Site hosts/groups/zones the binding named, for object names in targets. */
  readonly bindings: readonly string[];
  /** True when the addresses come from the catalog (the source document), not the site. */
  readonly fixed: boolean;
}

/** A firewall crossed on the way, with the side traffic enters and leaves. */
export interface Hop {
  readonly firewall: string;
  readonly platform: string;
  readonly fromZone: string;
  readonly toZone: string;
  readonly fromInterface?: string;
  readonly toInterface?: string;
}

/**
 * Why no firewall enforces a leg between two different zones: an endpoint in no zone, a zone no firewall touches,
 * or zones that firewalls touch but no chain of them joins.
 */
export type UnenforcedReason = 'unzoned' | 'isolated-zone' | 'no-path';

/**
 * A segment of a row's path. One leg normally; through an outbound proxy, two legs:
 * source → proxy (proxy port) and proxy → destination (the flow's ports).
 */
export interface Leg {
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly services: readonly ServiceMatch[];
  readonly zoneFrom: string;
  readonly zoneTo: string;
  readonly hops: readonly Hop[];
  readonly viaProxy: boolean;
  /** Set when the leg joins two different zones and no firewall lies between them: nothing enforces it. */
  readonly unenforced?: UnenforcedReason;
  /** Address translations on the way, in hop order; absent when the leg meets none. */
  readonly nat?: readonly LegNat[];
}

export interface MatrixRow {
  /** Stable identity: hash of catalog, flow, source role, destination role, zones. Not of ports. */
  readonly key: string;
  readonly catalog: string;
  readonly flow: string;
  readonly ref: string;
  readonly kind: FlowKind;
  readonly label?: Text;
  readonly purpose: Text;
  readonly direction?: TrafficDirection;
  readonly interface?: string;
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly zoneFrom: string;
  readonly zoneTo: string;
  readonly services: readonly ServiceMatch[];
  readonly app?: string;
  readonly level: RequirementLevel;
  /** The feature expression as written in the catalog. */
  readonly when?: string;
  readonly auth?: Auth;
  readonly encryption?: Encryption;
  readonly notes?: Text;
  /** Facts of the catalog flow not in its source document, and where each comes from. */
  readonly origin?: FlowOrigin;
  readonly legs: readonly Leg[];
  readonly proxy?: {
    readonly name: string;
    readonly host: string;
    readonly port: number;
    /**
     * Site `proxy.egress: by-port`, on a row whose destination is given by name: the firewalls on the proxy's way out
     * open it to the destination's zone on the row's ports.
     */
    readonly egress?: 'by-port';
  };
  readonly justification?: string;
  /** Owner, ticket, justification, review and expiry dates the site gives the row (`metadata:`). */
  readonly meta?: RowMeta;
}

export interface CatalogState {
  readonly id: string;
  readonly title: Text;
  readonly vendor?: string;
  readonly product: string;
  readonly version?: string;
  /** Absent for an in-house catalog (no source document). */
  readonly source?: {
    readonly document: string;
    readonly title: string;
    readonly date?: string;
    readonly url?: string;
  };
  readonly features: Readonly<Record<string, boolean>>;
  readonly parameters: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  readonly scenarios: readonly Scenario[];
  readonly checks: readonly Check[];
  /** Every role's title, including roles no row uses (scenario participants). */
  readonly roleTitles?: Readonly<Record<string, Text>>;
}

export interface FirewallInfo {
  readonly name: string;
  readonly platform: string;
  readonly zones: readonly string[];
  readonly interfaces: Readonly<Record<string, string>>;
  /** Target options from the site (`firewalls[].options`); absent in older matrices. */
  readonly options?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** Address translations (site `firewalls[].nat`), resolved; absent when the firewall has none. */
  readonly nat?: readonly NatRule[];
}

export interface Matrix {
  /** `catalog` when a catalog is shown without a site: roles stay names, every feature on. */
  readonly mode: 'site' | 'catalog';
  /** `title` is the English (or only) title; `titles` carries both languages when the site or catalog gives them. */
  readonly site: { readonly id: string; readonly title: string; readonly titles?: Text };
  readonly catalogs: readonly CatalogState[];
  readonly zones: Readonly<Record<string, Zone>>;
  readonly firewalls: readonly FirewallInfo[];
  readonly proxy?: {
    readonly name: string;
    readonly host: string;
    readonly port: number;
    readonly address: readonly Address[];
    /** Destination zones reached through the proxy (site `proxy.zones`); absent in older matrices. */
    readonly zones?: readonly string[];
    /** Destinations reached directly (site `proxy.bypass`, the PAC exceptions). */
    readonly bypass?: readonly string[];
    /** The site's internal DNS domains (site `internalDomains`): reached directly, never through the proxy. */
    readonly internalDomains?: readonly string[];
  };
  readonly rows: readonly MatrixRow[];
}

/** The site's title in `lang` when it has one, else its only title. */
export const siteTitle = (matrix: Pick<Matrix, 'site'>, lang: 'fr' | 'en'): string =>
  matrix.site.titles?.[lang] ?? matrix.site.title;

/** A row's proxy as documents and diffs show it, with the declared way out when it is by port. */
export const proxyLabel = (row: Pick<MatrixRow, 'proxy'>): string =>
  row.proxy
    ? `${row.proxy.name} (${row.proxy.host}:${row.proxy.port})${row.proxy.egress === 'by-port' ? ', egress: by-port' : ''}`
    : '';

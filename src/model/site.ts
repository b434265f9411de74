import { z } from 'zod';
import { Id } from './catalog.js';
import { FlowMetadata } from './flow-meta.js';
import { NatList } from './site-nat.js';
import { Policy, Suppressions } from './site-policy.js';
import { Text } from './text.js';

/**
 * A deployment: which catalogs, which options, where things are. One YAML file per site.
 *
 * A role binding item is a host name, a group name, a zone name, a literal address (IP, CIDR, FQDN,
 * wildcard FQDN), `any`, or a Kubernetes selector `{ k8s: { namespace, pods } }`.
 */
export const K8sSelector = z.strictObject({
  namespace: z.string(),
  pods: z.record(z.string(), z.string()).default({}),
});
export const BindingItem = z.union([z.string().min(1), z.strictObject({ k8s: K8sSelector })]);
export const Binding = z.union([BindingItem, z.array(BindingItem).min(1)]);

export const CatalogUse = z.strictObject({
  /** A built-in catalog id (`hamilton`) or a path to a catalog YAML relative to the site file. */
  catalog: z.string(),
  features: z.record(z.string(), z.boolean()).default({}),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).default({}),
  roles: z.record(z.string(), Binding).default({}),
  /** Why an optional flow or feature is enabled (audit: optional rows need a justification). */
  justifications: z.record(z.string(), z.string()).default({}),
});

export const ZONE_KINDS = ['internal', 'perimeter', 'external'] as const;
export const Zone = z.strictObject({
  title: Text.optional(),
  kind: z.enum(ZONE_KINDS),
  cidrs: z.array(z.string()).default([]),
  /** The zone of names and addresses that match no other zone (usually `internet`). */
  default: z.boolean().default(false),
});

export const Host = z.strictObject({
  address: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  fqdn: z.string().optional(),
  /** Zone override, for hosts known by name only. */
  zone: z.string().optional(),
  k8s: K8sSelector.optional(),
  description: z.string().optional(),
});

export const Firewall = z.strictObject({
  name: Id,
  platform: z.string(),
  /** Zones this firewall separates; a flow between two of them crosses it. */
  zones: z.array(z.string()).min(2),
  /**
   * Interface (or platform zone) name per site zone. For Linux targets, a trailing `*` means every interface whose
   * name starts so (`vlan1*`): nftables writes `vlan1*`, iptables `vlan1+`.
   */
  interfaces: z.record(z.string(), z.string()).default({}),
  /** Options of the firewall's target (`mode: coexist`, `placement: top`…); `--option` on the command line wins. */
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).default({}),
  /** Address translations on this firewall (static, destination, source): shapes in src/model/site-nat.ts. */
  nat: NatList.optional(),
  description: z.string().optional(),
});

export const SiteProxy = z.strictObject({
  name: Id,
  /** Host (name from `hosts`) the proxy runs on. */
  host: z.string(),
  port: z.number().int().min(1).max(65535),
  /** Destination zones reached through the proxy (usually the Internet). */
  zones: z.array(z.string()).min(1),
  /** Destinations reached directly even through a proxy-capable flow (PAC exceptions). */
  bypass: z.array(z.string()).default([]),
  /**
   * How the firewalls between the proxy and its zones let it out. `by-name` (the default): to the addresses the
   * rows name, and a destination given only by DNS names is withheld where a firewall cannot write names (with a
   * finding). `by-port`: the proxy filters by name, so every firewall on its way out opens it to the destination's
   * zone (every address, for a zone without CIDRs such as the Internet) on the rows' ports — a widening the site
   * declares, said by a finding on each row.
   */
  egress: z.enum(['by-name', 'by-port']).optional(),
});

export const Site = z.strictObject({
  $schema: z.string().optional(),
  /** Shared files added to this site, and a base site this one overrides (docs/site-files.md). */
  include: z.union([z.string(), z.array(z.string())]).optional(),
  extends: z.string().optional(),
  id: Id,
  title: z.union([z.string(), Text]),
  description: z.string().optional(),
  catalogs: z.array(CatalogUse).min(1),
  zones: z.record(z.string(), Zone),
  hosts: z.record(z.string(), Host).default({}),
  groups: z.record(z.string(), z.array(z.string()).min(1)).default({}),
  firewalls: z.array(Firewall).default([]),
  proxy: SiteProxy.optional(),
  /**
   * DNS domains of the organisation's own names (`corp.example`: the domain and every name below it). The proxy
   * does not carry them: flows to them go direct and the PAC file returns DIRECT, with no bypass entry to write.
   */
  internalDomains: z.array(z.string().min(1)).optional(),
  /** Zone-pair policy and audit suppressions: shapes in src/model/site-policy.ts. */
  policy: Policy.optional(),
  suppressions: Suppressions.optional(),
  /** Owner, ticket, justification, review and expiry dates of rows: shapes in src/model/flow-meta.ts. */
  metadata: FlowMetadata.optional(),
});

export type Site = z.infer<typeof Site>;
export type CatalogUse = z.infer<typeof CatalogUse>;
export type Zone = z.infer<typeof Zone>;
export type Host = z.infer<typeof Host>;
export type Firewall = z.infer<typeof Firewall>;
export type SiteProxy = z.infer<typeof SiteProxy>;
export type BindingItem = z.infer<typeof BindingItem>;
export type K8sSelector = z.infer<typeof K8sSelector>;

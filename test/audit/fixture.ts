import { type AuditInput, type AuditResult, runAudit } from '../../src/audit/index.js';
import { parseCatalogText, parseSiteText } from '../../src/catalog/parse.js';
import { resolveCatalog, resolveSite } from '../../src/matrix/index.js';
import type { Catalog } from '../../src/model/catalog.js';
import type { Matrix } from '../../src/model/matrix.js';
import type { Site } from '../../src/model/site.js';
import { must } from '../support/result.js';

/**
 * Small catalogs and sites for rule tables. A flow is written inline; the site has the usual three zones
 * (lan internal, dmz perimeter, internet external) and two firewalls (fw-in: lan|dmz nftables, fw-out: dmz|internet).
 */
export function catalogWith(flows: string, extra = ''): string {
  return `
id: t
title: { fr: Test, en: Test }
vendor: Example
product: Test
source: { document: none, title: Test }
roles:
  app: { title: { fr: Appli, en: App } }
  db: { title: { fr: Base, en: Database } }
  client: { title: { fr: Client, en: Client } }
  web: { title: { fr: Web, en: Web } }
  cloud: { title: { fr: Nuage, en: Cloud }, addresses: [api.cloud.example, "*.cdn.example"] }
  anywhere: { title: { fr: Partout, en: Anywhere }, addresses: [any] }
features:
  extra: { title: { fr: Option, en: Option } }
flows:
${flows}
${extra}`;
}

export const flow = (fields: string): string =>
  `  - { ref: row 1, purpose: { fr: But, en: Purpose }, ${/\blevel:/.test(fields) ? '' : 'level: mandatory, '}${fields} }`;

export function siteWith(roles: string, extra = '', use = ''): string {
  return `
id: s
title: Site
catalogs:
  - catalog: t
    features: { extra: true }
    roles: { ${roles} }
${use}
zones:
  lan: { kind: internal, cidrs: [10.0.0.0/16] }
  dmz: { kind: perimeter, cidrs: [172.16.0.0/24] }
  internet: { kind: external, default: true }
hosts:
  app1: { address: 10.0.0.10 }
  db1: { address: 10.0.1.10 }
  client1: { address: 10.0.2.0/24 }
  web1: { address: 172.16.0.10 }
  px: { address: 172.16.0.3 }
firewalls:
  - { name: fw-in, platform: nftables, zones: [lan, dmz] }
  - { name: fw-out, platform: iptables, zones: [dmz, internet] }
${extra}`;
}

export interface Audited {
  readonly matrix: Matrix;
  readonly catalog: Catalog;
  readonly site?: Site;
  readonly result: AuditResult;
}

export function auditSite(
  catalogText: string,
  siteText: string,
  input: Partial<Omit<AuditInput, 'matrix' | 'catalogs'>> = {},
): Audited {
  const catalog = must(parseCatalogText(catalogText, 'catalog.yaml'));
  const site = must(parseSiteText(siteText, 'site.yaml'));
  const matrix = must(resolveSite({ site, catalogs: new Map([['t', catalog]]) }));
  const result = runAudit({
    matrix,
    catalogs: [catalog],
    policy: site.policy ?? [],
    suppressions: site.suppressions ?? [],
    today: '2025-06-01',
    ...input,
  });
  return { matrix, catalog, site, result };
}

export function auditCatalog(catalogText: string): Audited {
  const catalog = must(parseCatalogText(catalogText, 'catalog.yaml'));
  const matrix = must(resolveCatalog(catalog));
  return { matrix, catalog, result: runAudit({ matrix, catalogs: [catalog], today: '2025-06-01' }) };
}

/** `rule:messageId` of each unsuppressed finding, sorted: what table tests assert. */
export const ids = (r: AuditResult, rule?: string): string[] =>
  r.findings
    .filter((f) => !f.suppressed && (rule === undefined || f.rule === rule))
    .map((f) => `${f.rule}:${f.messageId}`)
    .sort();

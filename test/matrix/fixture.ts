import { parseCatalogText, parseSiteText } from '../../src/catalog/parse.js';
import type { Catalog } from '../../src/model/catalog.js';
import type { Site } from '../../src/model/site.js';

export const CATALOG = `
id: shop
title: { fr: Boutique, en: Shop }
vendor: Example
product: Shop
source: { document: none, title: Test }
roles:
  web: { title: { fr: Serveur web, en: Web server } }
  db: { title: { fr: Base, en: Database } }
  clients: { title: { fr: Postes, en: Workstations } }
  payments: { title: { fr: Paiement, en: Payments }, addresses: [api.pay.example.com, 203.0.113.0/28] }
  mobile: { title: { fr: Mobile, en: Mobile }, addresses: ["\${domain}.mobile.example.net"] }
  cloud: { title: { fr: Nuage, en: Cloud }, addressesBy: { parameter: cloud, values: { world: [198.51.100.0/24], gov: [192.0.2.128/25] } } }
services:
  https: { ports: [tcp/443], app: HTTPS }
  sql: { ports: [tcp/1433] }
  rpc: { ports: ["tcp/\${rpc_low}-\${rpc_high}"] }
features:
  pay: { title: { fr: Paiement, en: Payments }, default: true }
  mobile: { title: { fr: Mobile, en: Mobile }, default: false }
  relay-a: { title: { fr: A, en: A }, default: true, exclusive: relay }
  relay-b: { title: { fr: B, en: B }, default: false, exclusive: relay }
parameters:
  domain: { type: fqdn, title: { fr: Domaine, en: Domain } }
  cloud: { type: enum, values: [world, gov], default: world, title: { fr: Nuage, en: Cloud } }
  rpc_low: { type: port, default: 49152, title: { fr: RPC bas, en: RPC low } }
  rpc_high: { type: port, default: 65535, title: { fr: RPC haut, en: RPC high } }
flows:
  - { id: clients-web, ref: row 1, purpose: { fr: Accès, en: Access }, from: clients, to: web, services: [https], level: mandatory }
  - { id: web-db, ref: row 2, purpose: { fr: Données, en: Data }, from: web, to: db, services: [sql, rpc], level: mandatory }
  - { id: web-pay, ref: row 3, purpose: { fr: Paiement, en: Payment }, from: web, to: payments, services: [https], level: optional, when: pay }
  - { id: web-mobile, ref: row 4, purpose: { fr: Mobile, en: Mobile }, from: web, to: mobile, services: [https], level: optional, when: mobile }
  - { id: web-cloud, ref: row 5, purpose: { fr: Nuage, en: Cloud }, from: web, to: cloud, services: [udp/3478], level: recommended, when: "pay && !mobile" }
`;

export const SITE = `
id: paris
title: Paris
catalogs:
  - catalog: shop
    roles:
      web: [web1]
      db: [db-servers]
      clients: lan-users
    justifications: { pay: card payments are a business requirement }
zones:
  lan: { kind: internal, cidrs: [10.0.0.0/8, "fd00::/8"] }
  dmz: { kind: perimeter, cidrs: [10.99.0.0/16] }
  internet: { kind: external, default: true }
  lan-users: { kind: internal, cidrs: [10.20.0.0/16] }
hosts:
  web1: { address: 10.99.0.10 }
  db1: { address: 10.1.0.5 }
  db2: { address: "fd00::5" }
  proxy1: { address: 10.99.0.3 }
groups:
  db-servers: [db1, db2]
firewalls:
  - { name: fw-int, platform: nftables, zones: [lan, lan-users, dmz], interfaces: { lan: eth0, dmz: eth1, lan-users: eth2 } }
  - { name: fw-edge, platform: iptables, zones: [dmz, internet], interfaces: { dmz: eth0, internet: eth1 } }
`;

export function catalogs(text = CATALOG): Map<string, Catalog> {
  const c = parseCatalogText(text, 'shop.yaml');
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
  return new Map([['shop', c.value]]);
}

export function site(text = SITE): Site {
  const s = parseSiteText(text, 'site.yaml');
  if (!s.ok) throw new Error(s.issues.map((i) => i.message).join('\n'));
  return s.value;
}

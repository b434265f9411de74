import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { resolveSite } from '../../src/matrix/index.js';
import type { Matrix } from '../../src/model/matrix.js';
import { catalogs, site } from '../matrix/fixture.js';

/** The audit knows the Internet reaches a published service through its public address. */
const CATALOG = `
id: pub
title: { fr: Publication, en: Publishing }
vendor: Example
product: Lab
source: { document: none, title: Test }
roles:
  client: { title: { fr: Client, en: Client } }
  web: { title: { fr: Web, en: Web } }
  db: { title: { fr: Base, en: Database } }
flows:
  - { id: in-web, ref: "1", purpose: { fr: W, en: W }, from: client, to: web, services: [tcp/80], level: mandatory }
  - { id: in-db, ref: "2", purpose: { fr: D, en: D }, from: client, to: db, services: [tcp/5432], level: mandatory }
`;
const siteText = (nat: string) => `
id: pub
title: Publishing
catalogs:
  - catalog: pub
    roles: { client: internet, web: web, db: db }
zones:
  lan: { kind: internal, cidrs: [10.1.0.0/16] }
  dmz: { kind: perimeter, cidrs: [172.16.10.0/24] }
  internet: { kind: external, default: true }
hosts:
  web: { address: 172.16.10.20 }
  db: { address: 172.16.10.30 }
firewalls:
  - name: fw
    platform: nftables
    zones: [internet, dmz, lan]
${nat}
`;
function matrix(nat: string): Matrix {
  const r = resolveSite({ site: site(siteText(nat)), catalogs: catalogs(CATALOG) });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}
const NAT = `    nat:
      - { type: destination, public: 203.0.113.10, protocol: tcp, port: 80, to: web }`;

describe('nat-unpublished and the public address in findings', () => {
  it('flags a row from the Internet to a private address no translation publishes', () => {
    const { findings } = runAudit({
      matrix: matrix(NAT),
      catalogs: [],
      today: '2026-12-01',
      rules: ['nat-unpublished'],
    });
    expect(findings.map((f) => [f.flow, f.message.en])).toEqual([
      [
        'in-db',
        'pub/in-db (2) client → db: from internet to private address 172.16.10.30 with no translation on the path (tcp/5432)',
      ],
    ]);
  });
  it('findings about a published row name its public address', () => {
    const { findings } = runAudit({
      matrix: matrix(NAT),
      catalogs: [],
      today: '2026-12-01',
      rules: ['broad-exposure', 'any-address-across-firewall', 'cleartext-flow', 'undocumented-port'],
    });
    const web = findings.filter((f) => f.flow === 'in-web');
    expect(web.length).toBeGreaterThan(0);
    for (const f of web) expect(f.message.en).toContain('[NAT 203.0.113.10:80 → 172.16.10.20:80]');
  });
  it('says nothing in a site that declares no NAT', () => {
    expect(
      runAudit({ matrix: matrix(''), catalogs: [], today: '2026-12-01', rules: ['nat-unpublished'] }).findings,
    ).toEqual([]);
  });
});

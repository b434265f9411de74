import { describe, expect, it } from 'vitest';
import { auditSite, catalogWith, flow, siteWith } from './fixture.js';

/**
 * `siteWith` has lan 10.0/16, dmz 172.16.0/24 and internet (default) with fw-in lan|dmz and fw-out dmz|internet.
 * Each case adds a zone `lab` (192.168.9.0/24, host iso1) and maybe a firewall, then binds `db` somewhere.
 */
const FLOWS = [
  flow('id: a, from: app, to: db, services: [tcp/1433]'),
  flow('id: b, from: web, to: db, services: [tcp/443]'),
].join('\n');

function unenforced(db: string, firewall = '', labKind = 'internal'): string[] {
  const site = siteWith(`app: app1, db: ${db}, web: web1`)
    .replace('  px: { address: 172.16.0.3 }', '  px: { address: 172.16.0.3 }\n  iso1: { address: 192.168.9.9 }')
    .replace(
      '  internet: { kind: external, default: true }',
      `  internet: { kind: external, default: true }\n  lab: { kind: ${labKind}, cidrs: [192.168.9.0/24] }\n  far: { kind: internal, cidrs: [192.168.10.0/24] }`,
    )
    .replace('firewalls:\n', `firewalls:\n${firewall}`);
  const { result } = auditSite(catalogWith(FLOWS), site);
  return result.findings
    .filter((f) => f.rule === 'unenforced-flow')
    .map((f) => `${f.flow} ${f.severity} ${f.messageId}`);
}

describe('unenforced-flow', () => {
  it('says nothing when a firewall lies between the zones, or both ends share a zone', () => {
    expect(unenforced('db1')).toEqual([]);
  });
  it.each([
    { name: 'a zone no firewall touches', db: 'iso1', want: ['a medium isolated-zone', 'b medium isolated-zone'] },
    {
      name: 'an external zone no firewall touches is worse',
      db: 'iso1',
      labKind: 'external',
      want: ['a high isolated-zone', 'b high isolated-zone'],
    },
    {
      name: 'zones on two islands of firewalls',
      db: 'iso1',
      firewall: '  - { name: fw-lab, platform: nftables, zones: [lab, far] }\n',
      want: ['a medium no-path', 'b medium no-path'],
    },
    {
      name: 'an island joined by a firewall: enforced',
      db: 'iso1',
      firewall: '  - { name: fw-lab, platform: nftables, zones: [lab, lan] }\n',
      want: [],
    },
  ])('$name', ({ db, firewall, labKind, want }) => {
    expect(unenforced(db, firewall, labKind)).toEqual(want);
  });
});

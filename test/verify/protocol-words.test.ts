import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

/** A small site: a host on a Docker bridge, the internet beyond (`any`). */
const dir = mkdtempSync(join(tmpdir(), 'fm-any-zone-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

write(
  'cat.yaml',
  `id: dock
title: { en: Docker host }
product: test
roles:
  ext: { title: { en: Internet clients } }
  h1: { title: { en: h1 } }
  h4: { title: { en: h4 } }
  web: { title: { en: Web sites } }
flows:
  - { id: ext-h1, purpose: { en: inbound }, from: ext, to: h1, services: [tcp/8080], level: mandatory }
  - { id: h4-out, purpose: { en: outbound }, from: h4, to: web, services: [tcp/443], level: mandatory }
`,
);
const SITE = write(
  'site.yaml',
  `id: dock
title: Docker
catalogs:
  - catalog: ./cat.yaml
    roles: { ext: any, h1: h1, h4: h4, web: any }
zones:
  bridge: { kind: internal, cidrs: [10.0.0.0/8] }
  internet: { kind: external, default: true }
hosts:
  h1: { address: 10.0.0.1 }
  h4: { address: 10.0.0.4 }
firewalls:
  - name: fw
    platform: iptables
    zones: [bridge, internet]
    interfaces: { bridge: br0, internet: eth0 }
`,
);

describe('verify: what a rule beyond the matrix lets through, in words', () => {
  it('a rule for all protocols but the one a row needs is said by what it leaves out', async () => {
    const config = write(
      'fw.rules',
      [
        '*filter',
        ':FORWARD DROP [0:0]',
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -i br0 -o eth0 -s 10.0.0.4/32 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
    );
    const r = await run(['verify', SITE, '--firewall', 'fw', '--config', config]);
    expect(r.out).toContain('allows any protocol but tcp from 10.0.0.4/32 to any');
    expect(r.out).not.toContain('more protocols');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesetToJson } from '../../src/ruleset/json.js';
import { lowerSlice } from '../../src/ruleset/lower.js';
import type { Rule } from '../../src/ruleset/types.js';
import { checkCapabilities } from '../../src/targets/generate/capabilities.js';
import { allowRule, sliceForFirewall } from '../../src/targets/generate/rules.js';
import { nftables } from '../../src/targets/nftables/index.js';
import { run } from '../cli/run.js';
import { exampleMatrix } from '../targets/support/examples.js';

const SITE = 'examples/lync-2013-edge-site.yaml';
const FIREWALL = 'fw-internal';
const dir = mkdtempSync(join(tmpdir(), 'fm-verify-'));

/** The firewall's own slice as a neutral ruleset file, optionally changed. */
function configFile(name: string, change: (rules: Rule[]) => Rule[] = (r) => r): string {
  const matrix = exampleMatrix('lync-2013-edge-site');
  const checked = checkCapabilities(sliceForFirewall(matrix, FIREWALL).rules, nftables);
  const rs = lowerSlice(checked.rules.map(allowRule));
  const rules = change([...(rs.chains.forward?.rules ?? [])]).map((r, i) => ({
    ...r,
    provenance: { ...r.provenance, file: name, line: i + 1, text: `rule ${i + 1}` },
  }));
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify(rulesetToJson({ ...rs, chains: { forward: { name: 'forward', rules, policy: 'drop' } } })),
  );
  return path;
}

describe('flowmatrix verify', () => {
  it('passes the firewall that holds exactly the matrix, in every report format', async () => {
    const config = configFile('exact.json');
    const text = await run(['verify', SITE, '--firewall', FIREWALL, '--config', config]);
    expect(text.err).toMatch(/[1-9]\d* permitted, 0 partly permitted, 0 denied, 0 indeterminate/);
    expect(text.code).toBe(0);
    for (const report of ['json', 'sarif', 'junit', 'md']) {
      const r = await run(['verify', SITE, '--firewall', FIREWALL, '--config', config, '-r', report, '--lang', 'fr']);
      expect(r.code, `${report}: ${r.err}`).toBe(0);
      expect(r.out.length).toBeGreaterThan(100);
    }
    const json = JSON.parse(
      (await run(['verify', SITE, '--firewall', FIREWALL, '--config', config, '-r', 'json'])).out,
    );
    expect(json.counts.denied).toBe(0);
    expect(json.items.filter((i: { kind: string }) => i.kind !== 'row')).toEqual([]);
  });

  it('fails on --fail-on high when a row is missing, and says which and why', async () => {
    const config = configFile('missing.json', (rules) => rules.slice(0, 1));
    const r = await run(['verify', SITE, '--firewall', FIREWALL, '--config', config, '--fail-on', 'high']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/denied|partly permitted/);
    expect(r.out).toMatch(/not let through: .* — policy of forward/);
    const sarif = JSON.parse(
      (await run(['verify', SITE, '--firewall', FIREWALL, '--config', config, '-r', 'sarif'])).out,
    );
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it('names an any-to-any rule at its line', async () => {
    const config = configFile('wide.json', (rules) => [{ verdict: { kind: 'accept' }, provenance: {} }, ...rules]);
    const r = await run(['verify', SITE, '--firewall', FIREWALL, '--config', config, '-r', 'json']);
    const json = JSON.parse(r.out);
    const any = json.items.find((i: { kind: string }) => i.kind === 'any-to-any');
    expect(any.locations[0]).toMatchObject({ file: 'wide.json', line: 1 });
  });

  it('answers which rule decides a packet, with no site', async () => {
    const config = configFile('packet.json');
    const rs = JSON.parse(readFileSync(config, 'utf8'));
    const rule = rs.chains[0].rules.find(
      (x: { destination?: string[]; destinationPorts?: unknown }) => x.destination && x.destinationPorts,
    );
    const dst = String(rule.destination[0]).split('/')[0];
    const port = rule.destinationPorts[0][0];
    const src = String(rule.source?.[0] ?? '198.51.100.7/32').split('/')[0];
    const proto = rule.protocols?.[0]?.[0] === 17 ? 'udp' : 'tcp';
    const r = await run([
      'verify',
      '--config',
      config,
      '--packet',
      `${proto} ${src}:40000 -> ${dst}:${port}${rule.inInterface ? ` in ${rule.inInterface.name}` : ''}${rule.outInterface ? ` out ${rule.outInterface.name}` : ''}`,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/accept — packet\.json:\d+: rule \d+/);
    const no = await run(['verify', '--config', config, '--packet', 'tcp 203.0.113.1:1 -> 203.0.113.2:9']);
    expect(no.out).toMatch(/drop — policy of forward/);
  });

  it('places a packet by the interface it names: in outside is from zone outside (ASA nameif)', async () => {
    const path = join(dir, 'asa.cfg');
    writeFileSync(
      path,
      [
        'ASA Version 9.12(4)',
        'interface GigabitEthernet0/0',
        ' nameif outside',
        ' security-level 0',
        'interface GigabitEthernet0/1',
        ' nameif inside',
        ' security-level 100',
        'same-security-traffic permit intra-interface',
        'access-list OUTSIDE_IN extended permit tcp any host 192.168.10.1 eq 8080',
        'access-group OUTSIDE_IN in interface outside',
        '',
      ].join('\n'),
    );
    const packet = 'tcp 172.16.1.1:2000 -> 192.168.10.1:8080 in outside';
    const r = await run(['verify', '--config', path, '--packet', packet]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`${packet}\n  in outside (zone outside)\n`);
    expect(r.out).toMatch(/accept — .*asa\.cfg:9: access-list OUTSIDE_IN extended permit/);
    const hw = await run([
      'verify',
      '--config',
      path,
      '--packet',
      'tcp 172.16.1.1:2000 -> 192.168.10.1:22 in GigabitEthernet0/0',
    ]);
    expect(hw.code, hw.err).toBe(0);
    expect(hw.out).toMatch(/in GigabitEthernet0\/0 \(zone outside\)\n[\s\S]*drop — policy of in OUTSIDE_IN/);
    // A zone that contradicts the interface's: refused, with the packet named, and the others still answered.
    const both = await run(['verify', '--config', path, '--packet', `${packet} from-zone inside`, '--packet', packet]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(
      /--packet .* in outside from-zone inside: interface outside is in zone outside in this configuration, and the packet says from-zone inside — write from-zone outside/,
    );
    expect(both.out).toMatch(/accept — /);
  });

  it('refuses bad input with exit 2 and a message, never a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['verify', SITE, '--firewall', FIREWALL], /give the firewall configuration with --config/],
      [
        ['verify', SITE, '--firewall', FIREWALL, '--config', join(dir, 'nope.rules')],
        /cannot read the configuration \(ENOENT\)/,
      ],
      [['verify', SITE, '--firewall', 'fw-nope', '--config', configFile('x.json')], /unknown firewall "fw-nope"/],
      [['verify', '--config', configFile('y.json'), '--packet', 'tcp 1.2.3.4 -> 5.6.7.8:1'], /both ports/],
      [['verify', SITE, '--firewall', FIREWALL, '--config', SITE], /cannot tell the configuration format/],
      [
        ['verify', SITE, '--firewall', FIREWALL, '--config', SITE, '--format', 'cobol'],
        /unknown configuration format "cobol"/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('--scope chooses the Panorama device group; without it a file holding several is refused with the scopes', async () => {
    const path = join(dir, 'panorama.set');
    const dg = (g: string, action: string) =>
      `set device-group ${g} pre-rulebase security rules r-${g} from any to any source any destination any service any application any action ${action}`;
    writeFileSync(path, `${dg('east', 'allow')}\n${dg('west', 'deny')}\n`);
    const packet = ['--packet', 'tcp 10.0.0.1:1000 -> 10.0.0.2:80 from-zone a to-zone b'];
    const none = await run(['verify', '--config', path, ...packet]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/several device groups \(east, west\).*--scope east, --scope west/);
    const east = await run(['verify', '--config', path, '--scope', 'east', ...packet]);
    expect(east.code).toBe(0);
    expect(east.out).toMatch(/accept — .*r-east/);
    const west = await run(['verify', '--config', path, '--scope', 'west', ...packet]);
    expect(west.out).toMatch(/drop — .*r-west/);
    const config = configFile('scope.json');
    const wrong = await run(['verify', '--config', config, '--scope', 'east', ...packet]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--scope chooses a PAN-OS device group or vsys/);
  });

  it('says indeterminate, naming the rules, when a packet leaves unsaid the zones the rules decide by', async () => {
    const path = join(dir, 'zones.set');
    writeFileSync(
      path,
      [
        'set zone trust network layer3 ethernet1/2',
        'set zone untrust network layer3 ethernet1/1',
        'set rulebase security rules web from untrust to trust source any destination 192.0.2.10 application any service service-https action allow',
        '',
      ].join('\n'),
    );
    const packet = 'tcp 198.51.100.7:40000 -> 192.0.2.10:443';
    // Walked as given, rule "web" (untrust to trust) never matches a packet with no zone: a confident deny before.
    const unsaid = await run(['verify', '--config', path, '--packet', packet]);
    expect(unsaid.code).toBe(0);
    expect(unsaid.out).toMatch(/indeterminate: the packet does not say its from-zone Z, to-zone Z/);
    expect(unsaid.out).toMatch(/zones\.set:3: .*rules web/);
    // In French, the reason too (it was the ruleset's English sentence).
    const french = await run(['verify', '--config', path, '--packet', packet, '--lang', 'fr']);
    expect(french.out).toMatch(
      /indéterminé\u00a0: le paquet ne précise pas from-zone Z, to-zone Z, et les règles en dépendent\u00a0; parmi les endroits essayés\u00a0: .*\. Ajoutez from-zone Z \(ou in IF\), to-zone Z \(ou out IF\)/,
    );
    expect(french.out).not.toMatch(/the packet|places tried|cannot tell/);
    const placed = await run(['verify', '--config', path, '--packet', `${packet} from-zone untrust to-zone trust`]);
    expect(placed.out).toMatch(/accept — .*zones\.set:3: .*rules web/);
    // Each place's deciding rule is named: the defaults too, by chain and place (they have no line of their own).
    expect(unsaid.out).toMatch(/chain security rule \d+: interzone-default \(predefined: deny\)/);
    expect(unsaid.out).toMatch(/chain security rule \d+: intrazone-default \(predefined: allow\)/);
    const denied = await run([
      'verify',
      '--config',
      path,
      '--packet',
      'tcp 198.51.100.7:40000 -> 192.0.2.99:443 from-zone untrust to-zone trust',
    ]);
    expect(denied.out).toMatch(/drop — .*chain security rule \d+: interzone-default/);
  });
});

describe('verify --packet, the place left unsaid', () => {
  it('names the deciding rule of each place when they agree on the action but not on the rule', async () => {
    const config = join(dir, 'places.rules');
    writeFileSync(
      config,
      [
        '*filter',
        ':FORWARD DROP [0:0]',
        '-A FORWARD -i eth0 -p tcp --dport 443 -j ACCEPT',
        '-A FORWARD -i eth1 -p tcp --dport 443 -j ACCEPT',
        '-A FORWARD -p tcp --dport 443 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
    );
    const r = await run(['verify', '--config', config, '--packet', 'tcp 10.1.2.3:40000 -> 192.0.2.10:443']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[1]).toBe('  accept in every place tried:');
    expect(lines).toContain(`    in eth0: ${config}:3: -A FORWARD -i eth0 -p tcp --dport 443 -j ACCEPT`);
    expect(lines).toContain(`    in eth1: ${config}:4: -A FORWARD -i eth1 -p tcp --dport 443 -j ACCEPT`);
    const fr = await run([
      'verify',
      '--config',
      config,
      '--packet',
      'tcp 10.1.2.3:40000 -> 192.0.2.10:443',
      '--lang',
      'fr',
    ]);
    const frLines = fr.out.trimEnd().split('\n');
    expect(frLines[1]).toBe('  accept à chaque endroit essayé\u00a0:');
    expect(frLines).toContain(`    in eth0\u00a0: ${config}:3: -A FORWARD -i eth0 -p tcp --dport 443 -j ACCEPT`);
    const drop = await run([
      'verify',
      '--config',
      config,
      '--packet',
      'udp 10.1.2.3:40000 -> 192.0.2.10:53',
      '--lang',
      'fr',
    ]);
    expect(drop.out).toContain('  drop — politique de FORWARD');
  });

  it('refuses a site or --firewall given with --packet (they would not be used): exit 2, nothing answered', async () => {
    const config = configFile('refused.json');
    const packet = ['--packet', 'tcp 10.1.2.3:40000 -> 192.0.2.10:443'];
    const both = await run(['verify', SITE, '--firewall', FIREWALL, '--config', config, ...packet]);
    expect([both.code, both.out]).toEqual([2, '']);
    expect(both.err).toBe(
      '--packet asks the configuration alone: the site and --firewall would not be used — leave them out to ask about a packet, or leave out --packet to verify the matrix\n',
    );
    const firewall = await run(['verify', '--firewall', FIREWALL, '--config', config, ...packet]);
    expect([firewall.code, firewall.err]).toEqual([
      2,
      expect.stringContaining(': --firewall would not be used — leave it out'),
    ]);
  });
});

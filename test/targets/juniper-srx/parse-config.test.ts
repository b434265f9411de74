import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { juniperSrx } from '../../../src/targets/juniper-srx/index.js';
import { parseSrxConfig, readSrx } from '../../../src/targets/juniper-srx/parse/index.js';
import { pickFormat } from '../../../src/verify/config-formats.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { fixturesDir, missing, requirements } from '../../support/system.js';
import { EXAMPLES, exampleMatrix, generated, repoRoot } from '../support/examples.js';
import { caught, comparableRows, expectClean, must, opaqueRules } from '../support/verify-round-trip.js';

const parse = (text: string, path = 'srx.conf') => must(parseSrxConfig({ path, text }));

/** SRX policies name zones, not interfaces: verify reads the site's zone names. */
const ZONES = { zones: 'zones' } as const;

const srxText = (matrix: Matrix, fw: string) =>
  generated(juniperSrx, matrix, fw).artifacts.find((a) => a.path.endsWith('.junos.set'))?.content ?? '';

describe('our own SRX output reads back clean', () => {
  let rows = 0;
  for (const name of EXAMPLES) {
    const matrix = exampleMatrix(name);
    for (const fw of matrix.firewalls) {
      it(`${name} ${fw.name}: every comparable row permitted, nothing beyond the matrix`, () => {
        const rs = parse(srxText(matrix, fw.name), `${fw.name}.junos.set`);
        rows += comparableRows(expectClean(matrix, fw.name, rs, ZONES)).length;
      });
    }
  }
  it('the example sites gave rows to compare', () => expect(rows).toBeGreaterThan(50));

  const goldenDir = join(repoRoot, 'test/targets/juniper-srx/golden');
  const goldens = readdirSync(goldenDir).filter((f) => f.endsWith('.junos.set'));
  it.each(goldens)('golden %s', (file) => {
    const [site, fw = 'fw'] = file.replace('.junos.set', '').split('.') as [string, string?];
    const matrix = site === 'realistic' ? realisticMatrix() : exampleMatrix(site);
    expectClean(matrix, fw, parse(readFileSync(join(goldenDir, file), 'utf8'), file), ZONES);
  });
});

describe('mutations of our own output are caught', () => {
  const site = 'exchange-2007-site';
  const fw = 'fw-internal';
  const matrix = exampleMatrix(site);
  const text = srxText(matrix, fw);
  const check = (mutated: string) => caught(matrix, fw, parse(mutated), ZONES);
  const lines = text.split('\n');
  const policy = 'set security policies from-zone lan to-zone dmz policy exchange-2007_hub-to-edge-smtp ';
  // Its reverse is in no row (the SMTP rows go both ways, so swapping them would open nothing new).
  const ldaps = 'set security policies from-zone lan to-zone dmz policy exchange-2007_hub-to-edge-edgesync-ldaps ';

  it('the unmutated text is clean (the baseline of each mutation)', () => {
    expect(check(text)).toEqual({ rows: [], beyond: [] });
  });

  it('drop a policy: its row is denied', () => {
    const c = check(lines.filter((l) => !l.startsWith(policy)).join('\n'));
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.rows.every((r) => r.endsWith('denied'))).toBe(true);
  });

  it('widen a port: the application opens beyond the matrix', () => {
    const c = check(text.replace('protocol tcp destination-port 25', 'protocol tcp destination-port 1-65535'));
    expect(c.beyond.length).toBeGreaterThan(0);
    expect(c.rows).toEqual([]);
  });

  it('swap source and destination: the row is denied and the reverse opened', () => {
    const mutated = lines.map((l) =>
      l.startsWith(ldaps)
        ? l
            .replace('match source-address hub-transport_hub-servers', 'match source-address edge-transport_edge-1')
            .replace(
              'match destination-address edge-transport_edge-1',
              'match destination-address hub-transport_hub-servers',
            )
        : l,
    );
    const c = check(mutated.join('\n'));
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.beyond.length).toBeGreaterThan(0);
  });

  it('insert an earlier deny: the rows of the zone pair are denied', () => {
    const at = lines.findIndex((l) => l.startsWith('set security policies from-zone lan to-zone dmz'));
    const deny = ['source-address any', 'destination-address any', 'application any'].map(
      (m) => `set security policies from-zone lan to-zone dmz policy first-deny match ${m}`,
    );
    const mutated = [
      ...lines.slice(0, at),
      ...deny,
      'set security policies from-zone lan to-zone dmz policy first-deny then deny',
      ...lines.slice(at),
    ];
    const c = check(mutated.join('\n'));
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.rows.every((r) => r.endsWith('denied'))).toBe(true);
  });

  it('change a set member: part of a row is denied and another host opened', () => {
    const mutated = text.replace(
      'address-set hub-transport_hub-servers address host_10.30.1.22',
      'address-set hub-transport_hub-servers address host_172.16.60.25',
    );
    const c = check(mutated);
    expect(c.rows.some((r) => r.endsWith('partial'))).toBe(true);
    expect(c.beyond.length).toBeGreaterThan(0);
  });
});

const decide = (rs: Ruleset, packet: string) => {
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(rs, p.value);
  if (d.kind !== 'decided') return 'indeterminate';
  const line = d.decidedBy?.rule.provenance.line;
  return line === undefined ? d.action : `${d.action}@${line}`;
};

const BRACES = `root@srx> show configuration
## Last commit: 2024-01-01 by admin
version 21.4R3;
applications {
    application web-alt {
        protocol tcp;
        destination-port 8080-8081;
    }
    application two-terms {
        term a protocol udp destination-port 5000;
        term b {
            protocol tcp;
            source-port 1024-65535;
            destination-port 6000;
        }
    }
    application-set web-set {
        application junos-https;
        application web-alt;
    }
}
security {
    address-book {
        global {
            address web 192.0.2.10/32;
            address web6 2001:db8::10/128;
            address pool {
                range-address 192.0.2.20 to 192.0.2.29;
            }
            address by-name dns-name www.example.com;
            address-set servers {
                address web;
                address web6;
                address-set more;
            }
            address-set more {
                address pool;
            }
        }
        dmz-book {
            address dmz-net 198.51.100.0/24;
            attach {
                zone dmz;
            }
        }
    }
    policies {
        from-zone trust to-zone dmz {
            policy deny-ssh {
                match {
                    source-address any;
                    destination-address dmz-net;
                    application junos-ssh;
                }
                then {
                    deny;
                }
            }
            policy web {
                match {
                    source-address [ lan ];
                    destination-address [ servers dmz-net ];
                    application [ web-set two-terms ];
                }
                then {
                    permit {
                        application-services {
                            idp;
                        }
                    }
                    log {
                        session-close;
                    }
                }
            }
            inactive: policy old {
                match {
                    source-address any;
                    destination-address any;
                    application any;
                }
                then {
                    permit;
                }
            }
        }
        global {
            policy not-lan {
                match {
                    source-address servers;
                    source-address-excluded;
                    destination-address any;
                    application junos-icmp-all;
                }
                then {
                    reject;
                }
            }
            policy names {
                match {
                    source-address lan;
                    destination-address by-name;
                    application junos-http;
                }
                then {
                    permit;
                }
            }
        }
        default-policy {
            permit-all;
        }
    }
    zones {
        security-zone trust {
            address-book {
                address lan 10.1.0.0/16;
            }
            interfaces {
                ge-0/0/1.0;
            }
        }
        security-zone dmz {
            interfaces {
                ge-0/0/2.0;
            }
        }
    }
}
`;

describe('Junos SRX constructs', () => {
  const r = readSrx({ path: 'b.conf', text: BRACES });
  const doc = must(r);
  const rs = doc.ruleset;
  const tz = 'from-zone trust to-zone dmz';

  it('reads the brace form: books per zone and attached, ranges, nested sets, terms, lists, inactive', () => {
    expect(doc.policies.map((p) => p.name)).toEqual(['deny-ssh', 'web', 'old', 'not-lan', 'names']);
    expect(r.ok && r.warnings.map((w) => w.message)).toEqual([
      'from-zone trust to-zone dmz policy old is deactivated: skipped',
    ]);
    expect(decide(rs, `tcp 10.1.2.3:40000 -> 192.0.2.10:443 ${tz}`)).toBe('accept@59');
    expect(decide(rs, `tcp 10.1.2.3:40000 -> 192.0.2.25:8081 ${tz}`)).toBe('accept@59');
    expect(decide(rs, `udp 10.1.2.3:40000 -> 198.51.100.7:5000 ${tz}`)).toBe('accept@59');
    expect(decide(rs, `tcp 10.1.2.3:40000 -> 198.51.100.7:6000 ${tz}`)).toBe('accept@59');
    expect(decide(rs, `tcp 10.1.2.3:1000 -> 198.51.100.7:6000 ${tz}`)).toBe('accept');
    expect(decide(rs, `tcp 10.9.2.3:1 -> 198.51.100.7:22 ${tz}`)).toBe('drop@49');
  });

  it('zones stand for their interfaces (with and without unit 0)', () => {
    expect(decide(rs, 'tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone ge-0/0/1.0 to-zone ge-0/0/2')).toBe('accept@59');
  });

  it('global policies come after zone policies; excluded addresses are complements; DNS names are opaque', () => {
    expect(decide(rs, 'icmp 10.2.0.1 -> 192.0.2.10 type 8 from-zone dmz to-zone trust')).toBe('reject@88');
    expect(decide(rs, `icmp 10.1.0.1 -> 192.0.2.10 type 8 ${tz}`)).toBe('reject@88');
    expect(decide(rs, `icmp 192.0.2.10 -> 10.1.0.1 type 8 ${tz}`)).toBe('accept');
    // "lan" is in zone trust's own book: global policies do not see it, so "names" is opaque — and both of its
    // branches end in an accept here (the default policy permits), so the packet is still decided: by the default
    // policy (the branch where the opaque rule does not match), with rule 99 named as what may decide instead.
    expect(decide(rs, 'tcp 10.1.0.1:1 -> 203.0.113.1:80 from-zone dmz to-zone trust')).toBe('accept');
    const packet = parsePacket('tcp 10.1.0.1:1 -> 203.0.113.1:80 from-zone dmz to-zone trust');
    if (!packet.ok) throw new Error(packet.message);
    const names = evaluate(rs, packet.value);
    expect(names.kind === 'decided' && names.uncertainBy?.map((h) => h.rule.provenance.line)).toEqual([99]);
    expect(
      decide(
        parse(BRACES.replace('permit-all;', 'deny-all;')),
        'tcp 10.1.0.1:1 -> 203.0.113.1:80 from-zone dmz to-zone trust',
      ),
    ).toBe('indeterminate');
    expect(opaqueRules(rs).flatMap((x) => x.opaque)).toEqual(
      expect.arrayContaining([
        'address "lan" is not in the address books of global policies',
        'address "by-name" is a DNS name (www.example.com) the SRX resolves',
      ]),
    );
  });

  it('the default policy closes: deny-all unless permit-all', () => {
    const denyAll = parse(BRACES.replace('permit-all;', 'deny-all;'));
    expect(decide(denyAll, 'udp 10.9.0.1:1 -> 10.8.0.1:9 from-zone a to-zone b')).toBe('drop');
    expect(decide(rs, 'udp 10.9.0.1:1 -> 10.8.0.1:9 from-zone a to-zone b')).toBe('accept');
  });

  it('reads a load file: replace: keeps what it tags, delete: removes it', () => {
    const text = `security {
    replace: address-book {
        global {
            address srv 203.0.113.8/32;
        }
    }
    replace: policies {
        from-zone out to-zone in {
            policy allow-srv {
                match {
                    source-address any;
                    destination-address srv;
                    application any;
                }
                then {
                    permit;
                }
            }
            delete: policy gone {
                match {
                    source-address any;
                    destination-address any;
                    application any;
                }
                then {
                    deny;
                }
            }
        }
    }
}
`;
    const loaded = parse(text);
    expect(decide(loaded, 'tcp 198.51.100.1:40000 -> 203.0.113.8:443 from-zone out to-zone in')).toBe('accept@9');
    expect(decide(loaded, 'tcp 198.51.100.1:40000 -> 203.0.113.9:443 from-zone out to-zone in')).toBe('drop');
  });

  it('reads several match conditions set by one command', () => {
    const oneLine = parse(`set security address-book global address db 198.51.100.20/32
set security policies from-zone app to-zone data policy sql match source-address any destination-address db application junos-ms-sql
set security policies from-zone app to-zone data policy sql then permit
set security policies from-zone app to-zone data policy rest match source-address-excluded source-address any destination-address any application any
set security policies from-zone app to-zone data policy rest then permit
`);
    expect(decide(oneLine, 'tcp 10.0.0.1:40000 -> 198.51.100.20:1433 from-zone app to-zone data')).toBe('accept@2');
    expect(decide(oneLine, 'tcp 10.0.0.1:40000 -> 198.51.100.21:1433 from-zone app to-zone data')).toBe('drop');
  });

  it('reads the set form, deactivate and delete included', () => {
    const set = parse(`set security zones security-zone a interfaces eth1.0
set security address-book global address h 10.0.0.1/32
set security address-book global address w wildcard-address 10.0.0.1/255.0.255.255
set applications application dns protocol udp destination-port domain
set security policies from-zone a to-zone b policy p1 match source-address any
set security policies from-zone a to-zone b policy p1 match destination-address [ h w ]
set security policies from-zone a to-zone b policy p1 match application [ dns junos-bogus ]
set security policies from-zone a to-zone b policy p1 then permit
set security policies from-zone a to-zone b policy p2 match source-address any
set security policies from-zone a to-zone b policy p2 match destination-address any
set security policies from-zone a to-zone b policy p2 match application any
set security policies from-zone a to-zone b policy p2 then permit
deactivate security policies from-zone a to-zone b policy p2
set security policies from-zone a to-zone b policy p3 match source-address any
set security policies from-zone a to-zone b policy p3 match destination-address any
set security policies from-zone a to-zone b policy p3 match application any
set security policies from-zone a to-zone b policy p3 then permit
delete security policies from-zone a to-zone b policy p3
`);
    expect(decide(set, 'udp 10.9.0.1:1 -> 10.0.0.1:53 from-zone eth1 to-zone b')).toBe('accept@5');
    // The unknown junos- application and the wildcard address may match more: indeterminate, never guessed.
    expect(decide(set, 'udp 10.9.0.1:1 -> 10.0.0.1:54 from-zone a to-zone b')).toBe('indeterminate');
    expect(decide(set, 'udp 10.9.0.1:1 -> 10.7.0.1:53 from-zone a to-zone b')).toBe('indeterminate');
    expect(decide(set, 'udp 10.9.0.1:1 -> 10.7.0.1:53 from-zone c to-zone b')).toBe('drop');
  });

  it('reports every error at once, with its line', () => {
    const bad = parseSrxConfig({
      path: 'bad.conf',
      text: `security {
    address-book {
        global {
            address a 10.0.0.300/32;
            address b range-address 10.0.0.9 to 10.0.0.1;
        }
    }
    policies {
        from-zone a to-zone b {
            policy p {
                match {
                    source-address any;
                }
            }
        }
    }
    zones {
        security-zone a {
            description "never closed;
        }
    }
`,
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => `${i.line}: ${i.message}`)).toEqual([
      '19: unterminated string',
      '19: "description" has no ; at its end',
      '1: block "security" is not closed',
      '4: address "a": "10.0.0.300/32" is not a valid IPv4 address',
      '5: address "b": range "10.0.0.9" – "10.0.0.1" is reversed',
      '10: from-zone a to-zone b policy p has no match destination-address, match application, then permit, deny or reject',
    ]);
  });

  it('is picked by format detection, in both forms', () => {
    expect(pickFormat('auto', [{ path: 'x', text: BRACES }])).toMatchObject({ ok: true, value: { id: 'srx' } });
    const set = 'set security policies from-zone a to-zone b policy p then permit\n';
    expect(pickFormat('auto', [{ path: 'x', text: set }])).toMatchObject({ ok: true, value: { id: 'srx' } });
  });
});

const FIREWALLS = join(fixturesDir(), 'firewalls', 'juniper_srx');
describe.skipIf(missing(requirements.fixtures))('real SRX configurations', () => {
  const read = (f: string) => readSrx({ path: f, text: readFileSync(join(FIREWALLS, f), 'utf8') });

  it('reads every file of the fixtures folder, with the README policy counts', () => {
    const counts: Record<string, number> = {
      'azure_srx_junos_12.1_show_configuration.txt': 3,
      'batfish_srx-testbed_junos-srx-1.cfg': 7,
      'batfish_srx-testbed_junos-srx-2.cfg': 3,
    };
    for (const f of readdirSync(FIREWALLS)) expect(must(read(f)).policies.length, f).toBe(counts[f]);
  });

  it('azure SRX: braces after the CLI prompt, per-zone books, IKE policies not taken for security policies', () => {
    const doc = must(read('azure_srx_junos_12.1_show_configuration.txt'));
    expect(doc.addresses).toBe(2);
    expect(opaqueRules(doc.ruleset)).toEqual([]);
    const rs = doc.ruleset;
    expect(decide(rs, 'tcp 192.168.1.5:1000 -> 10.0.1.1:22 from-zone Internet to-zone Internal')).toBe('drop');
    expect(decide(rs, 'tcp 10.0.1.1:1000 -> 192.168.1.5:22 from-zone st0.0 to-zone vlan.1')).toBe('accept@268');
    expect(decide(rs, 'udp 192.168.1.5:1000 -> 8.8.8.8:53 from-zone Internal to-zone Internet')).toBe('accept@246');
  });

  it('srx-1 denies by default, srx-2 permits by default and skips its deactivated policies', () => {
    const one = must(read('batfish_srx-testbed_junos-srx-1.cfg'));
    const two = read('batfish_srx-testbed_junos-srx-2.cfg');
    expect(one.defaultPolicy).toBe('deny-all');
    expect(must(two).defaultPolicy).toBe('permit-all');
    expect(two.ok && two.warnings.map((w) => w.line)).toEqual([52, 57]);
    const packet = 'tcp 10.0.0.1:1 -> 10.0.0.2:22 from-zone untrust to-zone hostos';
    expect(decide(one.ruleset, packet)).toBe('drop');
    expect(decide(must(two).ruleset, packet)).toBe('accept');
    expect(decide(one.ruleset, 'icmp 10.0.0.1 -> 10.0.0.2 type 8 from-zone junos-host to-zone untrust')).toBe(
      'drop@68',
    );
    expect(decide(one.ruleset, 'udp 10.0.0.1:1 -> 10.0.0.2:2 from-zone junos-host to-zone ge-0/0/0')).toBe('accept@72');
  });
});

describe('SRX static and destination NAT: the policies match translated destinations', () => {
  const text = [
    'set security zones security-zone untrust interfaces ge-0/0/0.0',
    'set security zones security-zone dmz interfaces ge-0/0/1.0',
    'set security nat destination pool web address 10.1.0.10/32',
    'set security nat destination pool web address port 8443',
    'set security nat destination pool farm address 10.1.0.20/32 to 10.1.0.21/32',
    'set security nat destination rule-set in from zone untrust',
    'set security nat destination rule-set in rule r1 match destination-address 203.0.113.10/32',
    'set security nat destination rule-set in rule r1 match destination-port 443',
    'set security nat destination rule-set in rule r1 then destination-nat pool web',
    'set security nat destination rule-set in rule r2 match destination-address 203.0.113.20/32',
    'set security nat destination rule-set in rule r2 then destination-nat pool farm',
    'set security nat destination rule-set in rule r3 match destination-address-name public-names',
    'set security nat destination rule-set in rule r3 then destination-nat pool web',
    'set security nat static rule-set st from zone untrust',
    'set security nat static rule-set st rule s1 match destination-address 203.0.113.30/32',
    'set security nat static rule-set st rule s1 then static-nat prefix 10.1.0.30/32',
    'set security address-book global address s-real 10.1.0.30/32',
    'set security policies from-zone untrust to-zone dmz policy web match source-address any',
    'set security policies from-zone untrust to-zone dmz policy web match destination-address any',
    'set security policies from-zone untrust to-zone dmz policy web match application junos-https',
    'set security policies from-zone untrust to-zone dmz policy web then permit',
    'set security policies from-zone untrust to-zone dmz policy p2 match source-address any',
    'set security policies from-zone untrust to-zone dmz policy p2 match destination-address s-real',
    'set security policies from-zone untrust to-zone dmz policy p2 match application junos-ssh',
    'set security policies from-zone untrust to-zone dmz policy p2 then permit',
  ].join('\n');
  const rs = must(parseSrxConfig({ path: 'srx.set', text }));
  const decide = (packet: string): string => {
    const p = parsePacket(`${packet} from-zone untrust to-zone dmz`);
    if (!p.ok) throw new Error(p.message);
    const d = evaluate(rs, p.value);
    if (d.kind === 'indeterminate') return 'indeterminate';
    return `${d.action}${d.decidedBy ? ` @${d.decidedBy.rule.provenance.line}` : ''}${d.translatedBy ? ` nat @${d.translatedBy.rule.provenance.line}` : ''}`;
  };

  it('static NAT first, then destination NAT rules in order; ports of the pool; a range decided alike', () => {
    expect(decide('tcp 198.51.100.1:1000 -> 203.0.113.30:22')).toBe('accept @22 nat @15');
    expect(decide('tcp 198.51.100.1:1000 -> 203.0.113.30:23')).toBe('drop nat @15');
    // 443 goes to 10.1.0.10:8443, which the https policy does not open.
    expect(decide('tcp 198.51.100.1:1000 -> 203.0.113.10:443')).toBe('drop nat @7');
    expect(decide('tcp 198.51.100.1:1000 -> 203.0.113.20:443')).toBe('accept @18 nat @10');
    // A rule matching an address-book name is not modelled: what it could translate is indeterminate.
    expect(decide('tcp 198.51.100.1:1000 -> 203.0.113.99:22')).toBe('indeterminate');
    expect(rs.nat?.destination).toHaveLength(1);
  });
});

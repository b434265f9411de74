import { describe, expect, it } from 'vitest';
import { parseSrxConfig } from '../../../src/targets/juniper-srx/parse/index.js';
import { decision, decisionText } from '../support/decide.js';
import { must } from '../support/verify-round-trip.js';

const ZONES = [
  'set security zones security-zone trust interfaces ge-0/0/1.0',
  'set security zones security-zone untrust interfaces ge-0/0/0.0',
];
const policy = (name: string, application = 'any', prefix = '') => [
  `set ${prefix}security policies from-zone untrust to-zone trust policy ${name} match source-address any`,
  `set ${prefix}security policies from-zone untrust to-zone trust policy ${name} match destination-address any`,
  `set ${prefix}security policies from-zone untrust to-zone trust policy ${name} match application ${application}`,
  `set ${prefix}security policies from-zone untrust to-zone trust policy ${name} then permit`,
];
const read = (lines: string[]) => parseSrxConfig({ path: 'srx.conf', text: lines.join('\n') });
const decide = (lines: string[]) =>
  decisionText(decision(must(read(lines)), 'tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone untrust to-zone trust'));

describe('Junos constructs the reader does not model stay visible', () => {
  // Policies a configuration group gives through apply-groups were skipped: the packet fell to the default policy.
  it('policies inherited through apply-groups make verdicts indeterminate, at the apply-groups line', () => {
    const lines = [...ZONES, ...policy('p1', 'any', 'groups G '), 'set apply-groups G'];
    expect(decide(lines)).toMatch(/^indeterminate \(line 7,7\): .*group G/);
  });

  it('apply-groups of groups that touch no policy, address or application (cluster node groups) change nothing', () => {
    const lines = [
      ...ZONES,
      ...policy('p1'),
      'set groups node0 system host-name srx-a',
      'set groups node0 interfaces fxp0 unit 0 family inet address 192.168.1.1/24',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the Junos cluster variable, written as the device shows it
      'set apply-groups "${node}"',
    ];
    expect(decide(lines)).toBe('accept 3');
  });

  // Policies of a logical system or tenant were skipped in silence.
  it('policies held only by logical systems are an error naming them, not an empty policy', () => {
    const r = read([...policy('p1', 'any', 'logical-systems LS1 ')]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/logical-systems LS1/);
  });

  it('policies of logical systems beside the root ones are named in a warning', () => {
    const r = read([...ZONES, ...policy('p1'), ...policy('p2', 'any', 'tenants T1 ')]);
    expect(r.ok && r.warnings.some((w) => /tenants T1/.test(w.message))).toBe(true);
  });

  // A match condition the reader does not know was dropped, so the policy matched more than on the device.
  it('a match condition the reader does not know makes the policy uninterpreted', () => {
    const lines = [
      ...ZONES,
      ...policy('p1'),
      'set security policies from-zone untrust to-zone trust policy p1 match source-l3vpn-vrf-group VRF-A',
    ];
    expect(decide(lines)).toMatch(/^indeterminate \(line 3\): match source-l3vpn-vrf-group VRF-A/);
  });

  it('an empty address-set is not an empty match', () => {
    const lines = [...ZONES, 'set security address-book global address-set e description "members come later"'];
    lines.push(...policy('p1').map((l) => l.replace('source-address any', 'source-address e')));
    expect(decide(lines)).toMatch(/^indeterminate \(line 4\): address-set "e" has no member/);
  });

  it('a loop of application-sets is named as a loop; an empty application-set is not an empty match', () => {
    const loop = [
      'set applications application-set s1 application-set s2',
      'set applications application-set s2 application-set s1',
    ];
    expect(decide([...ZONES, ...loop, ...policy('p1', 's1')])).toMatch(/application-set "s1" contains itself/);
    const empty = ['set applications application-set e description "members come later"'];
    expect(decide([...ZONES, ...empty, ...policy('p1', 'e')])).toMatch(/application-set "e" has no member/);
  });
});

import { describe, expect, it } from 'vitest';
import { CidrSet } from '../../../src/net/cidr-set.js';
import { type Decision, evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { parseFortiosConfig } from '../../../src/targets/fortios/parse/index.js';

/**
 * FortiOS virtual IPs: every VIP translates what it takes before the policies are looked up; a policy naming the
 * VIP matches the packet as it came (the external address, the external port of the mapped port its service
 * allows); other policies do not meet VIP traffic, unless a deny policy says `match-vip enable`. VIP kinds the
 * reader does not model make what they could change indeterminate, at their line.
 */
const CONFIG = `config firewall address
    edit "web-real"
        set subnet 10.1.0.10 255.255.255.255
    next
end
config firewall service custom
    edit "web-8443"
        set tcp-portrange 8443
    next
    edit "smtp"
        set tcp-portrange 25
    next
end
config firewall vip
    edit "web-vip"
        set extip 203.0.113.10
        set mappedip "10.1.0.10"
        set extintf "wan1"
        set portforward enable
        set protocol tcp
        set extport 443
        set mappedport 8443
    next
    edit "mail-vip"
        set extip 203.0.113.25
        set mappedip "10.1.0.25"
        set extintf "any"
    next
    edit "farm"
        set type server-load-balance
        set extip 203.0.113.30
        set extintf "wan1"
    next
end
config firewall vipgrp
    edit "published"
        set interface "wan1"
        set member "mail-vip" "farm"
    next
end
config firewall policy
    edit 7
        set name "block-bad"
        set srcintf "wan1"
        set dstintf "dmz"
        set srcaddr "all"
        set dstaddr "all"
        set action deny
        set service "ALL"
        set schedule "always"
    next
    edit 1
        set name "web-in"
        set srcintf "wan1"
        set dstintf "dmz"
        set srcaddr "all"
        set dstaddr "web-vip"
        set action accept
        set service "web-8443"
        set schedule "always"
    next
    edit 2
        set name "published-in"
        set srcintf "wan1"
        set dstintf "dmz"
        set srcaddr "all"
        set dstaddr "published"
        set action accept
        set service "smtp"
        set schedule "always"
    next
end
`;

const must = <T>(r: { ok: true; value: T } | { ok: false; issues: { message: string }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
};
const cidrs = (...c: string[]): CidrSet => {
  const r = CidrSet.parse(c);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const read = (text: string): Ruleset => {
  const rs = must(parseFortiosConfig({ path: 'fgt.conf', text }));
  // Where the interfaces lead: what verify takes from the site.
  const dmz = cidrs('10.1.0.0/16');
  return {
    ...rs,
    nat: {
      ...rs.nat,
      zones: [
        { name: 'dmz', addresses: dmz },
        { name: 'wan1', addresses: CidrSet.all().subtract(dmz) },
      ],
    },
  };
};
const decide = (rs: Ruleset, text: string): Decision => {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  return evaluate(rs, p.value);
};
const by = (d: Decision): string =>
  d.kind === 'decided'
    ? `${d.action}@${d.decidedBy?.rule.provenance.line ?? d.policyOf}${d.translatedBy ? ` via ${d.translatedBy.rule.provenance.text}` : ''}`
    : `? ${d.reason}`;

describe('FortiOS virtual IPs', () => {
  it('reads every VIP into the destination stage, in file order', () => {
    const rs = read(CONFIG);
    expect(rs.nat?.destination).toEqual(['firewall vip']);
    expect(rs.nat?.filterMatches).toBe('original');
    expect(rs.chains['firewall vip']?.rules.map((r) => r.provenance.text)).toEqual([
      'firewall vip web-vip',
      'firewall vip mail-vip',
      'firewall vip farm',
    ]);
  });

  it('a policy naming the VIP matches the external address and port; the deny above it does not meet VIP traffic', () => {
    const rs = read(CONFIG);
    expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.10:443 from-zone wan1 to-zone wan1'))).toBe(
      'accept@52 via firewall vip web-vip',
    );
    // The real address from outside is not VIP traffic: the deny policy takes it.
    expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 10.1.0.10:8443 from-zone wan1 to-zone dmz'))).toBe('drop@42');
    // A static VIP through a VIP group: every port, the policy's service decides.
    expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.25:25 from-zone wan1 to-zone wan1'))).toBe(
      'accept@62 via firewall vip mail-vip',
    );
  });

  it('match-vip enable: the deny policy meets VIP traffic too', () => {
    const rs = read(CONFIG.replace('set action deny', 'set action deny\n        set match-vip enable'));
    expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.10:443 from-zone wan1 to-zone wan1'))).toBe(
      'drop@42 via firewall vip web-vip',
    );
  });

  it('a server load-balance VIP is indeterminate, naming its line and kind', () => {
    const rs = read(CONFIG);
    const d = decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.30:25 from-zone wan1 to-zone wan1');
    expect(d.kind === 'indeterminate' && d.reason.en).toMatch(
      /address translation by fgt\.conf:\d+ is not modelled \(virtual IP "farm": type server-load-balance\)/,
    );
  });

  it('central NAT: the VIP translates first and the policies, naming the real address, see the translated packet', () => {
    const central = `config system settings
    set central-nat enable
end
config firewall address
    edit "app"
        set subnet 10.1.0.40 255.255.255.255
    next
end
config firewall vip
    edit "app-vip"
        set extip 203.0.113.40
        set mappedip "10.1.0.40"
    next
end
config firewall policy
    edit 4
        set srcintf "wan1"
        set dstintf "dmz"
        set srcaddr "all"
        set dstaddr "app"
        set action accept
        set schedule "always"
        set service "HTTPS"
    next
end
`;
    const rs = read(central);
    expect(rs.nat?.filterMatches).toBeUndefined();
    expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.40:443 from-zone wan1 to-zone dmz'))).toBe(
      'accept@16 via firewall vip app-vip',
    );
    expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 10.1.0.40:443 from-zone wan1 to-zone dmz'))).toBe('accept@16');
    expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.40:80 from-zone wan1 to-zone dmz'))).toMatch(/^drop@/);
  });

  it('a port forward with the policy on the external port lets nothing through (FortiOS matches the mapped port)', () => {
    const rs = read(CONFIG.replace('set service "web-8443"', 'set service "HTTPS"'));
    expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.10:443 from-zone wan1 to-zone wan1'))).toMatch(/^drop/);
  });
});

import { describe, expect, it } from 'vitest';
import { CidrSet } from '../../../src/net/cidr-set.js';
import { type Decision, evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { parsePanosSet, parsePanosXml } from '../../../src/targets/panos/parse/index.js';

/**
 * The PAN-OS NAT rulebase as the NAT stage: first match over all NAT rules on the original packet and the zone its
 * destination lies in; the security rules then match the original addresses and port with the zone of the
 * translated destination. Hand-written configurations, the same policy in XML and in `set` commands.
 */
const must = <T>(r: { ok: true; value: T } | { ok: false; issues: { message: string; line?: number }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}: ${i.message}`).join('\n'));
  return r.value;
};

const cidrs = (...c: string[]): CidrSet => {
  const r = CidrSet.parse(c);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
/** Where the zones are: what verify takes from the site (a configuration rarely says it whole). */
const ZONES = [
  { name: 'dmz', addresses: cidrs('10.1.0.0/16', '10.2.0.0/16') },
  { name: 'trust', addresses: cidrs('192.168.0.0/16') },
  { name: 'untrust', addresses: CidrSet.all().subtract(cidrs('10.1.0.0/16', '10.2.0.0/16', '192.168.0.0/16')) },
];
const zoned = (rs: Ruleset): Ruleset => ({ ...rs, nat: { ...rs.nat, zones: ZONES } });

const decide = (rs: Ruleset, text: string): Decision => {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  return evaluate(rs, p.value);
};
/** `accept allow-web via 12`: the action, the deciding rule's name and the line of the translation. */
const by = (d: Decision): string =>
  d.kind === 'decided'
    ? `${d.action} ${d.decidedBy?.rule.provenance.comment?.split(':')[0] ?? d.policyOf}${d.translatedBy ? ` via ${d.translatedBy.rule.provenance.comment}` : ''}`
    : `? ${d.reason}`;

const XML = `<?xml version="1.0"?>
<config version="10.1.0">
  <devices><entry name="localhost.localdomain"><vsys><entry name="vsys1">
    <zone><entry name="trust"/><entry name="untrust"/><entry name="dmz"/></zone>
    <address>
      <entry name="web-srv"><ip-netmask>10.1.0.10</ip-netmask></entry>
      <entry name="web-pub"><ip-netmask>203.0.113.10</ip-netmask></entry>
      <entry name="mail-srv"><ip-netmask>10.2.0.25</ip-netmask></entry>
      <entry name="shop"><fqdn>shop.example.com</fqdn></entry>
    </address>
    <service>
      <entry name="https"><protocol><tcp><port>443</port></tcp></protocol></entry>
      <entry name="smtp"><protocol><tcp><port>25</port></tcp></protocol></entry>
    </service>
    <rulebase>
      <security><rules>
        <entry name="allow-web"><from><member>untrust</member></from><to><member>dmz</member></to>
          <source><member>any</member></source><destination><member>web-pub</member></destination>
          <service><member>https</member></service><application><member>any</member></application><action>allow</action></entry>
        <entry name="allow-mail"><from><member>untrust</member></from><to><member>dmz</member></to>
          <source><member>any</member></source><destination><member>203.0.113.25</member></destination>
          <service><member>smtp</member></service><application><member>any</member></application><action>allow</action></entry>
      </rules></security>
      <nat><rules>
        <entry name="partner-no-nat"><from><member>untrust</member></from><to><member>untrust</member></to>
          <source><member>192.0.2.0/24</member></source><destination><member>web-pub</member></destination><service>any</service></entry>
        <entry name="web-in"><from><member>untrust</member></from><to><member>untrust</member></to>
          <source><member>any</member></source><destination><member>web-pub</member></destination><service>https</service>
          <destination-translation><translated-address>web-srv</translated-address><translated-port>8443</translated-port></destination-translation></entry>
        <entry name="mail-static"><from><member>dmz</member></from><to><member>untrust</member></to>
          <source><member>mail-srv</member></source><destination><member>any</member></destination><service>any</service>
          <source-translation><static-ip><translated-address>203.0.113.25</translated-address><bi-directional>yes</bi-directional></static-ip></source-translation></entry>
        <entry name="six-to-four"><from><member>untrust</member></from><to><member>untrust</member></to>
          <source><member>any</member></source><destination><member>203.0.113.64</member></destination><service>any</service>
          <nat-type>nat64</nat-type><destination-translation><translated-address>10.1.0.64</translated-address></destination-translation></entry>
        <entry name="shop-in"><from><member>untrust</member></from><to><member>untrust</member></to>
          <source><member>any</member></source><destination><member>shop</member></destination><service>any</service>
          <destination-translation><translated-address>10.1.0.99</translated-address></destination-translation></entry>
        <entry name="old"><from><member>untrust</member></from><to><member>untrust</member></to>
          <source><member>any</member></source><destination><member>any</member></destination><service>any</service>
          <disabled>yes</disabled><destination-translation><translated-address>10.1.0.1</translated-address></destination-translation></entry>
      </rules></nat>
    </rulebase>
  </entry></vsys></entry></devices>
</config>
`;

const SET = `set zone trust network layer3 ethernet1/1
set zone untrust network layer3 ethernet1/2
set zone dmz network layer3 ethernet1/3
set address web-srv ip-netmask 10.1.0.10
set address web-pub ip-netmask 203.0.113.10
set address mail-srv ip-netmask 10.2.0.25
set address shop fqdn shop.example.com
set service https protocol tcp port 443
set service smtp protocol tcp port 25
set rulebase security rules allow-web from untrust to dmz source any destination web-pub service https application any action allow
set rulebase security rules allow-mail from untrust to dmz source any destination 203.0.113.25 service smtp application any action allow
set rulebase nat rules partner-no-nat from untrust to untrust source 192.0.2.0/24 destination web-pub service any
set rulebase nat rules web-in from untrust to untrust source any destination web-pub service https
set rulebase nat rules web-in destination-translation translated-address web-srv translated-port 8443
set rulebase nat rules mail-static from dmz to untrust source mail-srv destination any service any source-translation static-ip translated-address 203.0.113.25 bi-directional yes
set rulebase nat rules six-to-four from untrust to untrust source any destination 203.0.113.64 service any nat-type nat64 destination-translation translated-address 10.1.0.64
set rulebase nat rules shop-in from untrust to untrust source any destination shop service any destination-translation translated-address 10.1.0.99
set rulebase nat rules old from untrust to untrust source any destination any service any disabled yes destination-translation translated-address 10.1.0.1
`;

const read = {
  xml: () => must(parsePanosXml({ path: 'fw.xml', text: XML })),
  set: () => must(parsePanosSet({ path: 'fw.set', text: SET })),
};

describe('PAN-OS NAT rulebase', () => {
  for (const [form, load] of Object.entries(read)) {
    it(`${form}: the NAT rules in order, the disabled one left out with a warning`, () => {
      const r =
        form === 'xml' ? parsePanosXml({ path: 'fw.xml', text: XML }) : parsePanosSet({ path: 'fw.set', text: SET });
      expect(r.ok && r.warnings.map((w) => w.message)).toEqual(['NAT rule old is disabled: not applied']);
      const rs = load();
      expect(rs.nat).toEqual({ destination: ['nat'], filterMatches: 'original' });
      // mail-static is there twice: itself (it keeps destinations) and its bi-directional reverse.
      expect(rs.chains.nat?.rules.map((x) => x.provenance.comment)).toEqual([
        'partner-no-nat',
        'web-in',
        'mail-static',
        'mail-static',
        'six-to-four',
        'shop-in',
      ]);
    });

    it(`${form}: security rules match the public address with the zone of the real server`, () => {
      const rs = zoned(load());
      expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.10:443 from-zone untrust to-zone untrust'))).toBe(
        'accept allow-web via web-in',
      );
      // Bi-directional static NAT: inbound to the public address reaches the mail server.
      expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.25:25 from-zone untrust to-zone untrust'))).toBe(
        'accept allow-mail via mail-static',
      );
      // The real address from outside: no translation, no rule for it.
      expect(by(decide(rs, 'tcp 198.51.100.1:40000 -> 10.1.0.10:8443 from-zone untrust to-zone dmz'))).toBe(
        'drop interzone-default',
      );
      // First match: the partner's packets meet a rule that translates nothing; they stay in untrust.
      expect(by(decide(rs, 'tcp 192.0.2.7:40000 -> 203.0.113.10:443 from-zone untrust to-zone untrust'))).toBe(
        'accept intrazone-default',
      );
    });

    it(`${form}: what the reader cannot model is indeterminate, naming the line and why`, () => {
      const rs = zoned(load());
      const fqdn = decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.77:443 from-zone untrust to-zone untrust');
      expect(fqdn.kind === 'indeterminate' && fqdn.reason.en).toMatch(/fw\.(xml|set):\d+ \(address shop is the FQDN/);
      const nat64 = decide(rs, 'tcp 198.51.100.1:40000 -> 203.0.113.64:443 from-zone untrust to-zone untrust');
      expect(nat64.kind === 'indeterminate' && nat64.reason.en).toMatch(
        /address translation by fw\.(xml|set):\d+ is not modelled \(nat64 translation\)/,
      );
      // Without the site, the zone after translation is not known: never guessed.
      const alone = decide(load(), 'tcp 198.51.100.1:40000 -> 203.0.113.10:443 from-zone untrust to-zone untrust');
      expect(alone.kind === 'indeterminate' && alone.reason.en).toMatch(
        /translates the destination to 10\.1\.0\.10\/32, whose zone is not known/,
      );
    });
  }
});

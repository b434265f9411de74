import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { parsePanosSet, parsePanosXml } from '../../../src/targets/panos/parse/index.js';

const must = (r: ReturnType<typeof parsePanosSet>): Ruleset => {
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}: ${i.message}`).join('\n'));
  return r.value;
};
const verdict = (rs: Ruleset) => {
  const p = parsePacket('tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone untrust to-zone trust');
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(rs, p.value);
  return d.kind === 'decided' ? d.action : `indeterminate: ${d.opaque.flatMap((h) => h.rule.opaque ?? []).join('; ')}`;
};
const xml = (objects: string, source: string, service = 'any') =>
  `<config><devices><entry name="localhost.localdomain"><vsys><entry name="vsys1">
<zone><entry name="trust"/><entry name="untrust"/></zone>
${objects}
<rulebase><security><rules><entry name="r1"><from><member>untrust</member></from><to><member>trust</member></to>
<source><member>${source}</member></source><destination><member>any</member></destination>
<application><member>any</member></application><service><member>${service}</member></service>
<action>allow</action></entry></rules></security></rulebase>
</entry></vsys></entry></devices></config>`;
const set = (...lines: string[]) =>
  [
    'set zone trust network layer3 ethernet1/2',
    'set zone untrust network layer3 ethernet1/1',
    ...lines,
    'set rulebase security rules r1 from untrust to trust source g destination any application any service s action allow',
  ].join('\n');

// A group whose members the reader found none of (a form it does not read, a typo) was an empty set: the rule using
// it matched nothing and the packet fell to the default deny, a verdict stated as certain.
describe('PAN-OS groups with no member the reader understands', () => {
  it('a pre-6.0 address group (members straight under the entry) makes the rule indeterminate', () => {
    const rs = must(
      parsePanosXml({
        path: 'fw.xml',
        text: xml(
          '<address><entry name="h"><ip-netmask>10.1.2.3</ip-netmask></entry></address><address-group><entry name="g"><member>h</member></entry></address-group>',
          'g',
        ),
      }),
    );
    expect(verdict(rs)).toMatch(/^indeterminate: .*address group g/);
  });

  it('an empty static address group makes the rule indeterminate', () => {
    const rs = must(
      parsePanosXml({
        path: 'fw.xml',
        text: xml('<address-group><entry name="g"><static/></entry></address-group>', 'g'),
      }),
    );
    expect(verdict(rs)).toMatch(/^indeterminate: .*address group g/);
  });

  it('a service group whose members are not given by "members" makes the rule indeterminate', () => {
    const rs = must(
      parsePanosSet({
        path: 'fw.set',
        text: set(
          'set address h ip-netmask 10.1.2.3',
          'set address-group g static [ h ]',
          'set service s1 protocol tcp port 443',
          'set service-group s static [ s1 ]',
        ),
      }),
    );
    expect(verdict(rs)).toMatch(/^indeterminate: .*service group s/);
  });

  it('a group with members still decides', () => {
    const rs = must(
      parsePanosSet({
        path: 'fw.set',
        text: set(
          'set address h ip-netmask 10.1.2.3',
          'set address-group g static [ h ]',
          'set service s1 protocol tcp port 443',
          'set service-group s members [ s1 ]',
        ),
      }),
    );
    expect(verdict(rs)).toBe('accept');
  });
});

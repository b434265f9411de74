import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { parsePanosSet, parsePanosXml } from '../../../src/targets/panos/parse/index.js';

const must = <T>(r: { ok: true; value: T } | { ok: false; issues: { message: string }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
};

/** untrust → trust on tcp/8080 allowed; interzone-default denies the rest. */
const XML = `<config>
  <devices><entry name="localhost.localdomain"><vsys><entry name="vsys1">
    <zone>
      <entry name="trust"><network><layer3><member>ethernet1/2</member><member>ethernet1/3</member></layer3></network></entry>
      <entry name="untrust"><network><layer3><member>ethernet1/1</member></layer3></network></entry>
      <entry name="wire"><network><virtual-wire><member>ethernet1/5</member></virtual-wire></network></entry>
    </zone>
    <service><entry name="tcp-8080"><protocol><tcp><port>8080</port></tcp></protocol></entry></service>
    <rulebase><security><rules>
      <entry name="web">
        <from><member>untrust</member></from><to><member>trust</member></to>
        <source><member>any</member></source><destination><member>any</member></destination>
        <application><member>any</member></application><service><member>tcp-8080</member></service>
        <action>allow</action>
      </entry>
    </rules></security></rulebase>
  </entry></vsys></entry></devices>
</config>
`;
const SET = `set zone trust network layer3 [ ethernet1/2 ethernet1/3 ]
set zone untrust network layer3 ethernet1/1
set zone wire network virtual-wire ethernet1/5
set service tcp-8080 protocol tcp port 8080
set rulebase security rules web from untrust
set rulebase security rules web to trust
set rulebase security rules web source any
set rulebase security rules web destination any
set rulebase security rules web application any
set rulebase security rules web service tcp-8080
set rulebase security rules web action allow
`;
/** Panorama: the zones of a template's device. */
const TEMPLATE = `set template T1 config devices localhost.localdomain vsys vsys1 zone trust network layer3 ethernet1/2
set template T1 config devices localhost.localdomain vsys vsys1 zone untrust network layer3 ethernet1/1
set device-group DG1 pre-rulebase security rules web from untrust
set device-group DG1 pre-rulebase security rules web to trust
set device-group DG1 pre-rulebase security rules web source any
set device-group DG1 pre-rulebase security rules web destination any
set device-group DG1 pre-rulebase security rules web application any
set device-group DG1 pre-rulebase security rules web service tcp-8080
set device-group DG1 pre-rulebase security rules web action allow
set device-group DG1 service tcp-8080 protocol tcp port 8080
`;

const decide = (ruleset: Ruleset, text: string): string => {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(ruleset, p.value);
  return d.kind === 'decided' ? d.action : d.kind;
};

describe.each([
  ['XML', () => must(parsePanosXml({ path: 'fw.xml', text: XML }))],
  ['set', () => must(parsePanosSet({ path: 'fw.set', text: SET }))],
])('panos (%s): a packet entering by an interface is in the zone that lists it', (_, read) => {
  const ruleset = read();

  it('places every member interface of a zone', () => {
    expect({ ...ruleset.interfaceZones }).toEqual({
      'ethernet1/1': 'untrust',
      'ethernet1/2': 'trust',
      'ethernet1/3': 'trust',
      'ethernet1/5': 'wire',
    });
  });

  it.each([
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:8080 in ethernet1/1 out ethernet1/2', 'accept'],
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:8080 in ethernet1/1 out ethernet1/3', 'accept'],
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:22 in ethernet1/1 out ethernet1/2', 'drop'],
    // trust to trust: intrazone-default allows.
    ['tcp 10.1.0.5:40000 -> 10.1.0.6:22 in ethernet1/2 out ethernet1/3', 'accept'],
    ['tcp 10.1.0.5:40000 -> 198.51.100.7:22 in ethernet1/2 out ethernet1/1', 'drop'],
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:8080 in ethernet1/1 from-zone trust', 'indeterminate'],
  ])('%s: %s', (packet, expected) => {
    expect(decide(ruleset, packet)).toBe(expected);
  });
});

describe('panos (Panorama set): the zones of a template place its interfaces', () => {
  it('decides by them', () => {
    const ruleset = must(parsePanosSet({ path: 'pano.set', text: TEMPLATE }));
    expect({ ...ruleset.interfaceZones }).toEqual({ 'ethernet1/1': 'untrust', 'ethernet1/2': 'trust' });
    expect(decide(ruleset, 'tcp 198.51.100.7:40000 -> 10.1.0.5:8080 in ethernet1/1 out ethernet1/2')).toBe('accept');
  });

  it('an interface two templates put in different zones is not placed', () => {
    const text = `${TEMPLATE}set template T2 config devices localhost.localdomain vsys vsys1 zone dmz network layer3 ethernet1/1\n`;
    const ruleset = must(parsePanosSet({ path: 'pano.set', text }));
    expect({ ...ruleset.interfaceZones }).toEqual({ 'ethernet1/2': 'trust' });
  });
});

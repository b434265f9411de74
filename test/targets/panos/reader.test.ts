import { describe, expect, it } from 'vitest';
import { type Decision, evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Rule, Ruleset } from '../../../src/ruleset/types.js';
import { parsePanosSet, parsePanosXml } from '../../../src/targets/panos/parse/index.js';

const must = <T>(r: { ok: true; value: T } | { ok: false; issues: { message: string; line?: number }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}: ${i.message}`).join('\n'));
  return r.value;
};
const xml = (text: string) => must(parsePanosXml({ path: 'fw.xml', text }));
const set = (text: string) => must(parsePanosSet({ path: 'fw.set', text }));
const rules = (rs: Ruleset): readonly Rule[] => rs.chains.security?.rules ?? [];
const named = (rs: Ruleset, name: string) => rules(rs).filter((r) => r.provenance.comment?.split(':')[0] === name);
const decide = (rs: Ruleset, text: string): Decision => {
  const packet = parsePacket(text);
  if (!packet.ok) throw new Error(packet.message);
  return evaluate(rs, packet.value);
};
const by = (d: Decision) =>
  d.kind === 'decided'
    ? `${d.action} ${d.decidedBy?.rule.provenance.comment?.split(':')[0]}`
    : `? ${[...d.outcomes].sort().join('/')}`;
const ranges = (r: Rule | undefined) =>
  r?.destinationPorts?.toRanges().map((x) => (x.from === x.to ? `${x.from}` : `${x.from}-${x.to}`));

const entry = (name: string, body: string) => `<entry name="${name}">${body}</entry>`;
const members = (tag: string, ...m: string[]) => `<${tag}>${m.map((x) => `<member>${x}</member>`).join('')}</${tag}>`;
const rule = (name: string, f: Record<string, string[] | string>) =>
  entry(
    name,
    Object.entries(f)
      .map(([k, v]) => (Array.isArray(v) ? members(k, ...v) : `<${k}>${v}</${k}>`))
      .join('\n'),
  );
const base = {
  from: ['trust'],
  to: ['untrust'],
  source: ['any'],
  destination: ['any'],
  service: ['any'],
  application: ['any'],
  action: 'allow',
};

const device = (objects: string, security: string, extra = '') => `<?xml version="1.0"?>
<config version="10.1.0">
  <shared>${extra}</shared>
  <devices><entry name="localhost.localdomain"><vsys><entry name="vsys1">
    <zone>${entry('trust', '')}${entry('untrust', '')}${entry('dmz', '')}</zone>
    ${objects}
    <rulebase><security><rules>
${security}
    </rules></security></rulebase>
  </entry></vsys></entry></devices>
</config>
`;

const OBJECTS = `
  <address>
    ${entry('web', '<ip-netmask>192.0.2.10/32</ip-netmask>')}
    ${entry('net', '<ip-netmask>10.1.0.0/16</ip-netmask>')}
    ${entry('pool', '<ip-range>10.2.0.1-10.2.0.6</ip-range>')}
    ${entry('name', '<fqdn>www.example.com</fqdn>')}
  </address>
  <address-group>
    ${entry('inner', members('static', 'web', 'pool'))}
    ${entry('outer', members('static', 'inner', 'net'))}
    ${entry('tagged', "<dynamic><filter>'web' and 'prod'</filter></dynamic>")}
  </address-group>
  <service>
    ${entry('tcp-8443', '<protocol><tcp><port>8443,9000-9010</port></tcp></protocol>')}
    ${entry('dns-udp', '<protocol><udp><port>53</port><source-port>1024-65535</source-port></udp></protocol>')}
  </service>
  <service-group>
    ${entry('inner-svc', members('members', 'tcp-8443', 'service-https'))}
    ${entry('outer-svc', members('members', 'inner-svc', 'dns-udp'))}
  </service-group>`;

describe('PAN-OS XML: objects', () => {
  it('resolves netmasks, ranges and nested groups; an FQDN next to them is a separate uninterpreted part', () => {
    const rs = xml(device(OBJECTS, rule('r', { ...base, destination: ['outer', 'name'] })));
    const [definite, fqdn] = named(rs, 'r');
    expect(definite?.destination?.toCidrs()).toEqual([
      '10.1.0.0/16',
      '10.2.0.1/32',
      '10.2.0.2/31',
      '10.2.0.4/31',
      '10.2.0.6/32',
      '192.0.2.10/32',
    ]);
    expect(definite?.opaque).toBeUndefined();
    expect(fqdn?.destination).toBeUndefined();
    expect(fqdn?.opaque).toEqual(['address name is the FQDN www.example.com, which the firewall resolves']);
    expect(by(decide(rs, 'tcp 10.9.9.9:4000 -> 10.2.0.3:80 from-zone trust to-zone untrust'))).toBe('accept r');
    expect(by(decide(rs, 'tcp 10.9.9.9:4000 -> 10.2.0.7:80 from-zone trust to-zone untrust'))).toBe('? accept/drop');
  });

  it('a dynamic group is uninterpreted: its members are registered at run time', () => {
    const rs = xml(device(OBJECTS, rule('r', { ...base, source: ['tagged'] })));
    expect(named(rs, 'r')[0]?.opaque?.[0]).toMatch(/^address group tagged is dynamic/);
  });

  it('service groups nest; each protocol and source-port set is its own part; service-http/https are predefined', () => {
    const rs = xml(device(OBJECTS, rule('r', { ...base, service: ['outer-svc', 'service-http'] })));
    const parts = named(rs, 'r');
    expect(parts.map((p) => [p.protocols?.toRanges()[0]?.from, ranges(p), p.sourcePorts?.toRanges()[0]?.from])).toEqual(
      [
        [6, ['80', '443', '8080', '8443', '9000-9010'], undefined],
        [17, ['53'], 1024],
      ],
    );
  });

  it('a group that contains itself is an error at its line', () => {
    const loop = `<address-group>${entry('a', members('static', 'b'))}\n${entry('b', members('static', 'a'))}</address-group>`;
    const r = parsePanosXml({ path: 'fw.xml', text: device(loop, rule('r', { ...base, source: ['a'] })) });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]?.message).toMatch(/address group . contains itself/);
  });
});

describe('PAN-OS XML: rules', () => {
  it('negate-source is every address but the named ones; disabled rules are skipped with a warning; order holds', () => {
    const text = device(
      OBJECTS,
      [
        rule('off', { ...base, action: 'deny', disabled: 'yes' }),
        rule('not-net', { ...base, source: ['net'], 'negate-source': 'yes', action: 'reset-both' }),
        rule('all', base),
      ].join('\n'),
    );
    const r = parsePanosXml({ path: 'fw.xml', text });
    expect(r.ok && r.warnings.map((w) => [w.line, w.message])).toEqual([
      [text.split('\n').findIndex((l) => l.includes('"off"')) + 1, 'security rule off is disabled: not applied'],
    ]);
    const rs = must(r);
    expect(named(rs, 'off')).toEqual([]);
    expect(by(decide(rs, 'tcp 10.2.0.1:4000 -> 192.0.2.1:80 from-zone trust to-zone untrust'))).toBe('reject not-net');
    expect(by(decide(rs, 'tcp 10.1.2.3:4000 -> 192.0.2.1:80 from-zone trust to-zone untrust'))).toBe('accept all');
    expect(by(decide(rs, 'tcp 10.1.2.3:4000 -> 192.0.2.1:80 from-zone untrust to-zone trust'))).toBe(
      'drop interzone-default',
    );
    expect(by(decide(rs, 'tcp 10.1.2.3:4000 -> 192.0.2.1:80 from-zone dmz to-zone dmz'))).toBe(
      'accept intrazone-default',
    );
  });

  it('rule-type intrazone and interzone expand over the configured zones', () => {
    const rs = xml(
      device(
        OBJECTS,
        [
          rule('intra', { ...base, from: ['any'], to: ['any'], 'rule-type': 'intrazone', action: 'deny' }),
          rule('inter', { ...base, from: ['any'], to: ['any'], 'rule-type': 'interzone' }),
        ].join('\n'),
      ),
    );
    expect(named(rs, 'intra').map((r) => `${r.fromZones}>${r.toZones}`)).toEqual([
      'trust>trust',
      'untrust>untrust',
      'dmz>dmz',
    ]);
    expect(named(rs, 'inter').map((r) => `${r.fromZones}>${r.toZones}`)).toEqual([
      'trust>untrust,dmz',
      'untrust>trust,dmz',
      'dmz>trust,untrust',
    ]);
    expect(by(decide(rs, 'udp 10.0.0.1:4000 -> 10.0.0.2:53 from-zone dmz to-zone dmz'))).toBe('drop intra');
    expect(by(decide(rs, 'udp 10.0.0.1:4000 -> 10.0.0.2:53 from-zone dmz to-zone trust'))).toBe('accept inter');
  });

  it('application-default: known applications give their ports, the secure port and unknown ones stay uninterpreted', () => {
    const rs = xml(
      device(
        OBJECTS,
        rule('apps', {
          ...base,
          application: ['ssl', 'web-browsing', 'dns', 'bittorrent'],
          service: ['application-default'],
        }),
      ),
    );
    const parts = named(rs, 'apps').map(
      (r) =>
        `${r.protocols?.toRanges()[0]?.from ?? '*'}/${ranges(r) ?? '*'}${r.opaque ? ` ? ${r.opaque.join('; ')}` : ''}`,
    );
    expect(parts).toEqual([
      '6/443',
      '6/80',
      '6/443 ? application web-browsing on its secure port: only when SSL decryption identifies it',
      '6/53',
      '17/53',
      '*/* ? application bittorrent: its default ports are not known here (application-default)',
    ]);
    expect(by(decide(rs, 'udp 10.0.0.1:4000 -> 192.0.2.2:53 from-zone trust to-zone untrust'))).toBe('accept apps');
  });

  it('a specific application on explicit services, users and categories narrow the rule: uninterpreted', () => {
    const rs = xml(
      device(
        OBJECTS,
        [
          rule('app', { ...base, application: ['ssl'], service: ['service-https'] }),
          rule('user', { ...base, 'source-user': ['corp\\alice'], category: ['any'] }),
          rule('any-default', { ...base, service: ['application-default'] }),
        ].join('\n'),
      ),
    );
    expect(named(rs, 'app')[0]?.opaque).toEqual(['application ssl: App-ID decides which traffic is that application']);
    expect(ranges(named(rs, 'app')[0])).toEqual(['443']);
    expect(named(rs, 'user')[0]?.opaque).toEqual(['source-user corp\\alice']);
    expect(named(rs, 'any-default')[0]?.opaque?.[0]).toMatch(/^service application-default with application any/);
  });

  it('default rules overridden in the rulebase replace the predefined ones', () => {
    const text = device(OBJECTS, '').replace(
      '</rulebase>',
      `<default-security-rules><rules>${entry('intrazone-default', '<action>deny</action>')}${entry('interzone-default', '<action>allow</action>')}</rules></default-security-rules></rulebase>`,
    );
    const rs = xml(text);
    expect(by(decide(rs, 'tcp 10.0.0.1:4000 -> 10.0.0.2:22 from-zone trust to-zone trust'))).toBe(
      'drop intrazone-default',
    );
    expect(by(decide(rs, 'tcp 10.0.0.1:4000 -> 10.0.0.2:22 from-zone trust to-zone dmz'))).toBe(
      'accept interzone-default',
    );
  });

  it('malformed XML is refused at its line', () => {
    const r = parsePanosXml({ path: 'fw.xml', text: '<config>\n<devices>\n<entry name="x">\n</devices>\n</config>\n' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]?.line).toBe(4);
  });
});

describe('Panorama XML', () => {
  const panorama = (groups: string) => `<config version="10.1.0">
  <shared>
    <address>${entry('srv', '<ip-netmask>192.0.2.1</ip-netmask>')}${entry('shadowed', '<ip-netmask>192.0.2.2</ip-netmask>')}</address>
    <pre-rulebase><security><rules>${rule('shared-pre', { ...base, destination: ['srv'], action: 'deny' })}</rules></security></pre-rulebase>
    <post-rulebase><security><rules>${rule('shared-post', { ...base, action: 'deny' })}</rules></security></post-rulebase>
  </shared>
  <devices><entry name="localhost.localdomain"><device-group>${groups}</device-group></entry></devices>
  <readonly><devices><entry name="localhost.localdomain"><device-group>${entry('child', '<parent-dg>parent</parent-dg>')}</device-group></entry></devices></readonly>
</config>`;
  const group = (name: string, pre: string, post: string, objects = '') =>
    entry(
      name,
      `${objects}<pre-rulebase><security><rules>${pre}</rules></security></pre-rulebase><post-rulebase><security><rules>${post}</rules></security></post-rulebase>`,
    );

  it('shared pre, parent pre, group pre, group post, parent post, shared post; group objects hide shared ones', () => {
    const rs = xml(
      panorama(
        group('parent', rule('parent-pre', base), rule('parent-post', base)) +
          group(
            'child',
            rule('child-pre', { ...base, destination: ['shadowed'] }),
            rule('child-post', base),
            `<address>${entry('shadowed', '<ip-netmask>198.51.100.0/24</ip-netmask>')}</address>`,
          ),
      ),
    );
    expect(
      rules(rs)
        .map((r) => r.provenance.comment)
        .filter((c) => c !== 'intrazone-default'),
    ).toEqual([
      'answers of allowed sessions',
      'shared-pre',
      'parent-pre',
      'child-pre',
      'child-post',
      'parent-post',
      'shared-post',
      'interzone-default',
    ]);
    expect(named(rs, 'child-pre')[0]?.destination?.toCidrs()).toEqual(['198.51.100.0/24']);
    expect(by(decide(rs, 'tcp 10.0.0.1:4000 -> 192.0.2.1:443 from-zone trust to-zone untrust'))).toBe(
      'drop shared-pre',
    );
  });

  it('two leaf device groups are refused: one policy per run', () => {
    const r = parsePanosXml({
      path: 'p.xml',
      text: panorama(group('a', rule('x', base), '') + group('b', rule('y', base), '')),
    });
    expect(!r.ok && r.issues[0]?.message).toBe('the file holds the policies of several device groups (a, b)');
    expect(!r.ok && r.issues[0]?.hint).toBe('choose the one to verify with --scope (--scope a, --scope b)');
  });

  it('--scope chooses a device group (GROUP or GROUP/VSYS), with its ancestors; an unknown one is named', () => {
    const text = panorama(
      group('parent', rule('parent-pre', base), '') +
        group('a', rule('x', base), '') +
        group('child', rule('y', base), ''),
    );
    const comments = (scope: string) => {
      const r = parsePanosXml({ path: 'p.xml', text }, { scope });
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
      return rules(r.value)
        .map((x) => x.provenance.comment)
        .filter((c) => c === 'x' || c === 'y' || c === 'parent-pre');
    };
    expect(comments('a')).toEqual(['x']);
    expect(comments('child')).toEqual(['parent-pre', 'y']);
    expect(comments('child/vsys1')).toEqual(['parent-pre', 'y']);
    const bad = parsePanosXml({ path: 'p.xml', text }, { scope: 'b' });
    expect(!bad.ok && bad.issues[0]?.message).toBe('--scope b: the file has no such device group or vsys');
    expect(!bad.ok && bad.issues[0]?.hint).toBe('choose one of parent, a, child');
  });
});

describe('PAN-OS set commands', () => {
  it('reads quoted names, [ lists ], a rule spread over lines, literals and undefined names', () => {
    const rs = set(`# comment
set address "web server" ip-netmask 192.0.2.10/32
set address-group grp static [ "web server" 198.51.100.0/24 ]
set service svc protocol tcp port 8080
set service svc protocol tcp source-port 1024-65535
set rulebase security rules "Allow web" from trust to untrust
set rulebase security rules "Allow web" source [ 10.0.0.0/8 10.0.0.1-10.0.0.9 ]
set rulebase security rules "Allow web" destination [ grp missing ] service svc application any
set rulebase security rules "Allow web" action allow description "a \\"quoted\\" text"
set rulebase security rules "Allow web" profile-setting group default
set deviceconfig system hostname fw
`);
    const [definite, missing] = named(rs, 'Allow web');
    expect(definite?.provenance).toMatchObject({ line: 6, comment: 'Allow web: a "quoted" text' });
    expect(definite?.source?.toCidrs()).toEqual(['10.0.0.0/8']);
    expect(definite?.destination?.toCidrs()).toEqual(['192.0.2.10/32', '198.51.100.0/24']);
    expect(definite?.sourcePorts?.toRanges()).toEqual([{ from: 1024, to: 65535 }]);
    expect(ranges(definite)).toEqual(['8080']);
    expect(definite?.opaque).toBeUndefined();
    expect(missing?.opaque).toEqual(['address missing is not defined in this configuration']);
  });

  it('Panorama device-group pre and post rulebases, in order', () => {
    const rs =
      set(`set device-group DG post-rulebase security rules post from any to any source any destination any service any application any action deny
set device-group DG pre-rulebase security rules pre from any to any source any destination any service any application any action allow
set device-group DG address a ip-netmask 10.0.0.1
`);
    expect(rules(rs).map((r) => r.provenance.comment)).toEqual([
      'answers of allowed sessions',
      'pre',
      'post',
      'interzone-default',
    ]);
  });

  it('the device-group hierarchy of set readonly … parent-dg: the rules and objects of the parent come with the child', () => {
    const text = `set device-group top address srv ip-netmask 192.0.2.7
set device-group top pre-rulebase security rules top-pre from any to any source any destination srv service any application any action allow
set device-group top post-rulebase security rules top-post from any to any source any destination any service any application any action allow
set device-group leaf pre-rulebase security rules leaf-pre from any to any source any destination srv service any application any action deny
set readonly devices localhost.localdomain device-group leaf parent-dg top
`;
    const rs = set(text);
    expect(rules(rs).map((r) => r.provenance.comment)).toEqual([
      'answers of allowed sessions',
      'top-pre',
      'leaf-pre',
      'top-post',
      'interzone-default',
    ]);
    expect(by(decide(rs, 'tcp 10.0.0.1:40000 -> 192.0.2.7:22 from-zone a to-zone b'))).toBe('accept top-pre');
    expect(by(decide(rs, 'tcp 10.0.0.1:40000 -> 192.0.2.8:22 from-zone a to-zone b'))).toBe('accept top-post');
  });

  it('every error at once, each at its line', () => {
    const r = parsePanosSet({
      path: 'fw.set',
      text: `set address a ip-netmask 10.0.0.300/32
set address b description "unterminated
set service s protocol icmp port 1
set rulebase security rules r from any to any action permit
set rulebase security rules r2 source [ a
edit rulebase
`,
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.line).sort()).toEqual([2, 5, 6]);
    // The reader stops before lowering when the text itself is broken; the object errors come next.
    const r2 = parsePanosSet({
      path: 'fw.set',
      text: `set address a ip-netmask 10.0.0.300/32
set service s protocol icmp port 1
set rulebase security rules r from any to any action permit
`,
    });
    expect(!r2.ok && r2.issues.map((i) => [i.line, i.message])).toEqual([
      [1, expect.stringContaining('address a:')],
      [2, 'service s: protocol "icmp" is not tcp, udp or sctp'],
      [3, 'security rule r: unknown action "permit"'],
    ]);
  });
});

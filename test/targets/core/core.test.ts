import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ciscoAsa } from '../../../src/targets/cisco-asa/index.js';
import { fortios } from '../../../src/targets/fortios/index.js';
import { checkCapabilities } from '../../../src/targets/generate/capabilities.js';
import { sliceForProxy } from '../../../src/targets/generate/proxy.js';
import { sliceForFirewall } from '../../../src/targets/generate/rules.js';
import { generate } from '../../../src/targets/index.js';
import { safeText } from '../../../src/targets/kit/escape.js';
import { createNamer, objectName } from '../../../src/targets/kit/names.js';
import { nftables } from '../../../src/targets/nftables/index.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { PROXY, proxyMatrix } from '../support/proxy-fixture.js';

const NAME = { maxLength: 31, charset: /[A-Za-z0-9_]/ };

describe('objectName', () => {
  it('keeps valid names and makes others valid, short and distinct', () => {
    expect(objectName(['web', 'v4'], NAME)).toBe('web_v4');
    expect(objectName(['lync-clients'], NAME)).toMatch(/^lync_clients_[0-9a-z]{7}$/);
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
        fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
        (a, b) => {
          const [na, nb] = [objectName(a, NAME), objectName(b, NAME)];
          expect(na).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,30}$/);
          expect(objectName(a, NAME)).toBe(na);
          if (JSON.stringify(a) !== JSON.stringify(b) && a.join('_') !== b.join('_')) expect(na).not.toBe(nb);
        },
      ),
    );
  });
  it('createNamer never hands out a reserved word, whatever its case', () => {
    const name = createNamer({ ...NAME, reserved: ['any'] });
    const names = ['any', 'ANY', 'Any'].map((n) => name([n], n));
    for (const n of names) expect(n.toLowerCase()).not.toBe('any');
    expect(new Set(names).size).toBe(3);
    expect(name(['web'], 'web')).toBe('web');
  });
  it('never starts a name with a prefix the platform keeps for itself, and stays distinct', () => {
    const rules = { ...NAME, charset: /[A-Za-z0-9_.-]/, reservedPrefixes: ['junos-'] };
    const name = createNamer(rules);
    const names = ['junos-http', 'JUNOS-http', 'junos_http', 'http'].map((n) => name([n], n));
    for (const n of names) expect(n.toLowerCase().startsWith('junos-')).toBe(false);
    expect(new Set(names).size).toBe(4);
    expect(names[2]).toBe('junos_http');
    expect(names[3]).toBe('http');
    expect(objectName(['junos-ftp'], rules)).toMatch(/^x_junos-ftp_[0-9a-z]{7}$/);
  });
  it('createNamer never gives two identities the same name', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('web', 'web!', 'web?', 'x'.repeat(40)), fc.string()), { maxLength: 30 }),
        (items) => {
          const name = createNamer(NAME);
          const byId = new Map(items.map(([n, id]) => [id, name([n], id)]));
          expect(new Set(byId.values()).size).toBe(byId.size);
        },
      ),
    );
  });
});

describe('safeText', () => {
  it('never lets a quote, newline, ;, #, brace, backslash or $ through, and respects the length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 300 }), (s, max) => {
        const out = safeText(s, max);
        expect(out).not.toMatch(/["'`\n\r;#{}\\$]/);
        expect(out.length).toBeLessThanOrEqual(max);
      }),
    );
    expect(safeText('Flux "SQL" ; drop $(rm -rf /) # é\n}')).toBe('Flux SQL drop (rm -rf /) e');
  });
});

describe('sliceForFirewall', () => {
  it('gives each firewall exactly the legs that cross it; non-network rows become findings', () => {
    const m = realisticMatrix();
    const fw = sliceForFirewall(m, 'fw', 'nftables');
    expect(fw.rules.map((r) => `${r.row.flow}:${r.legIndex}`)).toEqual([
      'admin-web:0',
      'web-sql:0',
      'web-smtp:0',
      'graph:0',
      'lync-media:0',
      'ssh-v6:0',
      'ping:0',
      'ntp:0',
      'webhooks:0',
      'sms:0',
    ]);
    expect(fw.findings.map((f) => [f.rule, f.severity, f.flow])).toEqual([
      ['target:nftables:trusted-site', 'info', 'trusted'],
      ['target:nftables:reference', 'medium', 'see-doc'],
    ]);
    expect(sliceForFirewall(m, 'fw-edge').rules.map((r) => `${r.row.flow}:${r.legIndex}`)).toEqual(['webhooks:1']);
  });
});

describe('checkCapabilities', () => {
  const fw = hop('fw', 'lan', 'dmz');
  const check = (from: string[], to: string[], spec = 'tcp/443') =>
    checkCapabilities(
      sliceForFirewall(
        matrix(
          [row({ flow: 'f', from: endpoint('a', from), to: endpoint('b', to), services: service(spec), hops: [fw] })],
          [firewall('fw', 'nftables')],
        ),
        'fw',
      ).rules,
      nftables,
    );
  it.each([
    {
      from: ['10.0.0.1'],
      to: ['*.x.example'],
      spec: 'tcp/443',
      rules: 0,
      findings: ['target:nftables:wildcard-fqdn high'],
    },
    {
      from: ['10.0.0.1'],
      to: ['a.example', '10.1.0.0/16'],
      spec: 'tcp/443',
      rules: 1,
      findings: ['target:nftables:fqdn medium'],
    },
    { from: ['10.0.0.1'], to: ['a.example/path'], spec: 'tcp/443', rules: 0, findings: ['target:nftables:url high'] },
    {
      from: ['10.0.0.1'],
      to: ['2001:db8::1'],
      spec: 'tcp/443',
      rules: 0,
      findings: ['target:nftables:family-mismatch high'],
    },
    {
      from: ['2001:db8::2'],
      to: ['2001:db8::1'],
      spec: 'icmp/8',
      rules: 1,
      findings: [],
    },
    {
      from: ['2001:db8::2'],
      to: ['2001:db8::1'],
      spec: 'icmp/13',
      rules: 0,
      findings: ['target:nftables:icmp-family medium', 'target:nftables:family-mismatch high'],
    },
    { from: ['10.0.0.1'], to: ['any'], spec: 'tcp', rules: 0, findings: ['target:nftables:no-ports high'] },
    { from: ['any', '10.0.0.1'], to: ['any'], spec: 'ip', rules: 1, findings: [] },
  ])('$from -> $to $spec', ({ from, to, spec, rules, findings }) => {
    const out = check(from, to, spec);
    expect(out.rules.length).toBe(rules);
    expect(out.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(findings);
    expect(out.issues).toEqual([]);
  });
  it('keeps only the expressible addresses, never an empty side', () => {
    const out = check(['10.0.0.1'], ['a.example', '10.1.0.0/16']);
    expect(out.rules[0]?.destination.addresses).toEqual([{ kind: 'cidr', family: 4, value: '10.1.0.0/16' }]);
  });
  it('withholds a DNS name that is not one, on targets that write names bare', () => {
    const named = (target: typeof ciscoAsa | typeof fortios, to: string[]) =>
      checkCapabilities(
        sliceForFirewall(
          matrix(
            [
              row({
                flow: 'f',
                from: endpoint('a', ['10.0.0.1']),
                to: endpoint('b', to),
                services: service('tcp/443'),
                hops: [fw],
              }),
            ],
            [firewall('fw', target.id)],
          ),
          'fw',
        ).rules,
        target,
      );
    const asa = named(ciscoAsa, ['ok.example', 'x;reload.example', 'a b.example']);
    expect(asa.rules[0]?.destination.addresses).toEqual([{ kind: 'fqdn', value: 'ok.example' }]);
    expect(asa.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['target:cisco-asa:invalid-address medium']);
    const forti = named(fortios, ['*.a"b.example']);
    expect(forti.rules).toEqual([]);
    expect(forti.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['target:fortios:invalid-address high']);
  });
  it('reports unbound roles as errors', () => {
    const out = check([], ['10.0.0.1']);
    expect(out.issues.map((i) => i.code)).toEqual(['unbound-role']);
    expect(out.rules).toEqual([]);
  });
});

describe('generate for a proxy target', () => {
  it.each(['pac', 'squid'])(
    '%s: --firewall names the site proxy, and another name gets the proxy suggested',
    (target) => {
      const m = proxyMatrix();
      const named = generate(m, { target, firewall: PROXY.name });
      const unnamed = generate(m, { target });
      if (!named.ok || !unnamed.ok) throw new Error('the proxy renders');
      expect(named.value).toEqual(unnamed.value);
      const wrong = generate(m, { target, firewall: 'fw' });
      expect(wrong.ok).toBe(false);
      if (!wrong.ok)
        expect(wrong.issues.map((i) => i.hint)).toEqual([`leave out --firewall, or name the proxy "${PROXY.name}"`]);
    },
  );
});

describe('sliceForProxy', () => {
  it('reports a row marked as through the proxy that lacks its two legs, rather than dropping it', () => {
    const m = proxyMatrix();
    const [first] = m.rows;
    if (!first?.proxy || first.legs.length !== 2) throw new Error('the fixture starts with a proxied row');
    const broken = { ...m, rows: [{ ...first, legs: first.legs.slice(0, 1) }] };
    const sliced = sliceForProxy(broken, 'squid');
    if (!sliced.ok) throw new Error('the site has a proxy');
    expect(sliced.value.rules).toEqual([]);
    expect(sliced.value.findings.map((f) => [f.rule, f.key])).toEqual([['target:squid:proxy-legs', first.key]]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../src/net/index.js';
import { missing, requirements, seedsDir } from '../support/system.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

describe('parseAddress: valid', () => {
  it.each([
    ['192.0.2.1', { kind: 'cidr', family: 4, value: '192.0.2.1/32' }],
    ['10.0.0.0/8', { kind: 'cidr', family: 4, value: '10.0.0.0/8' }],
    ['0.0.0.0/0', { kind: 'cidr', family: 4, value: '0.0.0.0/0' }],
    [`${NBSP}52.112.0.0/14${NNBSP}`, { kind: 'cidr', family: 4, value: '52.112.0.0/14' }],
    ['2001:DB8::1', { kind: 'cidr', family: 6, value: '2001:db8::1/128' }],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', { kind: 'cidr', family: 6, value: '2001:db8::1:0:0:1/128' }],
    ['2001:db8:0:1:1:1:1:1', { kind: 'cidr', family: 6, value: '2001:db8:0:1:1:1:1:1/128' }],
    ['2001:db8::/32', { kind: 'cidr', family: 6, value: '2001:db8::/32' }],
    ['::/0', { kind: 'cidr', family: 6, value: '::/0' }],
    ['::ffff:192.0.2.1', { kind: 'cidr', family: 6, value: '::ffff:c000:201/128' }],
    // Seed 001: IPv6 with no-break spaces before each colon.
    [`2001${NBSP}:489a${NBSP}:3500${NBSP}::/50`, { kind: 'cidr', family: 6, value: '2001:489a:3500::/50' }],
    [`2406${NBSP}:e500${NBSP}:5500${NBSP}::/48`, { kind: 'cidr', family: 6, value: '2406:e500:5500::/48' }],
    ['2001 :489a :3500 ::/50', { kind: 'cidr', family: 6, value: '2001:489a:3500::/50' }],
    ['graph.microsoft.com', { kind: 'fqdn', value: 'graph.microsoft.com' }],
    ['Graph.Microsoft.COM.', { kind: 'fqdn', value: 'graph.microsoft.com' }],
    ['*.um.outlook.com', { kind: 'wildcard', value: '*.um.outlook.com' }],
    ['aka.ms/hybridwizard', { kind: 'url', value: 'aka.ms/hybridwizard' }],
    [
      'shcwreleaseprod.blob.core.windows.net/shcw/*',
      { kind: 'url', value: 'shcwreleaseprod.blob.core.windows.net/shcw/*' },
    ],
    ['https://login.live.com', { kind: 'fqdn', value: 'login.live.com' }],
    ['https://autodiscover-s.outlook.com/', { kind: 'fqdn', value: 'autodiscover-s.outlook.com' }],
    ['http://aka.ms/hybridwizard', { kind: 'url', value: 'aka.ms/hybridwizard' }],
    ['any', { kind: 'any' }],
    ['ANY', { kind: 'any' }],
  ])('%j', (text, expected) => {
    expect(parseAddress(text)).toEqual({ ok: true, value: expected });
  });
});

describe('parseAddress: invalid, with message and hint', () => {
  it.each([
    ['10.1.0.0/8', /has host bits set/, 'did you mean "10.0.0.0/8"?'],
    ['192.0.2.1/24', /has host bits set/, 'did you mean "192.0.2.0/24"?'],
    ['2001:db8::1/32', /has host bits set/, 'did you mean "2001:db8::/32"?'],
    ['010.0.0.1', /not a valid IPv4 address/, 'did you mean "10.0.0.1"?'],
    ['256.0.0.1', /not a valid IPv4 address/, 'four numbers 0 to 255 separated by dots'],
    ['1.2.3', /not a valid IPv4 address/, 'four numbers 0 to 255 separated by dots'],
    ['10.0.0.0/33', /invalid prefix length/, 'an IPv4 prefix length is 0 to 32'],
    ['2001:db8::/129', /invalid prefix length/, 'an IPv6 prefix length is 0 to 128'],
    ['2001:db8:::1', /not a valid IPv6 address/, undefined],
    ['1::2::3', /not a valid IPv6 address/, undefined],
    ['fe80::1%eth0', /not a valid IPv6 address/, undefined],
    ['12345::', /not a valid IPv6 address/, undefined],
    ['localhost', /not a valid host name/, 'a fully qualified name has at least one dot: "host.example.com"'],
    ['a_b.example.com', /not a valid host name/, 'host names use letters, digits and hyphens only'],
    ['-a.example.com', /not a valid host name/, undefined],
    ['autodiscover.*.example.com', /not a valid host name/, 'a wildcard is "*." followed by a name: "*.example.com"'],
    ['*.com', /not a valid host name/, undefined],
    ['exämple.com', /not a valid host name/, 'write international names in their xn-- (punycode) form'],
    ['mail.example.com:25', /carries a port/, 'give the host alone; ports belong to the service'],
    ['a.example.com b.example.com', /contains spaces/, undefined],
    ['', /empty address/, undefined],
  ])('%j', (text, message, hint) => {
    const r = parseAddress(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(message);
    if (hint !== undefined) expect(r.hint).toBe(hint);
  });
});

describe.skipIf(missing(requirements.seeds))('parseAddress on the seed documents', () => {
  it('parses every address of the seed 001 CIDR lists (per cloud instance, with no-break spaces)', () => {
    const text = readFileSync(join(seedsDir(), '001_35544d9936f145e4.txt'), 'utf8');
    const lines = text.split('\n').filter((l) => /^\d+\.\d+\.\d+\.\d+\/\d+,/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const values: string[] = [];
    for (const line of lines) {
      for (const item of line.split(',')) {
        const r = parseAddress(item);
        expect(r, item).toMatchObject({ ok: true, value: { kind: 'cidr' } });
        if (r.ok && r.value.kind === 'cidr') values.push(r.value.value);
      }
    }
    expect(values).toContain('2001:489a:3500::/50');
    expect(values).toContain('2406:e500:5500::/48');
    expect(values).toContain('40.126.0.0/18');
  });

  it('parses the wildcard names of seed 001', () => {
    const text = readFileSync(join(seedsDir(), '001_35544d9936f145e4.txt'), 'utf8');
    const wildcards = text.match(/\*\.[a-z0-9.-]+[a-z0-9]/g) ?? [];
    expect(wildcards.length).toBeGreaterThan(5);
    for (const w of wildcards) expect(parseAddress(w), w).toEqual({ ok: true, value: { kind: 'wildcard', value: w } });
  });
});

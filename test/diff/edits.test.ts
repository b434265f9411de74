import { describe, expect, it } from 'vitest';
import { addressEditLines, addressEdits, count } from '../../src/diff/edits.js';
import type { Address } from '../../src/model/matrix.js';
import type { Lang } from '../../src/model/text.js';

/** `10.20.1.0/24`, `2001:db8::/48`, `api.example.org`: an address as a site file writes it. */
const addr = (v: string): Address =>
  /^[\d.]+(\/\d+)?$/.test(v) || v.includes(':')
    ? {
        kind: 'cidr',
        family: v.includes(':') ? 6 : 4,
        value: v.includes('/') ? v : `${v}/${v.includes(':') ? 128 : 32}`,
      }
    : { kind: 'fqdn', value: v };
const addrs = (list: readonly string[]): Address[] => list.map(addr);

const NBSP = '\u00a0';

describe('endpoint edits: entries as written, then the net effect', () => {
  it.each<[string, string[], string[], Lang, string[]]>([
    [
      'a /16 added over a /24 already there',
      ['10.20.1.0/24'],
      ['10.20.1.0/24', '10.20.0.0/16'],
      'en',
      ['added: 10.20.0.0/16 (contains 10.20.1.0/24, already there)', 'net effect: opens 65,280 more IPv4 addresses'],
    ],
    [
      'the same, in French',
      ['10.20.1.0/24'],
      ['10.20.1.0/24', '10.20.0.0/16'],
      'fr',
      [
        'ajouté\u00a0: 10.20.0.0/16 (contient 10.20.1.0/24, déjà présent)',
        `effet net\u00a0: ouvre 65${NBSP}280 adresses IPv4 supplémentaires`,
      ],
    ],
    [
      'a /24 replaced by the /16 around it',
      ['10.20.1.0/24'],
      ['10.20.0.0/16'],
      'en',
      [
        'added: 10.20.0.0/16',
        'removed: 10.20.1.0/24 (still covered by 10.20.0.0/16)',
        'net effect: opens 65,280 more IPv4 addresses',
      ],
    ],
    [
      'the same, in French',
      ['10.20.1.0/24'],
      ['10.20.0.0/16'],
      'fr',
      [
        'ajouté\u00a0: 10.20.0.0/16',
        'retiré\u00a0: 10.20.1.0/24 (toujours couvert par 10.20.0.0/16)',
        `effet net\u00a0: ouvre 65${NBSP}280 adresses IPv4 supplémentaires`,
      ],
    ],
    [
      'a disjoint network added: the entry says it all',
      ['10.20.1.0/24'],
      ['10.20.1.0/24', '10.30.0.0/24'],
      'en',
      ['added: 10.30.0.0/24'],
    ],
    [
      'a /16 removed, a /24 inside it kept',
      ['10.20.0.0/16', '10.20.1.0/24'],
      ['10.20.1.0/24'],
      'en',
      ['removed: 10.20.0.0/16 (10.20.1.0/24 stays)', 'net effect: closes 65,280 IPv4 addresses'],
    ],
    [
      'the same, in French',
      ['10.20.0.0/16', '10.20.1.0/24', '10.20.2.0/24'],
      ['10.20.1.0/24', '10.20.2.0/24'],
      'fr',
      [
        'retiré\u00a0: 10.20.0.0/16 (10.20.1.0/24, 10.20.2.0/24 restent)',
        `effet net\u00a0: ferme 65${NBSP}024 adresses IPv4`,
      ],
    ],
    [
      'a /24 written as two /25: no address changes',
      ['10.20.1.0/24'],
      ['10.20.1.0/25', '10.20.1.128/25'],
      'en',
      [
        'added: 10.20.1.0/25, 10.20.1.128/25',
        'removed: 10.20.1.0/24',
        'net effect: same addresses, written differently',
      ],
    ],
    [
      'a short net effect is written as its prefixes',
      ['10.0.0.0/24'],
      ['10.0.0.0/24', '10.0.0.0/23'],
      'en',
      ['added: 10.0.0.0/23 (contains 10.0.0.0/24, already there)', 'net effect: opens 10.0.1.0/24'],
    ],
    [
      'an added host inside a kept network opens nothing',
      ['10.0.0.0/24'],
      ['10.0.0.0/24', '10.0.0.7'],
      'fr',
      [
        'ajouté\u00a0: 10.0.0.7 (compris dans 10.0.0.0/24, déjà présent)',
        'effet net\u00a0: mêmes adresses, écrites autrement',
      ],
    ],
    [
      'IPv6: a count too large for digits',
      ['2001:db8::/64'],
      ['2001:db8::/64', '2001:db8::/48'],
      'en',
      [
        'added: 2001:db8::/48 (contains 2001:db8::/64, already there)',
        'net effect: opens over 2^79 more IPv6 addresses',
      ],
    ],
    [
      'names compare by value only',
      ['api.example.org'],
      ['api.example.org', 'status.example.org'],
      'fr',
      ['ajouté\u00a0: status.example.org'],
    ],
    [
      'more than three entries contained',
      ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.0.4.0/24', '10.0.5.0/24'],
      ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.0.4.0/24', '10.0.5.0/24', '10.0.0.0/16'],
      'en',
      [
        'added: 10.0.0.0/16 (contains 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24 and 2 more, already there)',
        'net effect: opens 64,256 more IPv4 addresses',
      ],
    ],
  ])('%s (%s)', (_name, before, after, lang, lines) => {
    expect(addressEditLines(addressEdits(addrs(before), addrs(after)), lang)).toEqual(lines);
  });

  it.each<[bigint, Lang, string]>([
    [1n, 'en', '1'],
    [65280n, 'en', '65,280'],
    [16777216n, 'fr', `16${NBSP}777${NBSP}216`],
    [2n ** 64n, 'en', '2^64'],
    [2n ** 80n - 2n ** 64n, 'fr', 'plus de 2^79'],
  ])('count %s (%s) reads %s', (n, lang, text) => {
    expect(count(n, lang)).toBe(text);
  });
});

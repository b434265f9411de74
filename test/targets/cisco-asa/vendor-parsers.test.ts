import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFortios } from '../fortios/parse.js';
import { parseSrx } from '../juniper-srx/parse.js';
import { parsePanos } from '../panos/parse.js';
import type { Parser } from '../support/vendor-contract.js';
import { parseAsa } from './parse.js';

/**
 * The strict readers stand in for the vendor CLIs (none is installed): a golden file with one value a device would
 * refuse (an impossible address or port, a reversed range, a wildcard the ASA cannot resolve) must be refused too.
 */
const golden = (target: string, file: string) =>
  readFileSync(new URL(`../${target}/golden/${file}`, import.meta.url), 'utf8');

const CASES: [string, Parser, string, [string, string][]][] = [
  [
    'cisco-asa',
    parseAsa,
    golden('cisco-asa', 'realistic.asa.cfg'),
    [
      [' fqdn v6 graph.microsoft.com', ' fqdn v6 *.microsoft.com'],
      [' service-object udp destination range 50000 59999', ' service-object udp destination range 59999 50000'],
      [' service-object udp destination range 50000 59999', ' service-object udp destination eq 70000'],
      [' host 10.', ' host 999.'],
    ],
  ],
  ['panos', parsePanos, golden('panos', 'realistic.panos.set'), [['ip-netmask 10.', 'ip-netmask 10.999.']]],
  [
    'fortios',
    parseFortios,
    golden('fortios', 'realistic.fortios.conf'),
    [['set tcp-portrange 443', 'set tcp-portrange 0']],
  ],
  [
    'juniper-srx',
    parseSrx,
    golden('juniper-srx', 'realistic.junos.set'),
    [['destination-port 443', 'destination-port 443-80']],
  ],
];

describe('vendor readers refuse values a device refuses', () => {
  for (const [target, parse, text, mutations] of CASES) {
    it(target, () => {
      expect(() => parse(text)).not.toThrow();
      for (const [from, to] of mutations) {
        expect(text, from).toContain(from);
        expect(() => parse(text.replace(from, to)), to).toThrow();
      }
    });
  }
});

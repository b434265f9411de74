import { describe, expect, it } from 'vitest';
import { nftables } from '../../../src/targets/nftables/index.js';
import { parseNftText } from '../../../src/targets/nftables/parse/index.js';
import { exampleMatrix, generated } from '../support/examples.js';
import { caught, must } from '../support/verify-round-trip.js';

/**
 * The mutations on our own nftables text (`generate` then `verify`): each is caught and named — a dropped
 * rule (its row denied), a widened port (a rule opening beyond the matrix), swapped sides (the row denied and the
 * reverse opened), an earlier drop (the rows behind it denied), a changed set member (part of a row denied, another
 * host opened).
 */
const site = 'exchange-2007-site';
const fw = 'fw-internal';
const matrix = exampleMatrix(site);
const text = generated(nftables, matrix, fw).artifacts.find((a) => a.path.endsWith('.nft'))?.content ?? '';
const lines = text.split('\n');
const check = (mutated: string) => caught(matrix, fw, must(parseNftText({ path: 'fw.nft', text: mutated })));
const LDAPS = 'exchange-2007/hub-to-edge-edgesync-ldaps';
const ldaps = lines.find((l) => l.includes(LDAPS)) ?? '';
/** The chain that holds the LDAPS rule, and the source its jump tests (the printer lays rules out in chains). */
const ldapsChain =
  /^\tchain (\S+) \{$/.exec(
    lines.slice(0, lines.indexOf(ldaps)).findLast((l) => l.startsWith('\tchain ')) ?? '',
  )?.[1] ?? '';
const ldapsSource =
  new RegExp(`ip saddr (\\S+) jump ${ldapsChain}$`).exec(
    lines.find((l) => l.endsWith(` jump ${ldapsChain}`)) ?? '',
  )?.[1] ?? '';
/** The zone chain the forward chain sends eth2 → eth1 traffic to. */
const reverseZone =
  /iifname "eth2" oifname "eth1" jump (\S+)$/.exec(
    lines.find((l) => l.includes('iifname "eth2" oifname "eth1" jump')) ?? '',
  )?.[1] ?? '';

describe('mutations of our own nftables output are caught', () => {
  it('the unmutated text is clean (the baseline of each mutation)', () => {
    expect(ldaps).toContain('tcp dport 50636');
    expect([ldapsChain, ldapsSource, reverseZone].every((name) => name !== '')).toBe(true);
    expect(check(text)).toEqual({ rows: [], beyond: [] });
  });

  it('drop a rule: its row is denied', () => {
    const c = check(lines.filter((l) => l !== ldaps).join('\n'));
    expect(c.rows).toEqual([expect.stringMatching(/ denied$/)]);
  });

  it('widen a port: the rule opens beyond the matrix', () => {
    const c = check(text.replace(ldaps, ldaps.replace('tcp dport 50636', 'tcp dport 1-65535')));
    expect(c.rows).toEqual([]);
    expect(c.beyond).toEqual([expect.stringContaining(LDAPS)]);
  });

  it('swap source and destination: the row is denied and the reverse opened', () => {
    const daddr = /ip daddr (\S+)/.exec(ldaps)?.[1] ?? '';
    const swapped = ldaps.replace(`ip daddr ${daddr}`, `ip saddr ${daddr} ip daddr ${ldapsSource}`);
    const at = lines.indexOf(`\tchain ${reverseZone} {`) + 1;
    const mutated = [...lines.slice(0, at), swapped, ...lines.slice(at)].filter((l) => l !== ldaps);
    const c = check(mutated.join('\n'));
    expect(c.rows.some((r) => / denied$/.test(r))).toBe(true);
    expect(c.beyond).toEqual([expect.stringContaining(LDAPS)]);
  });

  it('insert an earlier drop: the rows behind it are denied', () => {
    const at = lines.indexOf(ldaps);
    const mutated = [...lines.slice(0, at), '\t\ttcp dport 50636 drop', ...lines.slice(at)];
    const c = check(mutated.join('\n'));
    expect(c.rows).toEqual([expect.stringMatching(/ denied$/)]);
  });

  it('change a set member: part of the rows is denied and another host opened', () => {
    const c = check(text.replace('elements = { 10.30.1.21,', 'elements = { 10.30.1.99,'));
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.rows.every((r) => /(partial|denied)$/.test(r))).toBe(true);
    expect(c.beyond.length).toBeGreaterThan(0);
  });
});

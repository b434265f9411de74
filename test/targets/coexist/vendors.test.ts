import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { ciscoAsa } from '../../../src/targets/cisco-asa/index.js';
import { readAsa } from '../../../src/targets/cisco-asa/parse/index.js';
import { fortios } from '../../../src/targets/fortios/index.js';
import { readFortios } from '../../../src/targets/fortios/parse/index.js';
import { panos } from '../../../src/targets/panos/index.js';
import { parsePanosSet, readPanosSet } from '../../../src/targets/panos/parse/index.js';
import { type Verification, verifyFirewall } from '../../../src/verify/index.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { generated } from '../support/examples.js';

/**
 * Vendor output beside someone else's rules, read back by our own readers: the device's rules keep their place, ours
 * land where `placement` says, in order and once however often the file is loaded, and the matrix still verifies.
 */
const matrix = realisticMatrix();

const must = <T>(
  r: { ok: true; value: T } | { ok: false; issues: readonly Parameters<typeof formatIssue>[0][] },
): T => {
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
};

const textOf = (out: { artifacts: { path: string; content: string }[] }, ext: string): string => {
  const a = out.artifacts.find((x) => x.path.endsWith(ext));
  if (!a) throw new Error(`no ${ext} artifact`);
  return a.content;
};

/** Rows with literal addresses the config lets through, and how many of its rules open more than the matrix. */
function verified(rs: Ruleset, zones?: 'zones'): { permitted: string[]; beyond: number } {
  const v: Verification = verifyFirewall(matrix, 'fw', rs, zones ? { zones } : {});
  const literal = v.rows.filter((r) => r.unverifiable.length === 0);
  return {
    permitted: literal.filter((r) => r.verdict === 'permitted').map((r) => r.rule.id),
    beyond: v.rules.filter((r) => r.beyondMatrix !== undefined).length,
  };
}

describe('PAN-OS beside existing rules', () => {
  const theirs = [
    'set rulebase security rules theirs-first from lan to dmz source any destination any service service-https application any action allow',
    'set rulebase security rules deny-all from any to any source any destination any service any application any action deny',
    '',
  ].join('\n');

  it('puts ours before the named rule, in order, once after two loads, and they still verify', () => {
    const ours = textOf(
      generated(panos, matrix, 'fw', { mode: 'coexist', placement: 'before:deny-all' }),
      '.panos.set',
    );
    const plain = textOf(generated(panos, matrix, 'fw'), '.panos.set');
    const names = [...plain.matchAll(/^set rulebase security rules (\S+) /gm)].map((m) => `fm_${m[1]}`);
    expect(names.length).toBeGreaterThan(2);
    const doc = must(readPanosSet({ path: 'running.set', text: theirs + ours + ours }));
    expect(doc.rules.map((r) => r.name)).toEqual(['theirs-first', ...names, 'deny-all']);
    // The reload is explicit: every rule and object of ours is deleted before it is set, and nothing else is.
    const deleted = [...ours.matchAll(/^delete \S+(?: security rules)? (\S+)$/gm)].map((m) => m[1] ?? '');
    const set = [...ours.matchAll(/^set (?:rulebase security rules|address-group|address|service) (\S+) /gm)];
    expect(new Set(deleted)).toEqual(new Set(set.map((m) => m[1])));
    for (const name of deleted) expect(name).toMatch(/^fm_/);
    // The same rows pass as with the plain output, and nothing more is opened.
    const before = verified(must(parsePanosSet({ path: 'plain.set', text: plain })), 'zones');
    expect(before.permitted.length).toBeGreaterThan(0);
    const theirsAndOurs = theirs.replace(/^set rulebase security rules theirs-first .*\n/m, '') + ours;
    const after = verified(must(parsePanosSet({ path: 'ours.set', text: theirsAndOurs })), 'zones');
    expect(after.permitted).toEqual(before.permitted);
    // Their deny-all also closes what PAN-OS's default intrazone rule opened: never more than before.
    expect(after.beyond).toBeLessThanOrEqual(before.beyond);
  });

  it('top and after: the first of ours goes there, the others follow it', () => {
    const top = textOf(generated(panos, matrix, 'fw', { mode: 'coexist', placement: 'top' }), '.panos.set');
    const doc = must(readPanosSet({ path: 'x.set', text: theirs + top }));
    expect(doc.rules[0]?.name).toMatch(/^fm_/);
    expect(doc.rules.slice(-2).map((r) => r.name)).toEqual(['theirs-first', 'deny-all']);
    const after = textOf(generated(panos, matrix, 'fw', { placement: 'after:theirs-first' }), '.panos.set');
    const names = must(readPanosSet({ path: 'x.set', text: theirs + after })).rules.map((r) => r.name);
    expect(names[0]).toBe('theirs-first');
    expect(names.at(-1)).toBe('deny-all');
  });

  it('refuses a placement or mode it does not know, naming the option', () => {
    for (const options of [{ placement: 'middle' }, { placement: 'before:no good' }, { mode: 'merge' }]) {
      const r = panos.print({ site: matrix.site, firewall: 'fw', rules: [] }, options as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.path).toContain('options');
    }
  });
});

describe('FortiOS beside existing policies', () => {
  const theirs = [
    'config firewall address',
    '    edit "theirs_host"',
    '        set subnet 192.0.2.7 255.255.255.255',
    '    next',
    'end',
    'config firewall policy',
    '    edit 5',
    '        set name "theirs-first"',
    '        set srcintf "any"',
    '        set dstintf "any"',
    '        set srcaddr "theirs_host"',
    '        set dstaddr "all"',
    '        set action accept',
    '        set service "HTTPS"',
    '        set schedule "always"',
    '    next',
    '    edit 7',
    '        set name "deny-all"',
    '        set srcintf "any"',
    '        set dstintf "any"',
    '        set srcaddr "all"',
    '        set dstaddr "all"',
    '        set action deny',
    '        set service "ALL"',
    '        set schedule "always"',
    '    next',
    'end',
    '',
  ].join('\n');

  it('ids of our own range, before the named policy, once after two loads; their objects untouched', () => {
    const out = generated(fortios, matrix, 'fw', { mode: 'coexist', policyIds: 9000, placement: 'before:7' });
    const ours = textOf(out, '.fortios.conf');
    const doc = must(readFortios({ path: 'running.conf', text: theirs + ours + ours }));
    const ids = doc.policies.map((p) => p.id);
    const count = [...ours.matchAll(/^ {4}edit 9\d{3}$/gm)].length;
    expect(count).toBeGreaterThan(2);
    expect(ids).toEqual(['5', ...Array.from({ length: count }, (_, i) => String(9000 + i)), '7']);
    expect(doc.addresses.has('theirs_host')).toBe(true);
    for (const name of [...doc.addresses.keys(), ...doc.services.keys()].filter((n) => n !== 'theirs_host'))
      expect(name).toMatch(/^fm_/);
    // Every entry of ours is deleted before it is edited again, and nothing else is.
    const deleted = [...ours.matchAll(/^ {4}delete (\S+)$/gm)].map((m) => m[1]);
    const edited = [...ours.matchAll(/^ {4}edit (\S+)$/gm)].map((m) => m[1]);
    expect(new Set(deleted)).toEqual(new Set(edited));
    expect(ours).toMatch(/# Beside the existing policies: deletes and re-creates only ours \(ids 9000 to 9\d{3}/);
  });

  it('refuses coexist without an id range, and top, rather than guess', () => {
    for (const options of [{ mode: 'coexist' }, { placement: 'top', policyIds: 9000 }, { placement: 'before:7' }]) {
      const r = fortios.print({ site: matrix.site, firewall: 'fw', rules: [] }, options as never);
      expect(r.ok, JSON.stringify(options)).toBe(false);
    }
  });
});

describe('Cisco ASA beside existing ACLs', () => {
  it('clears and reloads only its own ACLs and objects, says so, and still verifies', () => {
    const ours = textOf(generated(ciscoAsa, matrix, 'fw', { mode: 'coexist' }), '.asa.cfg');
    const acls = [...new Set([...ours.matchAll(/^access-list (\S+) /gm)].map((m) => m[1] ?? ''))];
    expect(acls.length).toBeGreaterThan(0);
    const cleared = [...ours.matchAll(/^clear configure access-list (\S+)$/gm)].map((m) => m[1]);
    expect(cleared).toEqual(acls);
    const header = ours
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .join('\n');
    for (const acl of acls) expect(header).toContain(acl);
    const removed = [...ours.matchAll(/^no (object(?:-group)? \S+ \S+)$/gm)].map((m) => m[1]);
    const defined = [...ours.matchAll(/^(object(?:-group)? \S+ \S+)$/gm)].map((m) => m[1]);
    expect(new Set(removed)).toEqual(new Set(defined));
    for (const line of [...cleared, ...removed]) expect(line).toMatch(/(^| )fm_/);
    // Every clear and no line comes before the first definition: a paste never removes what it just wrote.
    const lines = ours.split('\n');
    const lastRemoval = Math.max(...lines.map((l, i) => (/^(clear|no) /.test(l) ? i : -1)));
    expect(lastRemoval).toBeLessThan(lines.findIndex((l) => /^object/.test(l)));
    const plain = textOf(generated(ciscoAsa, matrix, 'fw'), '.asa.cfg');
    const before = verified(must(readAsa('plain.cfg', plain)).ruleset);
    expect(before.permitted.length).toBeGreaterThan(0);
    expect(verified(must(readAsa('ours.cfg', ours)).ruleset)).toEqual(before);
  });

  it('accessGroup: false leaves the bindings to the team', () => {
    const ours = textOf(generated(ciscoAsa, matrix, 'fw', { mode: 'coexist', accessGroup: false }), '.asa.cfg');
    expect(ours).not.toMatch(/^access-group /m);
    expect(ours).toContain('! No access-group line: bind or merge these ACLs yourself.');
  });
});

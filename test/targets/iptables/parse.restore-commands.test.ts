import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { readSaveFile, type SavedChain } from '../../../src/targets/iptables/parse/file.js';
import { detectIptablesKind, parseIptables } from '../../../src/targets/iptables/parse/index.js';
import { decision } from '../support/decide.js';
import { ERRORS, VALID } from './restore-cases.js';

/**
 * iptables-restore input written by hand: the commands beyond `-A` change the table as the real tool does (the
 * differential test against iptables-legacy-restore is parse.restore-commands.kernel.test.ts), and what it refuses
 * is an error at its line and column.
 */

function filterChains(text: string, family: 4 | 6) {
  const r = readSaveFile('restore.rules', text, family, undefined);
  if (r.issues.length > 0) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.saved.tables.get('filter') ?? new Map<string, SavedChain>();
}

describe('iptables-restore commands: what each leaves in the table', () => {
  it.each(VALID.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const chains = filterChains(c.text, c.family);
    const user = [...chains.values()].filter((x) => !x.builtin || x.rules.length > 0);
    expect(Object.fromEntries(user.map((x) => [x.name, x.rules.map((r) => r.rule.provenance.line)]))).toEqual(c.chains);
    if (c.forward) expect(chains.get('FORWARD')?.policy).toBe(c.forward);
  });

  it('a rule keeps the text of the line that put it there, and -P the line of the policy', () => {
    const c = VALID.find((x) => x.name.startsWith('-D by number')) as (typeof VALID)[number];
    const forward = filterChains(c.text, 4).get('FORWARD');
    expect(forward?.rules[0]?.rule.provenance.text).toBe('-R FORWARD 1 -p tcp --dport 443 -j web');
    const p = VALID.find((x) => x.name.startsWith('-P')) as (typeof VALID)[number];
    expect(filterChains(p.text, 4).get('FORWARD')?.policyProvenance).toMatchObject({
      line: 8,
      text: '-P FORWARD ACCEPT',
    });
  });

  it('the ruleset decides by the rules as the commands left them', () => {
    const c = VALID.find((x) => x.name.startsWith('-I without')) as (typeof VALID)[number];
    const r = parseIptables([{ file: 'restore.rules', text: c.text, kind: 'iptables' }]);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const d = (packet: string) => {
      const x = decision(r.value.ruleset, packet);
      return x.kind === 'decided' ? `${x.action} ${x.decidedBy?.rule.provenance.line ?? 'policy'}` : x.kind;
    };
    expect(d('tcp 10.0.0.1:1000 -> 192.0.2.1:22')).toBe('drop 8'); // inserted first, before the ssh rule
    expect(d('tcp 10.0.0.2:1000 -> 192.0.2.1:22')).toBe('accept 6');
    expect(d('tcp 10.0.0.2:1000 -> 192.0.2.1:80')).toBe('drop 9'); // inserted before the jump to web
    expect(d('udp 10.0.0.3:1000 -> 192.0.2.1:53')).toBe('reject 10'); // appended with -I at one past the last
  });

  it('a restore file whose first IPv6 address is in a -I rule is an ip6tables file', () => {
    const v6 = VALID.find((x) => x.family === 6) as (typeof VALID)[number];
    expect(detectIptablesKind(v6.text)).toBe('ip6tables');
    expect(detectIptablesKind(v6.text.replace(/-s 2001:db8[^ ]*/g, '-s 10.0.0.0/8'))).toBe('iptables');
  });

  it('a -6 line in an iptables file is skipped, whatever its command', () => {
    const chains = filterChains(
      [
        '*filter',
        ':FORWARD DROP [0:0]',
        '-A FORWARD -j ACCEPT',
        '-6 -F',
        '-6 -D FORWARD 1',
        '-4 -I FORWARD -j DROP',
        'COMMIT',
        '',
      ].join('\n'),
      4,
    );
    expect(chains.get('FORWARD')?.rules.map((r) => r.rule.provenance.line)).toEqual([6, 3]);
  });
});

describe('iptables-restore commands: what the real tool refuses is an error at its place', () => {
  it.each(ERRORS.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = parseIptables([{ file: 'restore.rules', text: c.text, kind: 'iptables' }]);
    expect(r.ok).toBe(false);
    const first = r.ok ? '' : formatIssue(r.issues[0] as (typeof r.issues)[number]);
    expect(first.replace(/^restore\.rules:/, '')).toMatch(c.error);
  });

  it('each error has a hint or names what is wrong, and the file goes on being read: every error at once', () => {
    const text = [
      '*filter',
      ':FORWARD DROP [0:0]',
      '-D FORWARD 1',
      '-X FORWARD',
      '-P FORWARD RETURN',
      'COMMIT',
      '',
    ].join('\n');
    const r = parseIptables([{ file: 'r', text, kind: 'iptables' }]);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      'r:3:12: rule number 1 is out of range for the deletion: the chain has no rule here — rules are numbered from 1, counting the commands above this line',
      'r:4:4: FORWARD is a built-in chain: it cannot be deleted',
      'r:5:12: a built-in chain\'s policy is ACCEPT or DROP, not "RETURN"',
    ]);
  });
});

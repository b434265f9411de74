import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsFile, findingsList, findingsSummary, groupFindings } from '../../src/cli/findings.js';
import type { Finding, Severity } from '../../src/model/finding.js';
import { run } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'flowmatrix-findings-'));

/** `n` findings of one kind, each on its own name and rows `rowsEach` rows; the remedy is shared. */
function many(n: number, rule: string, severity: Severity, rowsEach: number): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++)
    for (let r = 0; r < rowsEach; r++)
      out.push({
        rule,
        severity,
        key: `${rule}/${i}/${r}`,
        message: { fr: `nom svc${i}.example.com`, en: `name svc${i}.example.com` },
        remediation: { fr: 'utiliser le proxy', en: 'use the proxy' },
      });
  return out;
}

describe('findings on the terminal', () => {
  it('summarise 10 or 10,000 findings in the same few lines, counts and heaviest first', () => {
    for (const n of [10, 10_000]) {
      const findings = [
        ...many(n, 'target:nftables:fqdn', 'medium', 2),
        ...many(1, 'target:nftables:family-mismatch', 'high', 614),
      ];
      const summary = findingsSummary(groupFindings(findings, 'en'), 'en', 'out/findings.txt');
      const lines = summary.trimEnd().split('\n');
      expect(lines.length).toBeLessThanOrEqual(12);
      expect(lines[0]).toBe(
        `Findings: ${n + 1} (1 high, ${n} medium), ${2 * n + 614} rows — full list: out/findings.txt`,
      );
      expect(lines).toContain(`  medium   target:nftables:fqdn             ${n} findings, ${2 * n} rows`);
      expect(lines).toContain('           → use the proxy');
      // The heaviest: the high one first, whatever the order found.
      expect(lines[lines.indexOf('Heaviest:') + 1]).toMatch(/^ {2}high {5}target:nftables:family-mismatch .*×614 rows/);
    }
  });
  it('keep every finding in the file: text, one entry per message; JSON, each finding with its row', () => {
    const findings = many(50, 'target:nftables:fqdn', 'medium', 3);
    const text = findingsFile('x/findings.txt', findings, 'fr', 'Banc (bench)');
    expect(text).toBe(
      `flowmatrix generate — site\u00a0: Banc (bench)\n\n${findingsList(groupFindings(findings, 'fr'), 'fr')}`,
    );
    expect(text.split('\n')[2]).toBe('Constats (50)\u00a0:');
    for (let i = 0; i < 50; i++) expect(text).toContain(`nom svc${i}.example.com (×3 lignes)`);
    expect(JSON.parse(findingsFile('x/FINDINGS.JSON', findings, 'fr', 'Banc (bench)'))).toEqual(findings);
  });
  it('say once what every target says of the row itself (no documented port, a browser setting)', () => {
    const about = { fr: 'Flux x (ligne 1) : aucun port documenté', en: 'Flow x (row 1): no documented port' };
    const findings: Finding[] = [
      { rule: 'target:nftables:reference', severity: 'medium', key: 'c/x', firewall: 'fw-core', message: about },
      { rule: 'target:panos:reference', severity: 'medium', key: 'c/x', firewall: 'fw-edge', message: about },
      { rule: 'target:pac:reference', severity: 'medium', key: 'c/x', message: about },
      { rule: 'target:nftables:fqdn', severity: 'high', key: 'c/x', firewall: 'fw-core', message: about },
    ];
    const groups = groupFindings(findings, 'en');
    expect(groups.map((g) => [g.finding.rule, g.finding.firewall, g.rows.size])).toEqual([
      ['target:*:reference', undefined, 1],
      ['target:nftables:fqdn', 'fw-core', 1],
    ]);
    // The JSON file keeps each finding as raised.
    expect(JSON.parse(findingsFile('f.json', findings, 'en', 's (s)'))).toEqual(findings);
  });

  it('list the heaviest first, in the order found within a severity', () => {
    const findings = [
      ...many(2, 'target:nftables:a', 'medium', 1),
      ...many(2, 'target:nftables:b', 'high', 1),
      ...many(1, 'target:nftables:c', 'low', 1),
    ];
    const rules = findingsList(groupFindings(findings, 'en'), 'en')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '' && !l.trim().startsWith('→'))
      .map((l) => l.trim().split(/ +/).slice(0, 2).join(' '));
    expect(rules).toEqual([
      'high target:nftables:b',
      'high target:nftables:b',
      'medium target:nftables:a',
      'medium target:nftables:a',
      'low target:nftables:c',
    ]);
  });
});

describe('flowmatrix generate findings', () => {
  it('lists a few on the terminal and writes them all beside the rules', async () => {
    const dir = tmp();
    const r = await run(['generate', 'examples/hamilton-site.yaml', '-o', dir]);
    expect(r.code).toBe(0);
    const [about, blank, ...list] = readFileSync(join(dir, 'findings.txt'), 'utf8').split('\n');
    // The file says which site it is about, then holds the same full list the terminal shows.
    expect([about, blank]).toEqual([
      'flowmatrix generate — site: Hamilton — example site (head office) (hamilton-example)',
      '',
    ]);
    expect(r.err).toContain(list.join('\n'));
    expect(r.err).toContain(join(dir, 'findings.txt'));
  });
  it('summarises many, saying where the full list is; --findings FILE.json holds each one', async () => {
    const dir = tmp();
    const json = join(dir, 'all.json');
    const args = ['generate', 'examples/m365-additional-endpoints-site.yaml', '--target', 'aws-sg'];
    const r = await run([...args, '-o', join(dir, 'rules'), '--findings', json]);
    expect(r.code).toBe(0);
    const findings = JSON.parse(readFileSync(json, 'utf8')) as Finding[];
    const groups = groupFindings(findings, 'en');
    expect(groups.length).toBeGreaterThan(10);
    expect(r.err).toContain(`Findings: ${groups.length} (`);
    expect(r.err).toContain(`full list: ${json}`);
    expect(r.err).not.toContain(`Findings (${groups.length}):`);
    // To standard output, without a file: the summary says how to get the list.
    const piped = await run(args);
    expect(piped.err).toContain('full list: add --findings FILE(.json)');
    expect(piped.out).not.toContain('Findings');
  });
});

describe('findings of several firewalls', () => {
  it('name the firewall each is about, and one message on two firewalls stays two findings', () => {
    const one: Finding = {
      rule: 'target:nftables:fqdn',
      severity: 'medium',
      key: 'k1',
      message: { fr: 'Flux x : nom non exprimable', en: 'Flow x: name not expressible' },
    };
    const groups = groupFindings(
      [
        { ...one, firewall: 'fw-edge' },
        { ...one, firewall: 'fw-internal' },
      ],
      'en',
    );
    expect(groups).toHaveLength(2);
    const list = findingsList(groups, 'en');
    expect(list).toContain('  medium   target:nftables:fqdn  fw-edge: Flow x: name not expressible\n');
    expect(list).toContain('  medium   target:nftables:fqdn  fw-internal: Flow x: name not expressible\n');
  });

  it('generate says which firewall each finding is about, in the file and its JSON', async () => {
    const dir = tmp();
    const r = await run(['generate', 'examples/hamilton-site.yaml', '-o', dir, '--findings', join(dir, 'f.json')]);
    expect(r.code).toBe(0);
    const findings = JSON.parse(readFileSync(join(dir, 'f.json'), 'utf8')) as Finding[];
    expect(findings.length).toBeGreaterThan(0);
    // The proxy's findings (PAC, Squid) are about the proxy, not a firewall.
    const ofFirewalls = findings.filter((f) => !/^target:(pac|squid):/.test(f.rule));
    expect(new Set(ofFirewalls.map((f) => f.firewall))).toEqual(new Set(['fw-edge', 'fw-internal']));
  });
});

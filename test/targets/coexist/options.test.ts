import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../cli/run.js';
import { repoRoot } from '../../support/catalogs.js';

/** The coexist options reach the targets from the site (`firewalls[].options`) and from `--option`, which wins. */
const dir = mkdtempSync(join(tmpdir(), 'fm-coexist-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const site = join(dir, 'site.yaml');
const example = readFileSync(join(repoRoot, 'examples/lync-2013-edge-site.yaml'), 'utf8');
const withOptions = example.replace(
  '    interfaces: { internet: outside, dmz: dmz }\n',
  '    interfaces: { internet: outside, dmz: dmz }\n    options: { mode: coexist }\n',
);
writeFileSync(site, withOptions);

describe('target options from the site and the command line', () => {
  it('the site file sets them', async () => {
    expect(withOptions).not.toBe(example);
    const r = await run(['generate', site, '--firewall', 'fw-external']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^clear configure access-list fm_/m);
  });

  it('--option wins over the site, and reaches a target given with --target', async () => {
    const replace = await run(['generate', site, '--firewall', 'fw-external', '--option', 'mode=replace']);
    expect(replace.code, replace.err).toBe(0);
    expect(replace.out).not.toMatch(/^clear /m);
    const ipt = await run([
      'generate',
      site,
      '--firewall',
      'fw-internal',
      '-t',
      'iptables',
      '--option',
      'mode=coexist',
    ]);
    expect(ipt.code, ipt.err).toBe(0);
    expect(ipt.out).toContain('iptables -C FORWARD -j FLOWMATRIX-fw-internal 2>/dev/null || iptables -I FORWARD 1');
    // The site's ASA options are for its own platform: rendered for another one, they do not follow.
    const other = await run(['generate', site, '--firewall', 'fw-external', '-t', 'iptables']);
    expect(other.code, other.err).toBe(0);
    expect(other.out).not.toContain('FLOWMATRIX-');
  });

  it('a value or a pair it does not know is bad input, naming the option', async () => {
    const bad = await run(['generate', site, '--firewall', 'fw-external', '--option', 'mode=merge']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown mode "merge"');
    const pair = await run(['generate', site, '--option', 'coexist']);
    expect(pair.code).toBe(2);
    expect(pair.err).toContain('--option coexist: expected NAME=VALUE');
  });
});

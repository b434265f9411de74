import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

/**
 * `generate --target T` renders every firewall of the site in T: those that run T and the others. Each example
 * site mixes platforms; before, the firewalls of other platforms were skipped without a word, even with --strict.
 */
const SITES = {
  'examples/hamilton-site.yaml': ['fw-internal', 'fw-edge'],
  'examples/exchange-2007-site.yaml': ['fw-internal', 'fw-edge'],
  'examples/lync-2013-edge-site.yaml': ['fw-external', 'fw-internal'],
} as const;

describe('generate --target renders every firewall in that target', () => {
  for (const [site, firewalls] of Object.entries(SITES)) {
    it.each(['nftables', 'iptables', 'cisco-asa', 'juniper-srx'])(`${site} --target %s`, async (target) => {
      const out = mkdtempSync(join(tmpdir(), 'flowmatrix-target-'));
      const r = await run(['generate', site, '--target', target, '-o', out]);
      expect(r.code, r.err).toBe(0);
      const rendered = new Set(readdirSync(out).map((f) => f.split('.')[0]));
      for (const fw of firewalls) expect(rendered, `${fw} missing from ${[...rendered].join(', ')}`).toContain(fw);
    });
  }

  it('with --firewall, renders that one only', async () => {
    const r = await run(['generate', 'examples/hamilton-site.yaml', '--target', 'nftables', '--firewall', 'fw-edge']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('table inet');
    expect(r.out).not.toContain('# ---- fw-internal');
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

const HAMILTON = 'examples/hamilton-site.yaml';

/** fw-edge's generated ASA configuration: its rows to names are indeterminate (the ASA resolves the names). */
async function edgeAsa(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fm-verify-fr-'));
  const g = await run(['generate', HAMILTON, '--firewall', 'fw-edge', '--target', 'cisco-asa', '-o', dir]);
  expect(g.code).toBe(0);
  return join(dir, 'fw-edge.asa.cfg');
}

describe('verify --lang fr: the text report has no English left', () => {
  it('a row to a name says why in French, and severities are French words', async () => {
    const config = await edgeAsa();
    const fr = await run(['verify', HAMILTON, '--firewall', 'fw-edge', '--config', config, '--lang', 'fr']);
    expect(fr.out).toContain(
      'la destination est nommée (graph.microsoft.com)\u00a0: le pare-feu résout le nom, les adresses ne peuvent pas être comparées',
    );
    expect(fr.out).not.toMatch(/is named|cannot be compared/);
    expect(fr.out).toMatch(/^ {2}faible {3}hamilton\/graph-api /m);
    expect(fr.out).not.toMatch(/^ {2}(low|medium|high|critical) /m);
    const en = await run(['verify', HAMILTON, '--firewall', 'fw-edge', '--config', config, '--lang', 'en']);
    expect(en.out).toContain('the destination is named (graph.microsoft.com): the firewall resolves it');
    expect(en.out).toMatch(/^ {2}low {6}hamilton\/graph-api /m);
  });
});

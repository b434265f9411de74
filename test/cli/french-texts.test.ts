import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const HAMILTON = 'examples/hamilton-site.yaml';
/** A word run into `:` or `;` then a space: French wants a no-break space before the sign. */
const UNSPACED = /[\p{L})][:;] /u;

describe('French command output has no English left and French spacing', () => {
  it('audit: the site title in French, `none` translated, refs and counts in French', async () => {
    const r = await run(['audit', HAMILTON, '--lang', 'fr', '--today', '2025-06-01']);
    expect(r.out).toContain('Audit de Hamilton — site d');
    expect(r.out).toContain('authentification par défaut aucune');
    expect(r.out).not.toMatch(/par défaut none|§\d+ row /);
    expect(r.out).toMatch(/\b1 élevée, 1 moyenne, \d+ faibles, 0 info\)/);
    expect(r.out).toMatch(/sous exception\u00a0; 20 règles\u00a0: /);
    // Our words, not the `file:line:` locations nor a suppression's justification (the site's own text).
    const ours = r.out.split('\n').map((l) => l.replace(/\.yaml:\d+: /, '').replace(/^ +exception\u00a0: .*/, ''));
    for (const line of ours) expect(line).not.toMatch(UNSPACED);
  });

  it('matrix summary: plural agreement and French colons', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fm-fr-')), 'm.json');
    const r = await run(['matrix', HAMILTON, '--lang', 'fr', '-f', 'json', '-o', out]);
    expect(r.err).toMatch(/\d+ obligatoires, \d+ recommandés, 1 optionnel\)/);
    expect(r.err).toContain('Catalogues\u00a0: hamilton');
    expect(r.err).not.toMatch(/Catalogues: |Zones: /);
  });

  it('catalog list names each source by its title, not the seed file name', async () => {
    const r = await run(['catalog', 'list']);
    expect(r.out).toContain('Flux sortants — accès externes selon les modules activés');
    expect(r.out).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  });
});

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

  it('verify report: verdict counts agree with the count, French colons in headings and messages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-fr-'));
    expect((await run(['generate', HAMILTON, '--firewall', 'fw-internal', '-o', dir])).code).toBe(0);
    const args = ['verify', HAMILTON, '--firewall', 'fw-internal', '--config', join(dir, 'fw-internal.nft')];
    const text = await run([...args, '--lang', 'fr']);
    expect(text.out).toMatch(/^\d+ autorisés, 0 autorisé en partie, 0 refusé, 0 indéterminé$/m);
    expect(text.out).toContain('Lignes de la matrice\u00a0:');
    expect(text.out).toContain('Règles de la configuration\u00a0:');
    expect(text.out).toMatch(/\)\u00a0: autorisé/);
    expect(text.out).toContain('hamilton/dns (§1 ligne 1 (DNS))');
    expect(text.out).not.toMatch(/§\d+ row /);
    for (const line of text.out.split('\n')) expect(line).not.toMatch(UNSPACED);
    const md = await run([...args, '--lang', 'fr', '-r', 'md']);
    expect(md.out).toMatch(/\*\*\d+\*\* autorisés · \*\*0\*\* autorisé en partie/);
    expect(md.out).toContain('| hamilton/dns (§1 ligne 1 (DNS)) |');
  });

  it('catalog list names each source by its title, not the seed file name', async () => {
    const r = await run(['catalog', 'list']);
    expect(r.out).toContain('Flux sortants — accès externes selon les modules activés');
    expect(r.out).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  });
});

describe('the run summaries on standard error follow --lang, with plural agreement', () => {
  it('audit, verify, matrix --verify, diff and change-request say their counts in French, and in English with no "(s)"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-fr-'));
    expect((await run(['generate', HAMILTON, '--firewall', 'fw-internal', '-o', dir])).code).toBe(0);
    const config = join(dir, 'fw-internal.nft');
    const runs = (lang: string) => [
      ['audit', HAMILTON, '-f', 'json', '--today', '2025-06-01', '--lang', lang],
      ['verify', HAMILTON, '--firewall', 'fw-internal', '--config', config, '-r', 'json', '--lang', lang],
      ['diff', HAMILTON, HAMILTON, '--lang', lang],
      ['change-request', HAMILTON, HAMILTON, '--lang', lang],
    ];
    const fr = await Promise.all(runs('fr').map((args) => run(args)));
    expect(fr.map((r) => r.err)).toEqual([
      expect.stringMatching(/^\d+ constats actifs, \d+ sous exception\n$/),
      expect.stringMatching(/^\d+ autorisés, 0 autorisé en partie, 0 refusé, 0 indéterminé\n$/),
      'aucune différence\n',
      '0 ligne à décider, 0 constat, 0 pare-feu à modifier\n',
    ]);
    const matrix = (lang: string) =>
      run(['matrix', HAMILTON, '--verify', `fw-internal=${config}`, '-f', 'md', '--lang', lang]);
    expect((await matrix('fr')).err).toMatch(
      /^fw-internal\u00a0: \d+ autorisés, 0 autorisé en partie, 0 refusé, 0 indéterminé$/m,
    );
    expect((await matrix('en')).err).toMatch(
      /^fw-internal: \d+ permitted, 0 partly permitted, 0 denied, 0 indeterminate$/m,
    );
    const en = await Promise.all(runs('en').map((args) => run(args)));
    for (const r of en) expect(r.err).not.toContain('(s)');
    expect(en[3]?.err).toBe('0 rows to decide, 0 findings, 0 firewalls to change\n');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FR_SPACE } from '../../src/model/text.js';
import { repoRoot } from '../support/catalogs.js';
import { run } from './run.js';

/**
 * Every command's problems follow `--lang`: those of resolving a site (validate, generate, diff, change-request),
 * of loading a catalog (audit --catalog) and of the command line itself (--feature, --set, --option).
 */

const SITE = 'examples/hamilton-site.yaml';
const dir = mkdtempSync(join(tmpdir(), 'flowmatrix-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Hamilton with its `sql` role left unbound: the site loads, and resolving it fails. */
const unbound = join(dir, 'unbound-site.yaml');
const example = readFileSync(join(repoRoot, SITE), 'utf8');
expect(example).toContain('      sql: hamilton-sql\n');
writeFileSync(unbound, example.replace('      sql: hamilton-sql\n', ''));

/** What the user reads: the no-break space before `:` `?` typed as a plain one. */
const typed = (s: string) => s.replaceAll(FR_SPACE, ' ');
const place = (line: string) => /^[^:]+:\d+:\d+: /.exec(line)?.[0];
const lines = (s: string) => s.split('\n').filter((l) => l !== '');

describe('--lang fr: problems of resolution and of arguments in French', () => {
  it('validate: an enabled flow whose role is not bound, at the English place', async () => {
    const en = await run(['validate', unbound]);
    const fr = await run(['validate', unbound, '--lang', 'fr']);
    expect(fr.code).toBe(2);
    expect(en.err).toContain('is enabled but role "sql" is not bound');
    expect(typed(fr.err)).toContain('est activé mais le rôle "sql" n’est lié à rien — liez "sql" à des hôtes');
    expect(lines(fr.err).map(place)).toEqual(lines(en.err).map(place));
    expect(fr.err).not.toMatch(/\b(is not bound|bind "sql")\b/);
  });

  it('diff and change-request: the resolution problems of a version', async () => {
    for (const command of ['diff', 'change-request']) {
      const r = await run([command, SITE, unbound, '--lang', 'fr']);
      expect(r.code, command).toBe(2);
      expect(typed(r.err), command).toContain('n’est lié à rien');
      expect(r.err, command).toMatch(/\d+ erreurs?\n$/);
    }
  });

  it('diff: --feature and --set that name nothing, and a feature that is no switch', async () => {
    const unknown = await run(['diff', SITE, SITE, '--feature', 'nosuchfeature=on', '--lang', 'fr']);
    expect(unknown.code).toBe(2);
    expect(typed(unknown.err)).toContain('--feature nosuchfeature : aucun catalogue du site n’a de fonctionnalité');
    const notSwitch = await run(['diff', SITE, SITE, '--feature', 'sms=maybe', '--lang', 'fr']);
    expect(typed(notSwitch.err)).toBe(
      '--feature sms=maybe : une fonctionnalité est on ou off (ou true/false, yes/no, 1/0) — par ex. --feature sms=on\n',
    );
    const shape = await run(['generate', SITE, '--set', 'smtp_relay', '--lang', 'fr']);
    expect(typed(shape.err)).toBe(
      '--set smtp_relay : il faut NOM=VALEUR — par ex. --set smtp_relay=relay.example.com\n',
    );
    // English unchanged.
    expect((await run(['diff', SITE, SITE, '--feature', 'sms=maybe', '--lang', 'en'])).err).toBe(
      '--feature sms=maybe: a feature is on or off (also true/false, yes/no, 1/0) — e.g. --feature sms=on\n',
    );
  });

  it('audit --catalog: a catalog that is not built in', async () => {
    const r = await run(['audit', '--catalog', 'nosuchcatalog', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(typed(r.err)).toContain('aucun catalogue intégré "nosuchcatalog" — ');
    expect(typed(r.err)).toContain('catalogues intégrés : ');
  });

  it('generate: --option without a value, and an option the target does not take', async () => {
    const shape = await run(['generate', SITE, '--firewall', 'fw-internal', '--option', 'counters', '--lang', 'fr']);
    expect(shape.code).toBe(2);
    expect(typed(shape.err)).toBe('--option counters : il faut NOM=VALEUR (mode=coexist, placement=top…)\n');
    const unknown = await run([
      'generate',
      SITE,
      '--firewall',
      'fw-internal',
      '--option',
      'countres=true',
      '--lang',
      'fr',
    ]);
    expect(typed(unknown.err)).toContain(
      '--option countres : option inconnue "countres" pour la cible nftables — vouliez-vous dire "counters" ?',
    );
  });
});

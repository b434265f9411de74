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

/**
 * The command line's own errors (no Issue: arguments, files that are not what a command reads) follow `--lang` too,
 * else FLOWMATRIX_LANG or LANG: `flowmatrix: ` for an error without a place, `FILE: ` or `--option VALUE: ` (the
 * colon of the language) for a located one, ` — hint` after the message. English unchanged.
 */
describe('--lang fr: the command line’s own errors in French, English unchanged', () => {
  /** [args, English line, French line as typed] */
  const CASES: [string[], string, string][] = [
    [
      ['diff', 'nope.yaml', SITE],
      'nope.yaml: cannot read (ENOENT) — check the path',
      'nope.yaml: lecture impossible (ENOENT) — vérifiez le chemin',
    ],
    [
      ['diff', '--rev', 'HEAD', SITE],
      '--rev takes A..B and one FILE — e.g. flowmatrix diff --rev HEAD~1..HEAD examples/hamilton-site.yaml',
      '--rev prend A..B et un FICHIER — par ex. flowmatrix diff --rev HEAD~1..HEAD examples/hamilton-site.yaml',
    ],
    [
      ['diff', SITE, SITE, '--effective-date', 'tomorrow'],
      '--effective-date tomorrow: not a date — write YYYY-MM-DD or YYYYMMDD',
      '--effective-date tomorrow : ce n’est pas une date — écrivez AAAA-MM-JJ ou AAAAMMJJ',
    ],
    [
      ['change-request', SITE, SITE, '-o', 'CR.txt'],
      '-o CR.txt: the change request is written as .md, .html or .xlsx — e.g. -o CR.xlsx, or give -f',
      '-o CR.txt : la demande de changement s’écrit en .md, .html ou .xlsx — par ex. -o CR.xlsx, ou donnez -f',
    ],
    [
      ['change-request', SITE, SITE, '-f', 'xlsx'],
      'flowmatrix: xlsx is a binary format — write it to a file with -o CR.xlsx',
      'flowmatrix: xlsx est un format binaire — écrivez-le dans un fichier avec -o CR.xlsx',
    ],
    [
      ['audit', SITE, '--today', '2025-13-45'],
      '--today 2025-13-45: expected a date YYYY-MM-DD',
      '--today 2025-13-45 : il faut une date AAAA-MM-JJ',
    ],
    [
      ['audit', SITE, '--rule', 'zone-polcy'],
      '--rule zone-polcy: unknown rule — did you mean "zone-policy"?',
      '--rule zone-polcy : règle inconnue — vouliez-vous dire "zone-policy" ?',
    ],
    [
      ['matrix', SITE, '--verify', 'nofw=x.cfg'],
      '--verify nofw=x.cfg: unknown firewall "nofw" — firewalls of this site: fw-internal, fw-edge',
      '--verify nofw=x.cfg : pare-feu inconnu "nofw" — pare-feu de ce site : fw-internal, fw-edge',
    ],
    [
      ['matrix', SITE, '-o', 'out.xyz'],
      'flowmatrix: cannot tell the format from "out.xyz" — add -f csv|xlsx|md|html|json|mermaid|dot',
      'flowmatrix: impossible de déduire le format de "out.xyz" — ajoutez -f csv|xlsx|md|html|json|mermaid|dot',
    ],
    [
      ['matrix', SITE, '-f', 'html', '--probe-results', 'nope.json'],
      'nope.json: does not exist — check the path',
      'nope.json: n’existe pas — vérifiez le chemin',
    ],
    [
      ['policy', 'export', 'examples/lync-2013-edge-site.yaml'],
      'examples/lync-2013-edge-site.yaml: no policy: entry — write one, import a CSV (flowmatrix policy import), or use --from-flows',
      'examples/lync-2013-edge-site.yaml: aucune entrée policy: — écrivez-en une, importez un CSV (flowmatrix policy import), ou utilisez --from-flows',
    ],
  ];

  it.each(CASES)('%j', async (args, english, french) => {
    const en = await run([...args, '--lang', 'en']);
    const fr = await run([...args, '--lang', 'fr']);
    expect(en.code).toBe(2);
    expect(fr.code).toBe(2);
    expect(en.err).toBe(`${english}\n`);
    expect(typed(fr.err)).toBe(`${french}\n`);
  });

  it('without --lang, FLOWMATRIX_LANG or LANG decides (policy import, matrix -f xlsx)', async () => {
    const byEnv = await run(['policy', 'import', 'nope.csv'], { FLOWMATRIX_LANG: 'fr' });
    expect(byEnv.err).toBe('nope.csv: n’existe pas — vérifiez le chemin\n');
    const byLang = await run(['matrix', SITE, '-f', 'xlsx'], { LANG: 'fr_FR.UTF-8' });
    expect(byLang.err).toBe(
      'flowmatrix: xlsx est un format binaire — écrivez-le dans un fichier avec -o FICHIER.xlsx\n',
    );
    expect((await run(['matrix', SITE, '-f', 'xlsx'])).err).toBe(
      'flowmatrix: xlsx is a binary format — write it to a file with -o FILE.xlsx\n',
    );
  });

  it('a file that is no version diff reads, at 1:1', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'just words\n');
    const r = await run(['diff', notes, SITE, '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^.*notes\.txt:1:1: ni un site, ni un catalogue, ni un fichier JSON de matrice/);
  });

  it('generate: what a printer refuses, and a refused option value told its description', async () => {
    const at = ['generate', SITE, '--firewall', 'fw-internal'];
    const top = await run([...at, '--target', 'fortios', '--option', 'placement=top', '--lang', 'fr']);
    expect(top.code).toBe(2);
    expect(typed(top.err)).toContain(
      'FortiOS déplace les politiques par leur id : top n’en désigne aucune — utilisez before:<id de la première politique>',
    );
    const value = await run([...at, '--target', 'iptables', '--option', 'otherwise=accept', '--lang', 'fr']);
    expect(typed(value.err)).toBe(
      '--option otherwise : option otherwise de iptables : "accept" n’est pas valide (valeurs possibles : drop, return) — coexist : ce que fait notre chaîne du trafic que la matrice n’autorise pas : `drop` (par défaut) ou `return`\n',
    );
  });

  it('policy export --lang fr: the site’s own problems in French', async () => {
    const r = await run(['policy', 'export', unbound, '--from-flows', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(typed(r.err)).toContain('n’est lié à rien');
  });
});

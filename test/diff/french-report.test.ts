import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { repoRoot } from '../support/catalogs.js';
import { fixturesDir, missing, requirements } from '../support/system.js';

const HAMILTON = 'examples/hamilton-site.yaml';
/** A plain space before `:` or `;` (French wants a no-break one), or a sign run into the word before it. */
const BADLY_SPACED = /( [:;]|[\p{L})][:;]) /u;

/** The example site with SMS off and the relay on port 25: one row closed, one widened and narrowed. */
function changedSite(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fm-diff-fr-')), 'site.yaml');
  const text = readFileSync(join(repoRoot, HAMILTON), 'utf8');
  writeFileSync(path, text.replace('sms: true', 'sms: false').replace('smtp_relay_port: 587', 'smtp_relay_port: 25'));
  return path;
}

describe('diff --lang fr is written in French', () => {
  it('text: no-break spaces before every colon and semicolon, refs say "ligne"', async () => {
    const r = await run(['diff', HAMILTON, changedSite(), '--lang', 'fr']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Protocoles et ports\u00a0: tcp/587 → tcp/25');
    expect(r.out).toMatch(/, ref §\d+ ligne \d+/);
    expect(r.out).not.toMatch(/§\d+ row /);
    // File paths hold no colon here; every line is ours.
    for (const line of r.out.split('\n')) expect(line).not.toMatch(BADLY_SPACED);
  });

  it('Markdown and change request: the same spacing and refs', async () => {
    const md = await run(['diff', HAMILTON, changedSite(), '--lang', 'fr', '-f', 'md']);
    expect(md.out).toMatch(/Référence source\u00a0: §\d+ ligne \d+/);
    for (const line of md.out.split('\n')) expect(line).not.toMatch(BADLY_SPACED);
    const cr = await run(['change-request', HAMILTON, changedSite(), '--lang', 'fr']);
    expect(cr.out).not.toMatch(/§\d+ row /);
    expect(cr.out).not.toMatch(/ : /);
  });

  it('a count of 0 or 1 keeps the singular in French', async () => {
    const r = await run(['diff', HAMILTON, HAMILTON, '--lang', 'fr']);
    expect(r.out).toMatch(/\b0 ligne modifiée, \d+ lignes inchangées/);
  });
});

describe.skipIf(missing(requirements.fixtures))('diff of two Microsoft 365 answers --lang fr', () => {
  it('the feed section in French words and spacing', async () => {
    const answer = (date: string) =>
      join(fixturesDir(), 'm365', `endpoints-worldwide-${date}.terraform-provider-microsoft365.json`);
    const r = await run(['diff', answer('2025-11-14'), answer('2025-12-01'), '--lang', 'fr']);
    const feed = r.out.slice(r.out.indexOf('Changements dans les termes du service'));
    expect(feed).toMatch(
      /^Changements dans les termes du service — Version\u00a0: \S+\u00a0; Date d’effet\u00a0: 2025-12-01/,
    );
    expect(feed).toMatch(/\n15 enregistrements\u00a0: /);
    expect(feed).toMatch(/ensemble 163\u00a0: IP ajoutées 4\.145\.74\.224\/27 /);
    expect(feed).not.toMatch(/added (IPs|URLs)|removed (IPs|URLs)/);
    for (const line of feed.split('\n')) expect(line).not.toMatch(BADLY_SPACED);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/index.js';
import { loadBuiltinCatalog, loadSiteFile } from '../../src/catalog/fs.js';
import { resolveCatalog, resolveSite } from '../../src/matrix/index.js';
import { loadExample, repoRoot } from '../support/catalogs.js';
import { must } from '../support/result.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * The audit against the source documents themselves. Seed 003 (Exchange 2007 data paths) is read on its own
 * terms: four tables of six cells a row; the sixth cell is "Chiffré par défaut ?". Nothing here asks the
 * catalog what the seed says.
 */
const TABLES = [
  ["Chemins d'accès aux données de serveur de transport", 'Transport'],
  ["Chemins d'accès aux données de serveur de boîtes aux lettres", 'Mailbox'],
  ["Chemins d'accès aux données de serveur d'accès au client", 'Client Access'],
  ["Chemins d'accès aux données du serveur de messagerie unifiée", 'Unified Messaging'],
] as const;

type Expect = 'encrypted' | 'not-encrypted' | 'partial';

function seedRows(text: string): Map<string, Expect> {
  const lines = text.split('\n');
  const out = new Map<string, Expect>();
  for (const [title, name] of TABLES) {
    const start = lines.findIndex((l) => l.trim() === title);
    const header = lines.findIndex((l, i) => i > start && l.startsWith("Chemin d'accès aux données Ports requis"));
    const end = lines.findIndex((l, i) => i > header && l.startsWith('Notes sur'));
    const cells = lines
      .slice(header + 1, end)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('>'));
    expect(cells.length % 6).toBe(0);
    for (let i = 0; i < cells.length; i += 6) {
      const byDefault = cells[i + 5] as string;
      const row = `${name} table, row ${i / 6 + 1}`;
      out.set(row, /^Non/.test(byDefault) ? 'not-encrypted' : /^Oui pour/.test(byDefault) ? 'partial' : 'encrypted');
    }
  }
  return out;
}

/** `Client Access table, rows 11-12` → both rows. */
function refRows(ref: string): string[] {
  const m = /^(.+ table), rows? (\d+)(?:-(\d+))?$/.exec(ref);
  if (!m) return [];
  const from = Number(m[2]);
  const to = Number(m[3] ?? m[2]);
  return Array.from({ length: to - from + 1 }, (_, i) => `${m[1]}, row ${from + i}`);
}

describe.skipIf(missing(requirements.seeds))('audit against seed 003 (Exchange 2007)', () => {
  const seed = seedRows(readFileSync(`${seedsDir()}/003_e3f8df965cd4ecd9.txt`, 'utf8'));
  const loaded = loadBuiltinCatalog('exchange-2007');
  if (!loaded.ok) throw new Error('exchange-2007 does not load');
  const matrix = must(resolveCatalog(loaded.value));
  const { findings } = runAudit({ matrix, catalogs: [loaded.value], today: '2025-06-01' });
  const flagged = (key: string, ids: string[]) =>
    findings.filter((f) => f.key === key && ids.includes(`${f.rule}:${(f as { messageId?: string }).messageId}`));
  const NOT_DEFAULT = ['cleartext-flow:cleartext', 'encryption-not-default:offByDefault'];

  it('reads the 52 data paths', () => expect(seed.size).toBe(52));

  // A row whose legs the document secures differently (« 50636/TCP (SSL), 50389/TCP (pas de SSL) », « SIP sur TLS,
  // mais support non chiffré ») is several flows: the row's cell then holds for its secured leg, not for every leg.
  it('flags every data path the document marks as not encrypted by default; an encrypted one keeps a leg unflagged', () => {
    const legs = new Map<string, boolean[]>();
    for (const row of matrix.rows) {
      const hit = flagged(row.key, [...NOT_DEFAULT, 'encryption-not-default:partial']).length > 0;
      for (const ref of refRows(row.ref)) if (seed.has(ref)) legs.set(ref, [...(legs.get(ref) ?? []), hit]);
    }
    const wrong: string[] = [];
    for (const [ref, expected] of seed) {
      const hits = legs.get(ref) ?? [];
      if (expected === 'not-encrypted' && !hits.every(Boolean)) wrong.push(`${ref}: a leg not flagged`);
      if (expected === 'encrypted' && hits.every(Boolean)) wrong.push(`${ref}: every leg flagged`);
      if (expected === 'partial' && !(hits.some(Boolean) && !hits.every(Boolean))) wrong.push(`${ref}: not partial`);
    }
    expect(wrong).toEqual([]);
    // Every row of the document that names a data path reached the audit.
    expect([...seed.keys()].filter((r) => !legs.has(r))).toEqual([]);
    expect([...seed.values()].filter((v) => v === 'not-encrypted').length).toBeGreaterThan(10);
  });
});

describe('audit of the example sites', () => {
  const audit = (name: string) => {
    const { matrix, catalogs } = loadExample(name);
    return { matrix, ...runAudit({ matrix, catalogs: [...catalogs.values()], today: '2025-06-01' }) };
  };

  it('Exchange 2007: the site follows the document’s placement constraints', () => {
    const r = audit('exchange-2007-site.yaml');
    expect(r.findings.filter((f) => f.rule === 'unsupported-by-source')).toEqual([]);
    // The ADAM path (seed: encryption "Non") is cleartext.
    expect(r.findings.some((f) => f.rule === 'cleartext-flow' && f.ref === 'Transport table, row 9')).toBe(true);
  });

  it('Exchange 2007: moving the Client Access server to the DMZ breaks both constraints', () => {
    const loaded = loadSiteFile(`${repoRoot}examples/exchange-2007-site.yaml`);
    if (!loaded.ok) throw new Error('site does not load');
    const site = {
      ...loaded.value.site,
      hosts: { ...loaded.value.site.hosts, 'cas-1': { address: '172.16.60.41' } },
    };
    const resolved = resolveSite({ site, catalogs: loaded.value.catalogs });
    if (!resolved.ok) throw new Error(resolved.issues.map((i) => i.message).join('\n'));
    const { findings } = runAudit({
      matrix: resolved.value,
      catalogs: [...loaded.value.catalogs.values()],
      today: '2025-06-01',
    });
    const ids = new Set(findings.filter((f) => f.rule === 'unsupported-by-source').map((f) => f.messageId));
    expect(ids).toEqual(new Set(['firewallBetween', 'inPerimeter']));
  });

  it('Lync 2013 Edge: media port ranges through the external firewall are wide', () => {
    const r = audit('lync-2013-edge-site.yaml');
    const wide = r.findings.filter((f) => f.rule === 'wide-port-range');
    expect(wide.length).toBeGreaterThan(0);
    for (const f of wide) expect(Number(f.data?.ports)).toBeGreaterThan(1024);
  });

  it('Hamilton: every optional module the site turns on is justified, and names go through the proxy', () => {
    const r = audit('hamilton-site.yaml');
    expect(r.findings.filter((f) => f.rule === 'optional-unjustified')).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'fqdn-unenforceable')).toEqual([]);
    expect(r.matrix.rows.some((row) => row.proxy)).toBe(true);
  });
});

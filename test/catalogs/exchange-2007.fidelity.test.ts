import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/fs.js';
import { readCatalog, readSeed, repoRoot } from '../support/catalogs.js';
import { readSeedRows, SEED_003, TABLES } from '../support/seed-003.js';
import { compareWithSeed, flowPorts } from '../support/seed-003-compare.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/exchange-2007.yaml to seed 003 (Exchange 2007 data-path security reference): every row's
 * ends, ports per leg, condition, level, authentication and encryption are read from the seed text
 * (test/support/seed-003*.ts) and compared with the catalog; what the catalog adds must carry an origin.
 * exchange-2007.mutations.test.ts shows the comparison catches each kind of error.
 */
describe.skipIf(missing(requirements.seeds))('exchange-2007 catalog against seed 003', () => {
  const text = readSeed(seedsDir(), SEED_003);
  const rows = readSeedRows(text);
  const catalog = readCatalog('exchange-2007');

  it('reads the 52 data paths of the four tables, each with its ports understood', () => {
    expect(rows).toHaveLength(52);
    const counts = TABLES.map((t) => rows.filter((r) => r.table === t).length);
    expect(counts).toEqual([11, 22, 14, 5]);
    for (const row of rows) expect(row.legs.size, row.ref).toBeGreaterThan(0);
  });

  it('reads the legs the document secures differently', () => {
    const legs = (ref: string) => rows.find((r) => r.ref === ref)?.legs;
    expect(legs('Transport table, row 8')?.get('tcp/50636')).toMatchObject({ byDefault: 'yes', ours: false });
    expect(legs('Transport table, row 8')?.get('tcp/50389')).toMatchObject({ byDefault: 'no', ours: false });
    expect(legs('Transport table, row 4')?.get('tcp/80')).toMatchObject({ byDefault: 'no', ours: true });
    expect(legs('Transport table, row 4')?.get('tcp/25')).toMatchObject({ byDefault: 'yes' });
    expect(legs('Unified Messaging table, row 1')?.get('udp/um-media')).toMatchObject({ byDefault: 'no' });
    expect(legs('Client Access table, row 9')?.get('tcp/80')).toMatchObject({ byDefault: 'no', ours: false });
  });

  it('has every fact of every row, and an origin on every fact the document does not give', () => {
    expect(compareWithSeed(catalog, text)).toEqual([]);
  });

  it('keeps the document’s typography in the labels (no-break spaces stored, not normalised)', () => {
    const edgesync = catalog.flows.filter((f) => f.ref === 'Transport table, row 8');
    expect(edgesync.length).toBe(2);
    for (const f of edgesync) expect(f.label?.fr).toBe('Service EdgeSync de Microsoft\u00a0Exchange');
  });

  it('turns the notes into data: cluster heartbeat, firewall and perimeter constraints', () => {
    const heartbeat = /protocole\s+UDP\s+\(User Datagram Protocol\)\s+(\d+)/.exec(text);
    expect(heartbeat).not.toBeNull();
    const fromNotes = catalog.flows.filter((f) => f.ref.startsWith('Mailbox notes'));
    expect(fromNotes.flatMap((f) => [...flowPorts(catalog, f)])).toContain(`udp/${heartbeat?.[1]}`);
    expect(text).toMatch(
      /pare-feu est ajouté entre les serveurs d'accès au client et les serveurs de boîtes aux lettres/,
    );
    const noFirewall = catalog.constraints.find((c) => c.rule === 'no-firewall-between');
    expect([...(noFirewall?.roles ?? [])].sort()).toEqual(['client-access', 'mailbox']);
    expect(text).toMatch(/serveur d'accès au client est installé dans un réseau de périmètre/);
    expect(catalog.constraints.find((c) => c.rule === 'not-in-perimeter')?.roles).toEqual(['client-access']);
  });

  it('keeps both readings where the document contradicts itself, in the catalog notes too', () => {
    expect(text).toMatch(/Le trafic RPC est toujours chiffré/);
    const notes = catalog.notes.map((n) => n.text.fr).join('\n');
    expect(notes).toMatch(/Contradiction du document : l'introduction du serveur de boîtes aux lettres/);
    expect(notes).toMatch(/« 25\/TCP \(TLS\) » puis en « 25\/TCP \(SSL\) »/);
  });

  it('loads through the catalog loader without issues', () => {
    const loaded = loadCatalogFile(`${repoRoot}catalogs/exchange-2007.yaml`);
    expect(loaded.ok ? [] : loaded.issues).toEqual([]);
  });
});

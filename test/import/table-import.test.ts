import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/fs.js';
import { guessMapping, normal } from '../../src/import/table/headers.js';
import { formatIssue } from '../../src/model/issues.js';
import { run } from '../cli/run.js';
import { lineSet, loadSite, tempDir } from './support.js';

/** A workbook as a person writes one: a title row, French headers, merged cells, mixed cells. */
async function frenchWorkbook(path: string, rows: (string | number)[][], merges: string[] = []): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Lisez-moi').addRow(['Matrice des flux — projet X']);
  const ws = wb.addWorksheet('Matrice');
  ws.addRow(['Matrice des flux du projet X (v3)']);
  ws.addRow([
    'N°',
    'Serveur source',
    'Destination',
    'Protocole',
    'Port(s)',
    'Sens',
    'Description',
    'Authentification',
    'Chiffrement',
    'Commentaire',
  ]);
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  await wb.xlsx.writeFile(path);
}

describe('import table: headers guessed in French and English', () => {
  const grid = (headers: string[]) => ({ sheet: 's', rows: [headers] });
  it.each([
    [
      ['Source', 'Destination', 'Protocol', 'Port', 'Direction', 'Purpose'],
      ['source', 'destination', 'protocol', 'ports', 'direction', 'purpose'],
    ],
    [
      ['Serveur source', 'Cible', 'Protocole', 'Port(s)', 'Sens', 'Objet', 'Authentification', 'Chiffrement'],
      ['source', 'destination', 'protocol', 'ports', 'direction', 'purpose', 'auth', 'encryption'],
    ],
    [
      ['Zone source', 'Source', 'Zone destination', 'Destination', 'Protocole applicatif', 'Protocole', 'Ports'],
      ['zone_from', 'source', 'zone_to', 'destination', 'app', 'protocol', 'ports'],
    ],
    [
      ['Authentification par défaut', 'Authentification possible', 'Src', 'Dst', 'Ports destination'],
      ['auth', 'auth_supported', 'source', 'destination', 'ports'],
    ],
  ])('%j', (headers, fields) => {
    const m = guessMapping(grid(headers));
    expect(headers.map((_, i) => m?.columns.get(i + 1))).toEqual(fields);
  });

  it('finds the header row under title rows, and says which sheets have none', () => {
    const m = guessMapping({ sheet: 's', rows: [['Titre'], [], ['Source', 'Destination', 'Ports']] });
    expect(m?.headerRow).toBe(3);
    expect(guessMapping({ sheet: 's', rows: [['Legend'], ['id', 'label']] })).toBeUndefined();
  });

  it('lets --map override a guess, by header or by letter, or leave a column out', () => {
    const g = grid(['Machine A', 'Machine B', 'Flux', 'Port']);
    expect(guessMapping(g)).toBeUndefined();
    const m = guessMapping(g, [
      { column: 'Machine A', field: 'source' },
      { column: 'B', field: 'destination' },
      { column: 'Flux', field: 'ignore' },
    ]);
    expect([...(m?.columns ?? [])]).toEqual([
      [1, 'source'],
      [2, 'destination'],
      [4, 'ports'],
    ]);
    expect(m?.ignored).toEqual([3]);
    expect(normal('Port(s) de destination')).toBe('port s de destination');
  });
});

describe('import table: a matrix someone wrote', () => {
  it('reads merged cells, mixed cells and French formats; prints the mapping; writes a catalog and a site that load', async () => {
    const dir = tempDir('table-fr');
    const file = join(dir, 'matrice.xlsx');
    await frenchWorkbook(
      file,
      [
        [
          1,
          'SRV-WEB01 ; 10.1.0.10',
          '10.2.0.20, db.corp.example',
          'TCP',
          '1433',
          'Sortant',
          'Base de données',
          'Kerberos / NTLM',
          'TLS 1.2',
          '',
        ],
        [2, '', '10.2.0.53', 'TCP/UDP', '53', 'Sortant', 'DNS', '', 'Aucun (en clair)', ''],
        [3, '10.1.0.0/24', 'any', '', 'TCP 443 ou 49443', 'Sortant', 'Web', '', '', 'à confirmer'],
        [4, '192.0.2.0/24', '10.1.0.10', 'UDP', '50 000-59 999', 'Entrant', 'Média', '', '', ''],
      ],
      ['B3:B4'],
    );
    const r = await run(['import', 'table', file, '-o', join(dir, 'out')]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('sheet Lisez-moi: skipped — no header row naming a source and a destination');
    expect(r.err).toContain(
      'sheet Matrice, header row 2: A "N°" → ref, B "Serveur source" → source, C "Destination" → destination, D "Protocole" → protocol, E "Port(s)" → ports, F "Sens" → direction, G "Description" → purpose, H "Authentification" → auth, I "Chiffrement" → encryption, J "Commentaire" → notes',
    );
    expect(r.err).toMatch(/note: host "SRV-WEB01" has no address in the sheet/);
    expect(r.err).toMatch(/note: Matrice row 5: "TCP 443 ou 49443" read as every alternative/);
    const out = join(dir, 'out');
    expect(readdirSync(out).sort()).toEqual(['.flowmatrix-outputs.json', 'matrice-site.yaml', 'matrice.catalog.yaml']);
    const catalog = loadCatalogFile(join(out, 'matrice.catalog.yaml'));
    if (!catalog.ok) throw new Error(catalog.issues.map(formatIssue).join('\n'));
    const flows = catalog.value.flows;
    expect(flows.map((f) => f.services)).toEqual([
      ['tcp/1433'],
      ['tcp/53', 'udp/53'],
      ['tcp/443,49443'],
      ['udp/50000-59999'],
    ]);
    expect(flows[0]).toMatchObject({
      ref: '1',
      direction: 'outbound',
      auth: { default: ['kerberos', 'ntlm'] },
      encryption: { supported: ['tls'], minTls: '1.2', byDefault: 'unknown' },
    });
    expect(flows[2]?.origin?.services?.fr).toContain('TCP 443 ou 49443');
    expect(flows[0]?.origin?.level?.en).toMatch(/no requirement level/);
    expect(catalog.value.source?.language).toBe('fr');
    // A French cell is French only: never copied under `en:`, where it would pass for a translation.
    expect(flows[1]?.purpose).toEqual({ fr: 'DNS' });
    expect(flows[2]?.notes).toEqual({ fr: 'à confirmer' });
    // Row 3's merged source is row 2's: the same role.
    expect(flows[1]?.from).toBe(flows[0]?.from);
    // SRV-WEB01 has no address yet: the site does not resolve until it is given one (nothing guessed).
    const sitePath = join(out, 'matrice-site.yaml');
    expect(() => loadSite(sitePath)).toThrow(/host "SRV-WEB01" has no address/);
    const siteText = readFileSync(sitePath, 'utf8');
    writeFileSync(sitePath, siteText.replace(/( {2}SRV-WEB01:\n)/, '$1    address: 10.1.0.11\n'));
    const matrix = loadSite(join(out, 'matrice-site.yaml'));
    expect(lineSet(matrix)).toContain('10.1.0.0/24 > any | tcp/49443');
    expect(lineSet(matrix)).toContain('10.1.0.10/32 10.1.0.11/32 > 10.2.0.20/32 db.corp.example | tcp/1433');
  });

  it('reports every cell it cannot read at once as FILE!Sheet!C12, exits 2 and writes nothing', async () => {
    const dir = tempDir('table-bad');
    const file = join(dir, 'flows.xlsx');
    await frenchWorkbook(file, [
      [1, '10.0.0.1', '10.0.0.2', 'HTTP', '80', 'Sortant', '', '', '', ''],
      [2, '10.0.0.1', 'serveur web', 'TCP', '70000', 'Vers le haut', '', 'magie', 'oui', ''],
      [3, '10.0.0.1', '10.0.0.3', 'TCP', '443', 'Sortant', '', '', '', ''],
    ]);
    const r = await run(['import', 'table', file, '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    const lines = r.err.split('\n');
    expect(lines).toContain(
      'flows.xlsx!Matrice!E3: protocol/ports: "HTTP" is not a protocol — one of tcp, udp, icmp, icmpv6, sctp, gre, esp, ah, ip, or TCP/UDP',
    );
    expect(lines.some((l) => l.startsWith('flows.xlsx!Matrice!C4: destination: "serveur web"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('flows.xlsx!Matrice!E4: protocol/ports: port 70000 out of range'))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith('flows.xlsx!Matrice!F4: direction: "Vers le haut" is not a direction'))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith('flows.xlsx!Matrice!H4: auth: "magie"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('flows.xlsx!Matrice!I4: encryption: "oui"'))).toBe(true);
    expect(r.err).toContain('6 errors');
    expect(r.err).toContain('nothing written');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('reads CSV: ";" and a byte-order mark, quoted line breaks, zone columns, English headers', async () => {
    const dir = tempDir('table-csv');
    const file = join(dir, 'team.csv');
    writeFileSync(
      file,
      '\uFEFFSource zone;Source;Destination zone;Destination;Protocol;Ports;Purpose;Requirement\r\n' +
        'LAN;"10.0.0.1\n10.0.0.2";Internet;*.example.com;TCP;443;Web;Mandatory\r\n' +
        'LAN;10.0.0.1;DMZ;172.16.0.10;UDP;514;"Syslog; audit";Optional\r\n',
    );
    const r = await run(['import', 'table', file, '-o', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('sheet team, header row 1: A "Source zone" → zone_from, B "Source" → source');
    expect(r.err).toMatch(/note: zones lan, internet, dmz: kind "internal"/);
    const matrix = loadSite(join(dir, 'team-site.yaml'));
    expect(matrix.rows.map((row) => [row.zoneFrom, row.zoneTo, row.level])).toEqual([
      ['lan', 'internet', 'mandatory'],
      ['lan', 'dmz', 'optional'],
    ]);
    expect(lineSet(matrix)).toEqual([
      '10.0.0.1/32 10.0.0.2/32 > *.example.com | tcp/443',
      '10.0.0.1/32 > 172.16.0.10/32 | udp/514',
    ]);
  });

  it('keeps cell texts in the language --lang names, whatever the headers (a French CSV with id headers)', async () => {
    const dir = tempDir('table-lang');
    const file = join(dir, 'ids.csv');
    writeFileSync(file, 'source;destination;protocol;ports;purpose\r\n10.0.0.1;10.0.0.2;tcp;443;Appel API\r\n');
    const purpose = async (args: string[]) => {
      const r = await run(['import', 'table', file, '-o', dir, ...args]);
      expect(r.code, r.err).toBe(0);
      const catalog = loadCatalogFile(join(dir, 'ids.catalog.yaml'));
      if (!catalog.ok) throw new Error(catalog.issues.map(formatIssue).join('\n'));
      return catalog.value.flows[0]?.purpose;
    };
    expect(await purpose(['--lang', 'fr'])).toEqual({ fr: 'Appel API' });
    // Without it, English headers say English: the text is English only, never in both.
    expect(await purpose([])).toEqual({ en: 'Appel API' });
  });

  it('refuses a CSV with an unclosed quote, a file that is neither, an unknown sheet and a bad --map', async () => {
    const dir = tempDir('table-hostile');
    writeFileSync(join(dir, 'open.csv'), 'Source,Destination,Ports\r\n"10.0.0.1,10.0.0.2,tcp/443\r\n');
    const open = await run(['import', 'table', join(dir, 'open.csv'), '-o', dir]);
    expect(open.code).toBe(2);
    expect(open.err).toContain('open.csv!open!2: a quoted field is never closed');
    writeFileSync(join(dir, 'bin.csv'), Buffer.from([0, 1, 2, 3]));
    expect((await run(['import', 'table', join(dir, 'bin.csv')])).err).toContain(
      'neither an XLSX workbook nor CSV text',
    );
    writeFileSync(join(dir, 'fake.xlsx'), Buffer.from('PK\u0003\u0004 not a zip'));
    const fake = await run(['import', 'table', join(dir, 'fake.xlsx')]);
    expect(fake.code).toBe(2);
    expect(fake.err).toContain('not a readable XLSX workbook');
    writeFileSync(join(dir, 'ok.csv'), 'Source,Destination,Ports\r\n10.0.0.1,10.0.0.2,tcp/443\r\n');
    const sheet = await run(['import', 'table', join(dir, 'ok.csv'), '--sheet', 'Nope']);
    expect(sheet.code).toBe(2);
    expect(sheet.err).toContain('no sheet "Nope" — sheets: ok');
    const map = await run(['import', 'table', join(dir, 'ok.csv'), '--map', 'Source=origin']);
    expect(map.code).toBe(2);
    expect(map.err).toContain('--map Source=origin: expected COLUMN=FIELD');
    const unknownColumn = await run(['import', 'table', join(dir, 'ok.csv'), '--map', 'Serveur=source']);
    expect(unknownColumn.code).toBe(2);
    expect(unknownColumn.err).toContain('--map Serveur=source: no column "Serveur"');
    const headerless = join(dir, 'headerless.csv');
    writeFileSync(headerless, 'Machine A,Machine B,Port\r\n10.0.0.1,10.0.0.2,tcp/443\r\n');
    const none = await run(['import', 'table', headerless, '-o', join(dir, 'none')]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no sheet has a header naming a source and a destination');
    const mapped = await run([
      'import',
      'table',
      headerless,
      '--map',
      'Machine A=source',
      '--map',
      'B=destination',
      '-o',
      join(dir, 'mapped'),
    ]);
    expect(mapped.code, mapped.err).toBe(0);
  });
});

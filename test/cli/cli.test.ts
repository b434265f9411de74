import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'flowmatrix-cli-'));

describe('flowmatrix --help', () => {
  it('teaches: every command with a summary, and each command with examples', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    for (const c of ['validate', 'catalog', 'matrix', 'generate']) expect(top.out).toContain(c);
    expect(top.out).toContain('Exit codes');
    const matrix = await run(['matrix', '--help']);
    expect(matrix.out).toMatch(/Examples:\n\s+\$ flowmatrix matrix examples\/hamilton-site.yaml/);
    expect(matrix.out).toContain('--excel-fr');
  });
  it('exits 2 on an unknown command or option, with a hint', async () => {
    const r = await run(['matrx']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'matrx'/);
    expect((await run(['matrix', 'x.yaml', '--format', 'pdf'])).code).toBe(2);
  });
});

describe('flowmatrix validate', () => {
  it('accepts every built-in catalog and example site', async () => {
    const files = [
      ...readdirSync('catalogs').map((f) => `catalogs/${f}`),
      ...readdirSync('examples').map((f) => `examples/${f}`),
    ].filter((f) => f.endsWith('.yaml'));
    const r = await run(['validate', ...files]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.startsWith('ok ')).length).toBe(files.length);
  });
  it('prints every problem as file:line:col: message — hint and exits 2', async () => {
    const r = await run(['validate', 'test/fixtures/broken/catalog-dangling-refs.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'test/fixtures/broken/catalog-dangling-refs.yaml:28:11: flows[0].from: unknown role "wbe" — did you mean "web"?',
    );
    expect(r.err).toMatch(/\d+ errors/);
  });
  it('reports a site whose enabled flow has an unbound role, at the catalog entry', async () => {
    const dir = tmp();
    const site = readFileSync('examples/hamilton-site.yaml', 'utf8').replace(/^( +)sql: .*\n/m, '');
    writeFileSync(join(dir, 'site.yaml'), site);
    const r = await run(['validate', join(dir, 'site.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/site\.yaml:\d+:\d+: flow "[^"]+" .* is enabled but role "sql" is not bound — bind "sql"/);
  });
  it('checks a base and the files a site includes as part of the sites given with them', async () => {
    const files = ['hamilton-base.yaml', 'preproduction-site.yaml', 'production-site.yaml'];
    const r = await run(['validate', ...files.map((f) => `examples/organisation/${f}`)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok examples/organisation/hamilton-base.yaml (part of examples/organisation/preproduction');
    // Alone, a base is no site: its environments declare the hosts its roles are bound to.
    expect((await run(['validate', 'examples/organisation/hamilton-base.yaml'])).code).toBe(2);
  });
  it('says why a file cannot be read: missing, or a directory', async () => {
    const r = await run(['validate', 'nope.yaml', 'examples']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nope.yaml:1:1: file "nope.yaml" does not exist — check the path');
    expect(r.err).toContain('examples:1:1: file "examples" is a directory — give the path of a YAML file');
    const table = await run(['import', 'table', 'examples']);
    expect(table.code).toBe(2);
    expect(table.err).toContain('examples: is a directory — give the path of an XLSX or CSV file');
  });
});

describe('flowmatrix catalog', () => {
  it('lists the five built-in catalogs', async () => {
    const r = await run(['catalog', 'list']);
    expect(r.code).toBe(0);
    for (const id of [
      'hamilton',
      'm365-additional-endpoints',
      'exchange-hybrid-web-mfa',
      'exchange-2007',
      'lync-2013-edge',
    ])
      expect(r.out).toContain(id);
  });
  it('shows a catalog as CSV with the matrix columns, roles as names', async () => {
    const r = await run(['catalog', 'show', 'exchange-2007', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [header] = r.out.split('\n');
    expect(header).toMatch(
      /^catalog,flow,ref,source,destination,zone_from,zone_to,protocol,ports,app_protocol,requirement,when,auth_default,auth_supported,encryption_supported,encrypted_by_default,purpose/,
    );
    expect(r.out).toContain('exchange-2007,');
  });
  it('suggests the closest id for a typo', async () => {
    const r = await run(['catalog', 'show', 'hamiltn']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('did you mean "hamilton"?');
  });
  it('prints the catalog YAML and JSON', async () => {
    expect((await run(['catalog', 'show', 'hamilton', '--format', 'yaml'])).out).toMatch(/^# yaml-language-server/);
    const json = JSON.parse((await run(['catalog', 'show', 'hamilton', '--format', 'json'])).out) as { id: string };
    expect(json.id).toBe('hamilton');
  });
});

describe('flowmatrix matrix', () => {
  it('writes every format with --all-formats and prints a summary', async () => {
    const dir = tmp();
    const r = await run(['matrix', 'examples/hamilton-site.yaml', '--all-formats', '-o', dir]);
    expect(r.code).toBe(0);
    // The documents go to the folder; the summary and the paths to standard error, as with -o FILE.
    expect(r.out).toBe('');
    expect(r.err).toMatch(/rows \(\d+ mandatory/);
    expect(r.err).toContain(join(dir, 'hamilton-site.xlsx'));
    for (const ext of ['csv', 'xlsx', 'md', 'html', 'json', 'mmd', 'dot'])
      expect(existsSync(join(dir, `hamilton-site.${ext}`))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'hamilton-site.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toContain('hamilton');
  });
  it('writes French Excel CSV: ; separator and a byte-order mark', async () => {
    const dir = tmp();
    const r = await run([
      'matrix',
      'examples/hamilton-site.yaml',
      '-f',
      'csv',
      '--excel-fr',
      '--lang',
      'fr',
      '-o',
      join(dir, 'm.csv'),
    ]);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'm.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\n')[0]).toMatch(/^\ufeffcatalog;flow;ref;/);
    expect(text).toContain('Obligatoire');
  });
  it('applies --feature and --set, and refuses malformed pairs', async () => {
    const on = await run(['matrix', 'examples/hamilton-site.yaml', '-f', 'json']);
    const off = await run(['matrix', 'examples/hamilton-site.yaml', '-f', 'json', '--feature', 'sms=off']);
    const rows = (s: string) => (JSON.parse(s) as { matrix: { rows: { flow: string }[] } }).matrix.rows;
    expect(rows(on.out).some((r) => r.flow.includes('sms'))).toBe(true);
    expect(rows(off.out).some((r) => r.flow.includes('sms'))).toBe(false);
    const bad = await run(['matrix', 'examples/hamilton-site.yaml', '--feature', 'sms']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--feature sms: expected NAME=on or NAME=off');
    // NAME=VALUE it is: what is wrong is the value, and the message says which values a feature takes.
    const maybe = await run(['matrix', 'examples/hamilton-site.yaml', '--feature', 'graph=maybe']);
    expect(maybe.code).toBe(2);
    expect(maybe.err).toContain('--feature graph=maybe: a feature is on or off');
  });
  it('refuses to print XLSX to a terminal and leaves nothing behind on bad input', async () => {
    expect((await run(['matrix', 'examples/hamilton-site.yaml', '-f', 'xlsx'])).code).toBe(2);
    const dir = tmp();
    const r = await run([
      'matrix',
      'test/fixtures/broken/site-unknown-host.yaml',
      '--all-formats',
      '-o',
      join(dir, 'out'),
    ]);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('flowmatrix generate', () => {
  it('writes one ruleset per firewall in its platform and lists what it could not express', async () => {
    const dir = tmp();
    const r = await run(['generate', 'examples/hamilton-site.yaml', '-o', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['fw-internal.nft', 'fw-edge.iptables']));
    expect(readdirSync(dir).some((f) => f.endsWith('.pac'))).toBe(true);
    expect(r.err).toMatch(/target:iptables:fqdn/);
    // The edge firewall sees the proxy's way out: the advice is not "use the proxy".
    expect(r.err).toContain('the proxy filters these names');
    const strict = await run(['generate', 'examples/hamilton-site.yaml', '--strict']);
    expect(strict.code).toBe(1);
    // Why it failed, in the run's language.
    expect(strict.err).toMatch(/^--strict: [1-9]\d* findings at medium severity or above; exit code 1$/m);
    const fr = await run(['generate', 'examples/hamilton-site.yaml', '--strict', '--lang', 'fr']);
    expect(fr.err).toMatch(/^--strict\u00a0: [1-9]\d* constats de gravité moyenne ou plus\u00a0; code de sortie 1$/m);
    expect(r.err).not.toContain('--strict');
  });
  it('names an unknown firewall with a suggestion', async () => {
    const r = await run(['generate', 'examples/hamilton-site.yaml', '--firewall', 'fw-edg']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('did you mean "fw-edge"?');
  });
});

describe('flowmatrix generate --target', () => {
  it('renders every firewall in a platform none of them runs', async () => {
    const dir = tmp();
    const r = await run(['generate', 'examples/lync-2013-edge-site.yaml', '--target', 'panos', '-o', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      '.flowmatrix-outputs.json',
      'findings.txt',
      'fw-external.panos.set',
      'fw-internal.panos.set',
    ]);
  });
  it('renders the proxy for a proxy target', async () => {
    const dir = tmp();
    const r = await run(['generate', 'examples/hamilton-site.yaml', '--target', 'squid', '-o', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).some((f) => f.endsWith('.squid.conf'))).toBe(true);
  });
  it('a proxy target on a site with no proxy points at the site, with a hint, and writes nothing', async () => {
    for (const target of ['pac', 'squid']) {
      const dir = tmp();
      const r = await run(['generate', 'examples/lync-2013-edge-site.yaml', '--target', target, '-o', dir]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^examples\/lync-2013-edge-site\.yaml:\d+:\d+: .*declares none — declare proxy: /m);
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});

describe('flowmatrix matrix --all-formats with scenarios', () => {
  it('writes each scenario as its own Mermaid sequence diagram', async () => {
    const dir = tmp();
    const r = await run(['matrix', 'examples/exchange-hybrid-web-mfa-site.yaml', '--all-formats', '-o', dir]);
    expect(r.code).toBe(0);
    const sequences = readdirSync(dir).filter((f) => f.endsWith('.sequence.mmd'));
    expect(sequences).toHaveLength(4); // the catalog's four journeys, all on in the example site
    for (const f of sequences) expect(readFileSync(join(dir, f), 'utf8')).toMatch(/^sequenceDiagram\n {2}autonumber\n/);
  });
});

describe('flowmatrix verify --packet', () => {
  it('writes the answers to -o, not to standard output; a bad packet writes nothing', async () => {
    const dir = tmp();
    expect((await run(['generate', 'examples/hamilton-site.yaml', '--firewall', 'fw-internal', '-o', dir])).code).toBe(
      0,
    );
    const config = join(dir, 'fw-internal.nft');
    const packet = 'tcp 10.20.64.5:40000 -> 172.16.50.10:443 in eth1 out eth2';
    const out = join(dir, 'answers.txt');
    const r = await run(['verify', '--config', config, '--packet', packet, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain(out);
    expect(readFileSync(out, 'utf8')).toMatch(
      /^tcp 10\.20\.64\.5:40000 .*\n(.*\n)* {2}accept — .*fw-internal\.nft:\d+/,
    );
    const bad = join(dir, 'bad.txt');
    const b = await run([
      'verify',
      '--config',
      config,
      '--packet',
      packet,
      '--packet',
      'udp 1.2.3.4 -> 5.6.7.8:53',
      '-o',
      bad,
    ]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('both ports');
    expect(existsSync(bad)).toBe(false);
  });
});

describe('flowmatrix change-request', () => {
  it('names the site in its verification commands as given, an absolute path too, quoted for the shell', async () => {
    const dir = tmp();
    const site = join(dir, "new site's.yaml");
    const text = readFileSync('examples/hamilton-site.yaml', 'utf8');
    writeFileSync(site, text.replace('smtp_relay_port: 587', 'smtp_relay_port: 25'));
    const r = await run(['change-request', 'examples/hamilton-site.yaml', site]);
    expect(r.code).toBe(0);
    const quoted = `'${dir}/new site'\\''s.yaml'`;
    expect(r.out).toContain(`flowmatrix probe ${quoted} --from web`);
    expect(r.out).toContain(`flowmatrix verify ${quoted} --firewall fw-internal`);
  });
});

describe('a binary format asked without -o', () => {
  it('is refused like every error not at a place in a file: "flowmatrix: …" with the -o to give, exit 2', async () => {
    const site = 'examples/hamilton-site.yaml';
    for (const args of [
      ['matrix', site, '-f', 'xlsx'],
      ['diff', site, site, '-f', 'xlsx'],
      ['change-request', site, site, '-f', 'xlsx'],
    ]) {
      const r = await run(args);
      expect([r.code, r.out], args.join(' ')).toEqual([2, '']);
      expect(r.err, args.join(' ')).toMatch(
        /^flowmatrix: xlsx is a binary format — write it to a file with -o \S+\.xlsx\n$/,
      );
    }
  });
});

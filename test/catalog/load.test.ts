import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  catalogsDir,
  listBuiltinCatalogs,
  loadBuiltinCatalog,
  loadCatalogFile,
  loadSiteFile,
} from '../../src/catalog/fs.js';
import { parseCatalogText, parseSiteText } from '../../src/catalog/parse.js';
import { formatIssue, type Result } from '../../src/model/issues.js';

const fixtures = 'test/catalog/fixtures';
const problems = <T>(r: Result<T>): string[] => (r.ok ? r.warnings : r.issues).map(formatIssue);

describe('valid fixtures', () => {
  it('the minimal catalog loads with zero issues, comment and $schema key included', () => {
    const r = loadCatalogFile(`${fixtures}/builtins/minimal.yaml`);
    expect(problems(r)).toEqual([]);
    expect(r.ok && r.value.flows.map((f) => f.id)).toEqual(['web-sql', 'web-smtp', 'web-graph']);
    // Defaults from the schema are filled in.
    expect(r.ok && r.value.flows[0]?.kind).toBe('network');
  });

  it('the minimal site loads with its catalog resolved relative to the site file', () => {
    const r = loadSiteFile(`${fixtures}/minimal-site.yaml`);
    expect(problems(r)).toEqual([]);
    expect(r.ok && [...r.value.catalogs.keys()]).toEqual(['builtins/minimal.yaml']);
    expect(r.ok && r.value.catalogs.get('builtins/minimal.yaml')?.id).toBe('minimal');
  });

  it('a site parsed alone is checked without its catalogs', () => {
    const text = readFileSync(`${fixtures}/minimal-site.yaml`, 'utf8');
    expect(problems(parseSiteText(text, 'site.yaml'))).toEqual([]);
    const broken = text.replace('zones: [lan, dc, internet]', 'zones: [lan, dcc]');
    expect(problems(parseSiteText(broken, 'site.yaml'))).toEqual([
      'site.yaml:25:18: firewalls[0].zones[1]: unknown zone "dcc" — did you mean "dc"?',
    ]);
  });

  it('a site policy naming an undeclared zone or a bad service is reported by validation, not only by the audit', () => {
    const text = readFileSync(`${fixtures}/minimal-site.yaml`, 'utf8');
    const policy = 'policy:\n  - { from: lan, to: dcc, access: allow-only, services: [tcp/443, tcp/99999] }\n';
    expect(problems(parseSiteText(`${text}${policy}`, 'site.yaml'))).toEqual([
      'site.yaml:33:22: policy zone "dcc" is not declared under zones: — did you mean "dc"?',
      'site.yaml:33:67: port 99999 out of range in "tcp/99999" — write tcp/443, udp/1024-65535, icmp or any',
    ]);
  });

  it('reports issues found after the schema with positions, using the name given', () => {
    const text = readFileSync(`${fixtures}/builtins/minimal.yaml`, 'utf8').replace(
      'from: web\n    to: sql',
      'from: web\n    to: sqk',
    );
    expect(problems(parseCatalogText(text, 'x/minimal.yaml'))).toEqual([
      'x/minimal.yaml:66:9: flows[0].to: unknown role "sqk" — did you mean "sql"?',
    ]);
  });

  it('an empty file is an error, not a crash', () => {
    expect(problems(parseCatalogText('# nothing\n', 'empty.yaml'))).toEqual([
      'empty.yaml:1:1: the file is empty — see the examples/ folder',
    ]);
  });

  it('a document that is not a mapping is a schema error', () => {
    expect(problems(parseCatalogText('- a\n- b\n', 'list.yaml'))).toEqual([
      'list.yaml:1:1: the document: expected a mapping, found a list — a catalog or a site is a mapping of keys ("id: …", "title: …"): see the examples/ folder',
    ]);
  });
});

describe('built-in catalogs', () => {
  it('are the YAML files of the catalogs/ folder at the repository root', () => {
    expect(catalogsDir()).toMatch(/\/catalogs$/);
    const files = readdirSync(catalogsDir())
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''))
      .sort();
    expect(listBuiltinCatalogs()).toEqual(files);
  });

  it.each(listBuiltinCatalogs())('%s loads with zero errors and its id is its file name', (id) => {
    const r = loadBuiltinCatalog(id);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([]);
    expect(r.ok && r.value.id).toBe(id);
  });

  it('an unknown id is an error listing the built-ins', () => {
    const r = loadBuiltinCatalog('nope');
    expect(r.ok).toBe(false);
    const first = r.ok ? undefined : r.issues[0];
    expect(first?.code).toBe('unknown-catalog');
    for (const id of listBuiltinCatalogs()) expect(first?.hint).toContain(id);
  });
});

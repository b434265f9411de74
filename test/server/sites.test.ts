import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, drivers, signedIn, type TestServer, testServer } from './support.js';

const HAMILTON = readFileSync(new URL('../../examples/hamilton-site.yaml', import.meta.url), 'utf8');
const HOSTILE = `<script>alert("x")</script> "'><img src=x onerror=alert(1)> ‮evil ${'\u0000'.slice(1)}& ; DROP TABLE sites; --`;

describe.each(drivers())('sites, matrix, audit, rules, verify and history on %s', (driver) => {
  let server: TestServer;
  let requester: Client;
  let implementer: Client;
  let hamilton: number;
  beforeAll(async () => {
    server = await testServer(driver);
    requester = await signedIn(server.app, 'requester');
    implementer = await signedIn(server.app, 'implementer');
    const sites = await requester.json(requester.get('/api/sites'));
    hamilton = sites.find((s: { name: string }) => s.name === 'hamilton-site').id;
  });
  afterAll(() => server?.close());

  it('lists the built-in catalogs and shows one with its flows and their source rows', async () => {
    const list = await requester.json(requester.get('/api/catalogs'));
    const entry = list.find((c: { id: string }) => c.id === 'hamilton');
    expect(entry).toMatchObject({
      version: 1,
      builtIn: true,
      title: { fr: expect.any(String), en: expect.any(String) },
    });
    expect(entry.flowCount).toBeGreaterThan(10);
    const catalog = await requester.json(requester.get('/api/catalogs/hamilton'));
    expect(catalog.flows).toHaveLength(entry.flowCount);
    expect(catalog.flows[0].ref).toEqual(expect.any(String));
    expect((await requester.json(requester.get('/api/catalogs/hamilton/versions')))[0]).toMatchObject({
      version: 1,
      by: 'system',
    });
    const diff = await requester.json(requester.get('/api/catalogs/hamilton/diff?from=1&to=1'));
    expect(diff.changes).toEqual([]);
  });

  it('creates a site, stores and returns hostile names and text intact', async () => {
    const yaml = HAMILTON.replace(/^description: .*$/m, `description: ${JSON.stringify(HOSTILE)}`);
    const res = await requester.post('/api/sites', { name: HOSTILE, yaml });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const site = await requester.json(requester.get(`/api/sites/${id}`));
    expect(site.name).toBe(HOSTILE);
    expect(site.yaml).toBe(yaml);
    expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
    const listed = await requester.json(requester.get('/api/sites'));
    expect(listed.map((s: { name: string }) => s.name)).toContain(HOSTILE);
    // The export's file name is made safe; the content keeps the text.
    const csv = await requester.get(`/api/sites/${id}/matrix/export?format=csv&columns=flow`);
    expect(csv.headers.get('Content-Disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.csv"$/);
  });

  it('refuses a site text with errors, with the CLI positions and hints', async () => {
    const broken = HAMILTON.replace('zones: [lan, dmz]', 'zones: [lan, dmzz]');
    const res = await requester.post('/api/sites', { name: 'broken', yaml: broken });
    expect(res.status).toBe(422);
    const issues = (await res.json()).error.issues;
    const line = broken.split('\n').findIndex((l) => l.includes('dmzz')) + 1;
    expect(issues).toContainEqual(
      expect.objectContaining({ line, severity: 'error', message: expect.stringContaining('dmzz') }),
    );
    const checked = await requester.json(requester.post('/api/validate', { yaml: broken }));
    expect(checked.issues[0]).toMatchObject({ line, col: expect.any(Number), message: expect.any(String) });
    expect(
      (await requester.json(requester.post('/api/validate', { yaml: HAMILTON }))).issues.filter(
        (i: { severity: string }) => i.severity === 'error',
      ),
    ).toEqual([]);
  });

  it('never loses an update: the second writer gets 409 with the current text and the diff', async () => {
    const created = await requester.json(requester.post('/api/sites', { name: 'concurrent', yaml: HAMILTON }));
    const other = await signedIn(server.app, 'approver');
    const first = HAMILTON.replace('proxy_port: 3128', 'proxy_port: 8080');
    const second = HAMILTON.replace('smtp_relay_port: 587', 'smtp_relay_port: 25');
    expect(await requester.json(requester.put(`/api/sites/${created.id}`, { yaml: first, baseVersion: 1 }))).toEqual({
      version: 2,
    });
    const res = await other.put(`/api/sites/${created.id}`, { yaml: second, baseVersion: 1 });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe('version-conflict');
    expect(body.current).toEqual({ yaml: first, version: 2, updatedBy: 'requester' });
    expect(body.diff).toContainEqual({ op: '-', text: '      proxy_port: 3128' });
    expect(body.diff).toContainEqual({ op: '+', text: '      proxy_port: 8080' });
    // Concurrent writers on the same base: exactly one wins.
    const results = await Promise.all([
      requester.put(`/api/sites/${created.id}`, { yaml: HAMILTON, baseVersion: 2 }),
      other.put(`/api/sites/${created.id}`, { yaml: second, baseVersion: 2 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const versions = await requester.json(requester.get(`/api/sites/${created.id}/versions`));
    expect(versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(await requester.json(requester.get(`/api/sites/${created.id}/versions/2`))).toEqual({
      version: 2,
      yaml: first,
    });
    const diff = await requester.json(requester.get(`/api/sites/${created.id}/diff?from=1&to=2`));
    expect(diff.changes.length).toBeGreaterThan(0);
    // Every edit is in the log with before and after.
    const admin = await signedIn(server.app, 'admin');
    const log = await admin.json(admin.get(`/api/log?entity=site&entityId=${created.id}`));
    const edit = log.find(
      (e: { action: string; after: { version: number } }) => e.action === 'edit' && e.after.version === 2,
    );
    expect(edit).toMatchObject({
      actor: 'requester',
      before: { version: 1, yaml: HAMILTON },
      after: { version: 2, yaml: first },
    });
  });

  it('pages, filters, sorts and picks columns of the matrix on the server', async () => {
    const all = await requester.json(requester.get(`/api/sites/${hamilton}/matrix?limit=5000`));
    expect(all.total).toBe(all.rows.length);
    expect(all.columns.map((c: { key: string }) => c.key)).toContain('source');
    const page = await requester.json(requester.get(`/api/sites/${hamilton}/matrix?offset=2&limit=3`));
    expect(page.rows.map((r: { line: number }) => r.line)).toEqual(
      all.rows.slice(2, 5).map((r: { line: number }) => r.line),
    );
    const dmz = await requester.json(
      requester.get(
        `/api/sites/${hamilton}/matrix?filter[zone_to]=dmz&columns=flow,zone_to,ports&sort=ports:desc&limit=5000`,
      ),
    );
    expect(dmz.columns.map((c: { key: string }) => c.key)).toEqual(['flow', 'zone_to', 'ports']);
    expect(dmz.total).toBe(
      all.rows.filter((r: { values: { zone_to: string } }) => r.values.zone_to.includes('dmz')).length,
    );
    const ports = dmz.rows.map((r: { values: { ports: string } }) => r.values.ports);
    expect(ports).toEqual([...ports].sort((a, b) => b.localeCompare(a, 'en', { numeric: true, sensitivity: 'base' })));
    const q = await requester.json(requester.get(`/api/sites/${hamilton}/matrix?q=SMTP&lang=fr`));
    expect(q.total).toBeGreaterThan(0);
    expect(q.total).toBeLessThan(all.total);
    expect((await requester.get(`/api/sites/${hamilton}/matrix?sort=nope:asc`)).status).toBe(400);
  });

  it('exports exactly the rows and columns shown, to CSV and XLSX', async () => {
    const query = 'filter[zone_from]=lan&sort=destination:asc&columns=flow,source,destination,ports';
    const shown = await requester.json(requester.get(`/api/sites/${hamilton}/matrix?${query}&limit=5000&lang=en`));
    const csv = await (await requester.get(`/api/sites/${hamilton}/matrix/export?format=csv&${query}&lang=en`)).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('flow,source,destination,ports');
    expect(lines).toHaveLength(shown.total + 1);
    expect(lines[1]?.split(',')[0]).toBe(shown.rows[0].values.flow);
    const fr = await requester.get(`/api/sites/${hamilton}/matrix/export?format=csv&${query}&lang=fr`);
    const frText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await fr.arrayBuffer());
    expect(frText.split('\r\n')[0]).toBe('\uFEFFflow;source;destination;ports');
    const xlsx = await requester.get(`/api/sites/${hamilton}/matrix/export?format=xlsx&${query}`);
    expect(xlsx.headers.get('Content-Type')).toMatch(/spreadsheetml/);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.rowCount).toBe(shown.total + 1);
    expect(sheet?.getRow(2).getCell(1).text).toBe(shown.rows[0].values.flow);
    expect(sheet?.getRow(1).getCell(2).text).toBe('Source');
  });

  it('saves, lists and deletes views of the grid', async () => {
    const view = await requester.json(
      requester.post(`/api/sites/${hamilton}/views`, { name: 'LAN only', query: '?filter[zone_from]=lan' }),
    );
    expect(view).toMatchObject({ name: 'LAN only', query: 'filter[zone_from]=lan', owner: 'requester' });
    expect(await requester.json(requester.get(`/api/sites/${hamilton}/views`))).toContainEqual(
      expect.objectContaining({ id: view.id }),
    );
    expect((await implementer.delete(`/api/sites/${hamilton}/views/${view.id}`)).status).toBe(404);
    expect((await requester.delete(`/api/sites/${hamilton}/views/${view.id}`)).status).toBe(200);
  });

  it('gives the zone × zone counts and the topology', async () => {
    const zones = await requester.json(requester.get(`/api/sites/${hamilton}/zones`));
    expect(zones.zones.map((z: { name: string }) => z.name)).toEqual(
      expect.arrayContaining(['lan', 'dmz', 'internet']),
    );
    expect(zones.cells.some((c: { from: string; to: string }) => c.from === 'lan' && c.to === 'dmz')).toBe(true);
    const topo = await requester.json(requester.get(`/api/sites/${hamilton}/topology`));
    expect(topo.firewalls.map((f: { name: string }) => f.name)).toEqual(['fw-internal', 'fw-edge']);
    expect(topo.edges.length).toBeGreaterThan(0);
    const ids = new Set(topo.roles.map((r: { id: string }) => r.id));
    for (const e of topo.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  });

  it('audits the site, and writes a suppression back into its text as a new version', async () => {
    const created = await requester.json(requester.post('/api/sites', { name: 'audited', yaml: HAMILTON }));
    const audit = await requester.json(requester.get(`/api/sites/${created.id}/audit`));
    const open = audit.findings.find((f: { suppressed: unknown; flow?: string }) => !f.suppressed && f.flow);
    expect(open).toMatchObject({ id: expect.any(String), rule: expect.any(String), severity: expect.any(String) });
    const res = await requester.post(`/api/sites/${created.id}/suppressions`, {
      rule: open.rule,
      flow: open.flow,
      justification: 'Accepted by the security team',
      owner: 'secops',
      expires: '2027-01-31',
    });
    expect(res.status).toBe(200);
    expect((await res.json()).version).toBe(2);
    const site = await requester.json(requester.get(`/api/sites/${created.id}`));
    expect(site.yaml).toContain('justification: Accepted by the security team');
    expect(site.yaml).toContain('# A typical customer site for Hamilton');
    const after = await requester.json(requester.get(`/api/sites/${created.id}/audit`));
    const same = after.findings.find((f: { id: string }) => f.id === open.id);
    expect(same.suppressed).toEqual({
      justification: 'Accepted by the security team',
      owner: 'secops',
      expires: '2027-01-31',
    });
  });

  it('generates rules per firewall and target, and verifies them back through the product', async () => {
    const list = await requester.json(requester.get(`/api/sites/${hamilton}/rules`));
    expect(list).toContainEqual(
      expect.objectContaining({ firewall: 'fw-internal', target: 'nftables', platform: true }),
    );
    const rules = await requester.json(requester.get(`/api/sites/${hamilton}/rules/fw-internal/nftables`));
    expect(rules.text).toMatch(/table inet/);
    expect(rules.filename).toMatch(/\.nft$/);
    const download = await requester.get(`/api/sites/${hamilton}/rules/fw-internal/nftables/download`);
    expect(download.headers.get('Content-Disposition')).toMatch(/attachment/);
    expect(await download.text()).toBe(rules.text);
    expect((await requester.get(`/api/sites/${hamilton}/rules/no-such-fw/nftables`)).status).toBe(404);

    expect((await requester.post(`/api/sites/${hamilton}/verify`, {})).status).toBe(403);
    const verify = await implementer.post(`/api/sites/${hamilton}/verify`, {
      firewall: 'fw-internal',
      format: 'auto',
      files: [{ name: rules.filename, text: rules.text }],
    });
    expect(verify.status).toBe(200);
    const report = await verify.json();
    expect(report.counts.permitted).toBeGreaterThan(0);
    expect(report.counts.denied).toBe(0);
    const runs = await implementer.json(implementer.get(`/api/sites/${hamilton}/runs`));
    expect(runs[0]).toMatchObject({ id: report.runId, kind: 'verify', firewall: 'fw-internal', by: 'implementer' });
    const run = await implementer.json(implementer.get(`/api/runs/${report.runId}`));
    expect(run.report.counts).toEqual(report.counts);
    const bad = await implementer.post(`/api/sites/${hamilton}/verify`, {
      firewall: 'fw-internal',
      format: 'nftables',
      files: [{ name: 'x.nft', text: 'table inet x {\n chain y { garbage here }\n}\n' }],
    });
    expect(bad.status).toBe(422);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, drivers, signedIn, type TestServer, testServer } from './support.js';

const HAMILTON = readFileSync(new URL('../../examples/hamilton-site.yaml', import.meta.url), 'utf8');

describe.each(drivers())('change requests on %s', (driver) => {
  let server: TestServer;
  let requester: Client;
  let approver: Client;
  let implementer: Client;
  let viewer: Client;
  let siteId: number;
  beforeAll(async () => {
    server = await testServer(driver);
    requester = await signedIn(server.app, 'requester');
    approver = await signedIn(server.app, 'approver');
    implementer = await signedIn(server.app, 'implementer');
    viewer = await signedIn(server.app, 'viewer');
    siteId = (await requester.json(requester.post('/api/sites', { name: 'change target', yaml: HAMILTON }))).id;
  });
  afterAll(() => server?.close());

  const move = (client: Client, id: number, to: string) => client.post(`/api/changes/${id}/transition`, { to });

  it('carries a change from draft to verified, with comments and evidence, and applies it to the site', async () => {
    const proposed = HAMILTON.replace('sms: true', 'sms: false');
    const created = await requester.post('/api/changes', {
      siteId,
      title: 'Turn SMS off',
      description: 'Not used',
      yaml: proposed,
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await move(approver, id, 'submitted')).status).toBe(403); // only its requester submits it
    expect((await move(requester, id, 'submitted')).status).toBe(200);
    expect((await move(requester, id, 'approved')).status).toBe(403); // the role may not approve
    expect((await move(implementer, id, 'implemented')).status).toBe(403); // not approved yet
    expect((await viewer.post(`/api/changes/${id}/comments`, { text: 'Looks right <b>to me</b>' })).status).toBe(201);
    const before = await approver.json(approver.get(`/api/changes/${id}`));
    expect(before.allowed.sort()).toEqual(['approved', 'rejected']);
    expect((await move(approver, id, 'approved')).status).toBe(200);

    const implemented = await implementer.json(move(implementer, id, 'implemented'));
    expect(implemented).toMatchObject({ state: 'implemented', siteVersion: 2 });
    expect((await requester.json(requester.get(`/api/sites/${siteId}`))).yaml).toBe(proposed);

    const noProof = await move(implementer, id, 'verified');
    expect(noProof.status).toBe(422);
    const rules = await implementer.json(implementer.get(`/api/sites/${siteId}/rules/fw-internal/nftables`));
    const run = await implementer.json(
      implementer.post(`/api/sites/${siteId}/verify`, {
        firewall: 'fw-internal',
        format: 'auto',
        files: [{ name: 'fw.nft', text: rules.text }],
      }),
    );
    expect((await requester.post(`/api/changes/${id}/evidence`, { runId: run.runId })).status).toBe(403);
    expect((await implementer.post(`/api/changes/${id}/evidence`, { runId: run.runId })).status).toBe(201);
    expect((await move(implementer, id, 'verified')).status).toBe(200);

    const change = await viewer.json(viewer.get(`/api/changes/${id}`));
    expect(change).toMatchObject({ state: 'verified', requester: 'requester', title: 'Turn SMS off' });
    expect(change.comments).toEqual([expect.objectContaining({ author: 'viewer', text: 'Looks right <b>to me</b>' })]);
    expect(change.evidence).toEqual([expect.objectContaining({ runId: run.runId, kind: 'verify', by: 'implementer' })]);
    expect(change.transitions.map((t: { to: string; by: string }) => `${t.to}:${t.by}`)).toEqual([
      'submitted:requester',
      'approved:approver',
      'implemented:implementer',
      'verified:implementer',
    ]);
    expect(change.allowed).toEqual([]);
    const listed = await viewer.json(viewer.get('/api/changes?state=verified'));
    expect(listed.map((c: { id: number }) => c.id)).toContain(id);
  });

  it('lets nobody approve their own request, admins included', async () => {
    const admin = await signedIn(server.app, 'admin');
    for (const author of [approver, admin]) {
      const { id } = await author.json(
        author.post('/api/changes', { siteId, title: 'Mine', description: '', yaml: HAMILTON }),
      );
      expect((await move(author, id, 'submitted')).status).toBe(200);
      const own = await move(author, id, 'approved');
      expect(own.status).toBe(403);
      expect((await own.json()).error.message).toMatch(/own/);
      expect((await move(author, id, 'rejected')).status).toBe(403);
      const other = author === admin ? approver : admin;
      expect((await move(other, id, 'rejected')).status).toBe(200);
    }
  });

  it('refuses to implement a change whose site moved on since it was filed (409)', async () => {
    const { id } = await requester.json(
      requester.post('/api/changes', { siteId, title: 'Stale', description: '', yaml: HAMILTON }),
    );
    await move(requester, id, 'submitted');
    await move(approver, id, 'approved');
    const head = await requester.json(requester.get(`/api/sites/${siteId}`));
    await requester.put(`/api/sites/${siteId}`, {
      yaml: HAMILTON.replace('proxy_port: 3128', 'proxy_port: 3129'),
      baseVersion: head.version,
    });
    const res = await move(implementer, id, 'implemented');
    expect(res.status).toBe(409);
    expect((await implementer.json(implementer.get(`/api/changes/${id}`))).state).toBe('approved');
  });

  it('imports a probe report as a run, and refuses one of another site', async () => {
    const report = {
      tool: 'flowmatrix',
      version: 1,
      site: 'hamilton-example',
      source: 'role web',
      startedAt: '2026-06-01T10:00:00Z',
      probes: [],
      results: [],
    };
    const res = await implementer.post(`/api/sites/${siteId}/probe-reports`, { report });
    expect(res.status).toBe(200);
    const { runId } = await res.json();
    expect(await implementer.json(implementer.get(`/api/runs/${runId}`))).toMatchObject({
      kind: 'probe',
      report: { site: 'hamilton-example' },
    });
    const broken = await implementer.post(`/api/sites/${siteId}/probe-reports`, { report: { tool: 'other' } });
    expect(broken.status).toBe(422);
    const other = await implementer.post(`/api/sites/${siteId}/probe-reports`, {
      report: { ...report, site: 'elsewhere' },
    });
    expect(other.status).toBe(422);
    expect((await requester.post(`/api/sites/${siteId}/probe-reports`, { report })).status).toBe(403);
  });

  it('shows the log to approvers and admins only, newest first, with who, what, before and after', async () => {
    expect((await viewer.get('/api/log')).status).toBe(403);
    const log = await approver.json(approver.get('/api/log?entity=change&limit=50'));
    expect(log.length).toBeGreaterThan(5);
    expect(log[0].id > log[1].id || Number(log[0].id) > Number(log[1].id)).toBe(true);
    const moved = log.find(
      (e: { action: string; after: { state: string } }) => e.action === 'transition' && e.after.state === 'approved',
    );
    expect(moved).toMatchObject({ actor: 'approver', entity: 'change', before: { state: 'submitted' } });
    const byRequester = await approver.json(approver.get('/api/log?actor=requester'));
    expect(byRequester.every((e: { actor: string }) => e.actor === 'requester')).toBe(true);
  });
});

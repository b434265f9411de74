import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Client, drivers, signedIn, type TestServer, testServer } from './support.js';

describe.each(drivers())('the first suppression of a site on %s', (driver) => {
  let server: TestServer;
  let requester: Client;
  beforeAll(async () => {
    server = await testServer(driver);
    requester = await signedIn(server.app, 'requester');
  });
  afterAll(() => server?.close());

  it('starts the suppressions list when the site has none, so the site stays valid', async () => {
    const sites = await requester.json(requester.get('/api/sites'));
    const id = sites.find((s: { name: string }) => s.name === 'exchange-2007-site').id;
    const before = await requester.json(requester.get(`/api/sites/${id}`));
    expect(parse(before.yaml).suppressions).toBeUndefined();
    const { findings } = await requester.json(requester.get(`/api/sites/${id}/audit`));
    const open = findings.find((f: { suppressed: unknown; flow?: string }) => !f.suppressed && f.flow);
    const res = await requester.post(`/api/sites/${id}/suppressions`, {
      rule: open.rule,
      flow: open.flow,
      justification: 'Accepted until the migration',
      owner: 'secops',
      expires: '2027-01-31',
    });
    expect(res.status).toBe(200);
    const after = await requester.json(requester.get(`/api/sites/${id}`));
    expect(parse(after.yaml).suppressions).toEqual([
      {
        rule: open.rule,
        flow: open.flow,
        justification: 'Accepted until the migration',
        owner: 'secops',
        expires: '2027-01-31',
      },
    ]);
    const audit = await requester.json(requester.get(`/api/sites/${id}/audit`));
    expect(audit.findings.find((f: { id: string }) => f.id === open.id).suppressed).toMatchObject({ owner: 'secops' });
  });

  it('refuses a bad expiry and a suppression that names nothing, in English with the French beside', async () => {
    const sites = await requester.json(requester.get('/api/sites'));
    const id = sites.find((s: { name: string }) => s.name === 'exchange-2007-site').id;
    const res = await requester.post(`/api/sites/${id}/suppressions`, {
      justification: 'x',
      owner: 'secops',
      expires: '31/01/2027',
    });
    expect(res.status).toBe(400);
    const { issues } = (await res.json()).error;
    expect(issues).toContainEqual({
      path: 'expires',
      message: 'expires is a date written YYYY-MM-DD',
      fr: { message: 'une date s’écrit AAAA-MM-JJ', hint: '' },
    });
    expect(issues).toContainEqual({
      path: '',
      message: 'name at least one of rule, flow or key',
      fr: { message: 'nommez au moins l’un de rule, flow ou key', hint: '' },
    });
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { type Client, drivers, signedIn, type TestServer, testServer } from './support.js';

const HAMILTON = readFileSync(new URL('../../examples/hamilton-site.yaml', import.meta.url), 'utf8');
/** The example site with `options` on its nftables firewall. */
const withOptions = (options: string) =>
  HAMILTON.replace('    platform: nftables\n', `    platform: nftables\n    options: ${options}\n`);

interface ApiIssue {
  line: number;
  col: number;
  message: string;
  hint: string;
  severity: string;
}

/** The errors `flowmatrix validate` prints for a site text, as `line:col: message — hint`. */
async function cliErrors(yaml: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'flowmatrix-site-options-'));
  try {
    const file = join(dir, 'site.yaml');
    writeFileSync(file, yaml);
    const r = await run(['validate', file]);
    expect(r.code).toBe(2);
    return r.err
      .split('\n')
      .filter((l) => l.startsWith(`${file}:`))
      .map((l) => l.slice(file.length + 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const asCli = (issues: readonly ApiIssue[]) =>
  issues.filter((i) => i.severity === 'error').map((i) => `${i.line}:${i.col}: ${i.message} — ${i.hint}`);

describe.each(drivers())('a site’s firewall options, checked on save and as one types, on %s', (driver) => {
  let server: TestServer;
  let requester: Client;
  beforeAll(async () => {
    server = await testServer(driver);
    requester = await signedIn(server.app, 'requester');
  });
  afterAll(() => server?.close());

  it('refuses an unknown option with the CLI’s issue: same line, column, message and did-you-mean', async () => {
    const bad = withOptions('{ counter: true }');
    const line = bad.split('\n').findIndex((l) => l.includes('counter: true')) + 1;
    const expected = await cliErrors(bad);
    expect(expected).toEqual([`${line}:16: unknown option "counter" for target nftables — did you mean "counters"?`]);

    const created = await requester.post('/api/sites', { name: 'bad-options', yaml: bad });
    expect(created.status).toBe(422);
    expect(asCli((await created.json()).error.issues)).toEqual(expected);

    // The editor's live check (POST /api/validate, and the per-site one) gives the same issue.
    const live = await requester.json(requester.post('/api/validate', { yaml: bad }));
    expect(asCli(live.issues)).toEqual(expected);

    // An edit of an existing site is refused the same way, and nothing is written.
    const site = await requester.json(requester.post('/api/sites', { name: 'options-edit', yaml: HAMILTON }));
    const perSite = await requester.json(requester.post(`/api/sites/${site.id}/validate`, { yaml: bad }));
    expect(asCli(perSite.issues)).toEqual(expected);
    const edited = await requester.put(`/api/sites/${site.id}`, { yaml: bad, baseVersion: 1 });
    expect(edited.status).toBe(422);
    expect(asCli((await edited.json()).error.issues)).toEqual(expected);
    expect((await requester.json(requester.get(`/api/sites/${site.id}`))).version).toBe(1);
  });

  it('refuses a bad option value with the CLI’s issue', async () => {
    const bad = withOptions('{ counters: maybe }');
    const expected = await cliErrors(bad);
    expect(expected).toHaveLength(1);
    expect(expected[0]).toContain('option counters of nftables: "maybe" is not valid');
    const res = await requester.post('/api/sites', { name: 'bad-option-value', yaml: bad });
    expect(res.status).toBe(422);
    expect(asCli((await res.json()).error.issues)).toEqual(expected);
  });

  it('saves a site whose options the target knows, and checks it clean', async () => {
    const good = withOptions('{ counters: true }');
    const live = await requester.json(requester.post('/api/validate', { yaml: good }));
    expect(live.issues.filter((i: ApiIssue) => i.severity === 'error')).toEqual([]);
    const res = await requester.post('/api/sites', { name: 'good-options', yaml: good });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const edited = await requester.put(`/api/sites/${id}`, {
      yaml: withOptions('{ counters: false }'),
      baseVersion: 1,
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toEqual({ version: 2 });
  });
});

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/import/m365/feed.js';
import { formatIssue } from '../../src/model/issues.js';
import { run } from '../cli/run.js';
import { tempDir } from './support.js';

const set = (over: Record<string, unknown>) => ({
  id: 1,
  serviceArea: 'Exchange',
  urls: ['outlook.office.com'],
  ips: ['13.107.6.152/31'],
  tcpPorts: '80,443',
  expressRoute: true,
  category: 'Optimize',
  required: true,
  ...over,
});

const issuesOf = (value: unknown, raw?: string) =>
  parseFeed(raw ?? JSON.stringify(value), 'feed.json').issues.map(formatIssue);

describe('import m365: hostile or broken answers', () => {
  it('places a JSON syntax error at its line and column', () => {
    const text = '[\r\n  {"id": 1,\r\n   "serviceArea": }\r\n]';
    const [only] = issuesOf(undefined, text);
    expect(only).toMatch(/^feed\.json:3:\d+: not JSON/);
  });

  it('refuses what is not an array of endpoint sets', () => {
    expect(issuesOf({ id: 1 })).toEqual([
      'feed.json: the file is not an endpoints answer (a JSON array of endpoint sets) — save the answer of endpoints/{instance} as it comes, e.g. endpoints/worldwide',
    ]);
  });

  it('reports every bad field of every set at once, naming the set', () => {
    const issues = issuesOf([
      set({ tcpPorts: '80,http' }),
      set({ id: 2, category: 'Important' }),
      set({ id: 3, ips: ['13.107.6.152/33', 'outlook.office.com'] }),
      set({ id: 4, required: 'yes' }),
      set({ id: 1 }),
      set({ id: 5, urls: 'outlook.office.com' }),
      set({ id: 6, udpPorts: 53 }),
      set({ id: 7, tcpPorts: '0,70000' }),
      'not a set',
    ]);
    const text = issues.join('\n');
    expect(text).toContain('set 1 (item 1): tcpPorts "80,http"');
    expect(text).toContain('set 2 (item 2): category is "Important" — one of Optimize, Allow, Default');
    expect(text).toContain('set 3 (item 3): ips holds "13.107.6.152/33"');
    expect(text).toContain('set 3 (item 3): ips holds "outlook.office.com", not an IP range');
    expect(text).toContain('set 4 (item 4): required is "yes" — true or false');
    expect(text).toContain('set 1 (item 5): id already used by item 1');
    expect(text).toContain('set 5 (item 6): urls is not a list of non-empty strings');
    expect(text).toContain('set 6 (item 7): udpPorts is 53, not text');
    expect(text).toContain('set 7 (item 8): tcpPorts "0,70000": port 0 out of range');
    expect(text).toContain('item 9: not an object');
    expect(issues).toHaveLength(10);
  });

  it('takes a byte-order mark, CRLF, keys in any order and an empty notes string', () => {
    const text = `\uFEFF[\r\n${JSON.stringify({ required: false, notes: '', category: 'Default', id: 9, serviceArea: 'Common', urls: ['a.example.com'], tcpPorts: '443' })}]`;
    const r = parseFeed(text, 'feed.json');
    expect(r.issues).toEqual([]);
    expect(r.sets[0]).toMatchObject({ id: 9, required: false, category: 'Default' });
    expect(r.sets[0]?.notes).toBeUndefined();
  });

  it('exits 2, prints file:line:col: message — hint, writes nothing, shows no stack', async () => {
    const dir = tempDir('m365-bad');
    writeFileSync(join(dir, 'feed.json'), JSON.stringify([set({ tcpPorts: 'https' })]));
    const out = join(dir, 'out.yaml');
    const r = await run(['import', 'm365', join(dir, 'feed.json'), '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/feed\.json:1:\d+: set 1 \(item 1\): tcpPorts "https"/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    // Each problem at its field, or at the set that lacks it; a missing field is said missing.
    const text =
      '[\n  {"id": 1},\n  {"id": 2, "serviceArea": "Exchange",\n   "category": "Nope", "required": true}\n]\n';
    writeFileSync(join(dir, 'sets.json'), text);
    const sets = await run(['import', 'm365', join(dir, 'sets.json')]);
    expect(sets.code).toBe(2);
    expect(sets.err.split('\n').map((l) => l.replace(/^.*sets\.json/, 'sets.json'))).toEqual([
      'sets.json:2:3: set 1 (item 1): serviceArea is missing — one of Common, Exchange, SharePoint, Skype',
      'sets.json:2:3: set 1 (item 1): category is missing — one of Optimize, Allow, Default',
      'sets.json:2:3: set 1 (item 1): required is missing — true or false',
      'sets.json:4:16: set 2 (item 2): category is "Nope" — one of Optimize, Allow, Default',
      '4 errors',
      '',
    ]);
    writeFileSync(join(dir, 'object.json'), '{"value": []}');
    const object = await run(['import', 'm365', join(dir, 'object.json')]);
    expect(object.err).toMatch(/object\.json:1:1: the file is not an endpoints answer/);
    // No URL to tell the instance by: Worldwide, said in a warning with how to choose.
    writeFileSync(join(dir, 'no-url.json'), JSON.stringify([set({ urls: [] })]));
    const assumed = await run(['import', 'm365', join(dir, 'no-url.json')]);
    expect(assumed.code).toBe(0);
    expect(assumed.out).toContain('(instance worldwide).');
    expect(assumed.err).toMatch(/^1 flow from 1 endpoint set, 1 service area$/m);
    expect(assumed.err).toContain(
      'warning: instance worldwide assumed: the answer has no URL to tell its instance by — give --instance worldwide|usgov-dod|usgov-gcchigh|china',
    );
    // Errors and a warning at once: both counted, with plural agreement.
    writeFileSync(join(dir, 'ok.json'), JSON.stringify([set({})]));
    const records = [
      { id: 1, endpointSetId: 1, disposition: 'Moved', impact: 'AddedSomething' },
      { id: 2, endpointSetId: 'x', disposition: 'Add' },
    ];
    writeFileSync(join(dir, 'changes.json'), JSON.stringify(records));
    const both = await run(['import', 'm365', join(dir, 'ok.json'), '--changes', join(dir, 'changes.json')]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/\n2 errors, 1 warning\n$/);
    const missingFile = await run(['import', 'm365', join(dir, 'nope.json')]);
    expect(missingFile.code).toBe(2);
    expect(missingFile.err).toMatch(/nope\.json: does not exist — check the path/);
    const badTenant = await run(['import', 'm365', join(dir, 'feed.json'), '--tenant', 'a b']);
    expect(badTenant.code).toBe(2);
    const badInstance = await run(['import', 'm365', join(dir, 'feed.json'), '--instance', 'germany']);
    expect(badInstance.code).toBe(2);
  });

  it('writes YAML to standard output without -o', async () => {
    const dir = tempDir('m365-stdout');
    writeFileSync(join(dir, 'feed.json'), JSON.stringify([set({})]));
    const r = await run(['import', 'm365', join(dir, 'feed.json'), '--instance', 'china']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^# yaml-language-server/);
    expect(r.out).toContain('id: m365-china');
    expect(r.err).toContain('1 flow from 1 endpoint set');
  });
});

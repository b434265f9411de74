import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/fs.js';
import { describeChange, feedChanges, parseChanges } from '../../src/import/m365/changes.js';
import { type EndpointSet, parseFeed } from '../../src/import/m365/feed.js';
import { formatIssue } from '../../src/model/issues.js';
import { run } from '../cli/run.js';
import { missing, requirements } from '../support/system.js';
import { m365Dir, tempDir } from './support.js';

const feed = (file: string): EndpointSet[] => {
  const r = parseFeed(readFileSync(join(m365Dir(), file), 'utf8'), file);
  if (r.issues.length) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.sets;
};
const W2021 = 'endpoints-worldwide-2021-10-11.nebula.json';
const W2024 = 'endpoints-worldwide-2024-04-24.axisO365App.json';
const W1114 = 'endpoints-worldwide-2025-11-14.terraform-provider-microsoft365.json';
const W1201 = 'endpoints-worldwide-2025-12-01.terraform-provider-microsoft365.json';
const CLOUD = 'endpoints-worldwide-ipv4-crlf.cloud-ips.json';

const ids = (changes: ReturnType<typeof feedChanges>, disposition: string) =>
  changes.filter((c) => c.disposition === disposition).map((c) => c.endpointSetId);

describe.skipIf(missing(requirements.fixtures))(
  'feed changes between two versions, in the service’s vocabulary',
  () => {
    it('is empty for the same answer', () => {
      expect(feedChanges(feed(W1114), feed(W1114))).toEqual([]);
      // The 2021 answer and its conversion from Python hold the same data, keys in another order.
      expect(feedChanges(feed(W2021), feed('endpoints-worldwide-ipv6.nebula.json'))).toEqual([]);
    });

    it('2021-10-11 → 2024-04-24: 37 sets removed, 2 added, the README’s changed sets', () => {
      const changes = feedChanges(feed(W2021), feed(W2024), { version: '2024042400', effectiveDate: '2024-04-24' });
      const removed = [
        3, 5, 6, 13, 15, 22, 26, 29, 38, 42, 52, 65, 72, 74, 82, 88, 98, 99, 100, 101, 102, 103, 106, 109, 110, 111,
        112, 113, 115, 120, 123, 128, 148, 149, 150, 154, 157,
      ];
      expect(ids(changes, 'Remove')).toEqual(removed);
      expect(changes.filter((c) => c.disposition === 'Remove').every((c) => c.impact === 'RemovedIpOrUrl')).toBe(true);
      expect(ids(changes, 'Add')).toEqual([180, 184]);
      const add184 = changes.find((c) => c.endpointSetId === 184);
      expect(add184?.effectiveDate).toBe('2024-04-24');
      expect(add184?.version).toBe('2024042400');
      expect(add184?.add?.urls).toContain('*.cloud.microsoft');
      const changed = new Set(changes.filter((c) => c.disposition === 'Change').map((c) => c.endpointSetId));
      // The oracle: sets of the same id whose JSON differs, keys in any order (the README's rough count says 41).
      const raw = (file: string) => JSON.parse(readFileSync(join(m365Dir(), file), 'utf8')) as { id: number }[];
      const sorted = (s: object) => JSON.stringify(Object.entries(s).sort(([a], [b]) => a.localeCompare(b)));
      const old = new Map(raw(W2021).map((s) => [s.id, sorted(s)]));
      const differing = raw(W2024)
        .filter((s) => old.has(s.id) && old.get(s.id) !== sorted(s))
        .map((s) => s.id);
      expect([...changed].sort((a, b) => a - b)).toEqual(differing.sort((a, b) => a - b));
      expect(changed.size).toBeGreaterThanOrEqual(41);
      for (const id of [11, 12, 46, 56, 64]) expect(changed.has(id)).toBe(true);
      const ports = changes.filter((c) => c.impact === 'OtherNonPriorityChanges' && c.current?.tcpPorts !== undefined);
      expect(ports.map((c) => c.endpointSetId)).toEqual(expect.arrayContaining([2, 47, 71]));
    });

    it('2025-11-14 → 2025-12-01: the 15 MEM sets appear, nothing else', () => {
      const changes = feedChanges(feed(W1114), feed(W1201));
      expect(changes.map((c) => c.endpointSetId)).toEqual([
        163, 164, 165, 169, 170, 171, 173, 179, 181, 182, 186, 187, 188, 189, 192,
      ]);
      expect(changes.every((c) => c.disposition === 'Add' && c.current?.serviceArea === 'MEM')).toBe(true);
      expect(changes.find((c) => c.endpointSetId === 165)?.impact).toBe('AddedUrl');
    });

    it('IPv4-only answer → 2025-11-14: set 193 gone, 33 and 105 new, URLs of 92 and 184, every IPv6 range added', () => {
      const changes = feedChanges(feed(CLOUD), feed(W1114));
      expect(ids(changes, 'Remove')).toEqual([193]);
      expect(ids(changes, 'Add')).toEqual([33, 105]);
      const urlChanged = changes.filter(
        (c) => c.disposition === 'Change' && ((c.add?.urls.length ?? 0) > 0 || (c.remove?.urls.length ?? 0) > 0),
      );
      expect([...new Set(urlChanged.map((c) => c.endpointSetId))]).toEqual([92, 184]);
      const v6 = changes.flatMap((c) => c.add?.ips ?? []).filter((ip) => ip.includes(':'));
      expect(v6.length).toBe(78);
      const v4Added = changes
        .filter((c) => c.disposition === 'Change')
        .flatMap((c) => c.add?.ips ?? [])
        .filter((ip) => !ip.includes(':'));
      expect(v4Added).toEqual([]);
    });

    it('says Moved when another set gained the entry, RemovedDuplicate when another set still had it', () => {
      const base = {
        serviceArea: 'Common',
        tcp: [],
        udp: [],
        tcpPorts: '443',
        expressRoute: false,
        category: 'Default',
        required: false,
      } as const;
      const before: EndpointSet[] = [
        { ...base, id: 1, urls: ['a.example.com', 'b.example.com', 'c.example.com'], ips: [] },
        { ...base, id: 2, urls: ['c.example.com'], ips: [] },
      ];
      const after: EndpointSet[] = [
        { ...base, id: 1, urls: [], ips: [], expressRoute: true },
        { ...base, id: 2, urls: ['a.example.com', 'c.example.com'], ips: [] },
      ];
      const changes = feedChanges(before, after, { effectiveDate: '2026-01-01' });
      const of = (impact: string) => changes.find((c) => c.impact === impact);
      expect(of('MovedIpOrUrl')?.remove?.urls).toEqual(['a.example.com']);
      expect(of('RemovedIpOrUrl')?.remove?.urls).toEqual(['b.example.com']);
      expect(of('RemovedDuplicateIpOrUrl')?.remove?.urls).toEqual(['c.example.com']);
      expect(of('ChangedIsExpressRoute')).toMatchObject({
        previous: { expressRoute: false },
        current: { expressRoute: true },
      });
      expect(of('AddedUrl')).toMatchObject({
        endpointSetId: 2,
        effectiveDate: '2026-01-01',
        add: { urls: ['a.example.com'] },
      });
    });
  },
);

/** A changes answer written by hand from the field list of Microsoft's documentation (no real one is stored). */
const CHANGES = JSON.stringify([
  { id: 424, endpointSetId: 32, disposition: 'Change', version: '2018062700', remove: { urls: ['*.api.skype.com'] } },
  {
    id: 426,
    endpointSetId: 31,
    disposition: 'Change',
    impact: 'AddedIp',
    version: '2018062700',
    add: { effectiveDate: '20180609', ips: ['51.140.203.190/32'] },
  },
  {
    id: 500,
    endpointSetId: 149,
    disposition: 'Add',
    version: '2020012800',
    impact: 'AddedUrl',
    add: { effectiveDate: '20200128', urls: ['x.example.com'] },
    current: { expressRoute: 'false', category: 'Default' },
  },
  {
    id: 501,
    endpointSetId: 12,
    disposition: 'change',
    impact: 'ChangedIsExpressRoute',
    version: '2020012800',
    previous: { ExpressRoute: true },
    current: { ExpressRoute: false },
  },
]);

describe('the changes answer', () => {
  it('reads every record, dates as YYYY-MM-DD, and describes it in the service’s words', () => {
    const r = parseChanges(CHANGES, 'changes.json');
    expect(r.issues).toEqual([]);
    expect(r.changes).toHaveLength(4);
    expect(r.changes[1]).toMatchObject({
      impact: 'AddedIp',
      effectiveDate: '2018-06-09',
      add: { ips: ['51.140.203.190/32'] },
    });
    expect(r.changes[3]).toMatchObject({ disposition: 'Change', previous: { expressRoute: true } });
    expect(describeChange(r.changes[1] as (typeof r.changes)[number])).toBe(
      'AddedIp (Change), set 31, version 2018062700, effective 2018-06-09: added IPs 51.140.203.190/32',
    );
  });

  it('reports every bad record at once, and an impact outside Microsoft’s list as a warning', () => {
    const bad = JSON.stringify([
      { endpointSetId: 'x', disposition: 'Change' },
      { endpointSetId: 1, disposition: 'Moved' },
      { endpointSetId: 2, disposition: 'Add', add: { effectiveDate: '20181332', ips: 'a' } },
      { endpointSetId: 3, disposition: 'Add', impact: 'AddedSomething' },
    ]);
    const r = parseChanges(bad, 'changes.json');
    const text = r.issues.map(formatIssue);
    expect(text.filter((t) => !t.includes('warning'))).toHaveLength(4);
    expect(text.join('\n')).toMatch(/item 1\): endpointSetId/);
    expect(text.join('\n')).toMatch(/disposition is "Moved"/);
    expect(text.join('\n')).toMatch(/effectiveDate "20181332" is not a date/);
    expect(text.join('\n')).toMatch(/warning: change \(item 4\): impact "AddedSomething"/);
    expect(parseChanges('{"a":1}', 'c.json').issues.map(formatIssue)).toEqual([
      'c.json: not a changes answer (a JSON array of change records) — save changes/{instance}/{version}',
    ]);
  });

  it.skipIf(missing(requirements.fixtures))('is recorded in the catalog notes by import m365 --changes', async () => {
    const dir = tempDir('changes');
    writeFileSync(join(dir, 'changes.json'), CHANGES);
    const out = join(dir, 'm365.yaml');
    const r = await run(['import', 'm365', join(m365Dir(), W1114), '--changes', join(dir, 'changes.json'), '-o', out]);
    expect(r.code, r.err).toBe(0);
    const loaded = loadCatalogFile(out);
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const notes = loaded.value.notes.filter((n) => n.ref.startsWith('change '));
    expect(notes.map((n) => n.ref)).toEqual(['change 424', 'change 426', 'change 500', 'change 501']);
    expect(notes[1]?.text.en).toContain('AddedIp (Change), set 31, version 2018062700, effective 2018-06-09');
    expect(notes[1]?.text.fr).toContain(
      'AddedIp (Change), ensemble 31, version 2018062700, en vigueur le 2018-06-09\u00a0: IP ajoutées',
    );
  });
});

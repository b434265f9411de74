import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { dateInName, isFeedAnswer } from '../../src/diff/feed.js';
import { run } from '../cli/run.js';
import { m365Dir } from '../import/support.js';
import { missing, requirements } from '../support/system.js';

const temp = mkdtempSync(join(tmpdir(), 'flowmatrix-feed-diff-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const feed = (name: string) => join(m365Dir(), `endpoints-${name}.json`);
const WW_OLD = feed('worldwide-2025-11-14.terraform-provider-microsoft365');
const WW_NEW = feed('worldwide-2025-12-01.terraform-provider-microsoft365');
const CN_OLD = feed('china-2025-11-14.terraform-provider-microsoft365');
const CN_NEW = feed('china-2025-12-01.terraform-provider-microsoft365');
const WW_2024 = feed('worldwide-2024-04-24.axisO365App');

interface FeedJson {
  counts: Record<string, number>;
  unchanged: number;
  changes: { flow: string; classes: string[] }[];
  feed: {
    version?: string;
    effectiveDate?: string;
    stampedFrom: string;
    counts: Record<string, number>;
    changes: { endpointSetId: number; disposition: string; impact: string; effectiveDate?: string; version?: string }[];
  };
}

async function diffJson(args: string[]): Promise<FeedJson> {
  const r = await run(['diff', ...args, '-f', 'json']);
  expect(r.err).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as FeedJson;
}

describe('isFeedAnswer and dateInName', () => {
  it('tells an endpoints answer from a matrix JSON and other arrays', () => {
    expect(isFeedAnswer('[{"id":1,"serviceArea":"Exchange","category":"Optimize"}]')).toBe(true);
    expect(isFeedAnswer('{"format":"flowmatrix/matrix"}')).toBe(false);
    expect(isFeedAnswer('[{"id":1,"disposition":"Add"}]')).toBe(false);
  });
  it('reads the date a file name carries, and only a real one', () => {
    expect(dateInName('endpoints-worldwide-2025-12-01.x.json')).toBe('2025-12-01');
    expect(dateInName('endpoints-20251201.json')).toBe('2025-12-01');
    expect(dateInName('endpoints-2025-13-01.json')).toBeUndefined();
    expect(dateInName('endpoints.json')).toBeUndefined();
  });
});

describe.skipIf(missing(requirements.fixtures))('diff of two Microsoft 365 endpoints answers', () => {
  it('worldwide 2025-11-14 → 2025-12-01: the 15 MEM sets the README lists, added, in both vocabularies', async () => {
    const d = await diffJson([WW_OLD, WW_NEW, '--feed-version', '2025120100']);
    // The fixtures' README: "15 MEM sets (163, 164, 165, 169, 170, 171, 173, 179, 181, 182, 186–189, 192)" added.
    const readme = [163, 164, 165, 169, 170, 171, 173, 179, 181, 182, 186, 187, 188, 189, 192];
    expect(d.feed.changes.map((c) => c.endpointSetId)).toEqual(readme);
    expect(d.feed.changes.every((c) => c.disposition === 'Add')).toBe(true);
    expect(d.feed.counts).toMatchObject({ AddedUrl: 14, AddedIpAndUrl: 1, RemovedIpOrUrl: 0, AddedIp: 0 });
    expect(d.feed.changes.find((c) => c.endpointSetId === 163)?.impact).toBe('AddedIpAndUrl');
    // Stamped: version as given, effective date from NEW's name.
    expect(d.feed).toMatchObject({ version: '2025120100', effectiveDate: '2025-12-01', stampedFrom: 'options' });
    expect(d.feed.changes.every((c) => c.effectiveDate === '2025-12-01' && c.version === '2025120100')).toBe(true);
    // Ours: one flow per new set opened (set 165 is UDP-only: still a row), nothing closed.
    expect(d.counts.opened).toBe(15);
    expect(d.counts.closed).toBe(0);
    const opened = d.changes.filter((c) => c.classes[0] === 'opened').map((c) => c.flow);
    expect(opened.sort()).toEqual(readme.map((id) => `set-${id}`).sort());
  });

  it('China 2025-11-14 → 2025-12-01: set 27 added, set 2 changes its IPs and ports (the README)', async () => {
    const d = await diffJson([CN_OLD, CN_NEW, '--instance', 'china', '--effective-date', '20251215']);
    expect(d.feed.changes.map((c) => [c.endpointSetId, c.impact])).toEqual([
      [2, 'AddedIp'],
      [2, 'RemovedIpOrUrl'],
      [2, 'OtherNonPriorityChanges'],
      [27, 'AddedIpAndUrl'],
    ]);
    expect(d.feed.effectiveDate).toBe('2025-12-15');
    // No version given: NEW's name stands for it.
    expect(d.feed.version).toBe('endpoints-china-2025-12-01.terraform-provider-microsoft365');
    const ports = (await run(['diff', CN_OLD, CN_NEW, '--instance', 'china'])).out;
    expect(ports).toContain('tcpPorts "25,53,80,443" → "443"');
    // Ours: set 27 opened, set 2 both widened (new IPs) and narrowed (ports and IPs gone).
    expect(d.counts).toMatchObject({ opened: 1, closed: 0, widened: 1, narrowed: 1 });
  });

  it('reads the instance from the answers as import m365 does: China’s without --instance are m365-china rows', async () => {
    const text = (await run(['diff', CN_OLD, CN_NEW])).out;
    expect(text).toContain('m365-china/set-2');
    expect(text).not.toContain('m365-worldwide/');
    // Said otherwise, --instance wins.
    expect((await run(['diff', CN_OLD, CN_NEW, '--instance', 'worldwide'])).out).toContain('m365-worldwide/set-2');
  });

  it('worldwide 2024-04-24 → 2025-11-14: the 8 sets the README says were removed', async () => {
    const d = await diffJson([WW_2024, WW_OLD]);
    const removed = d.feed.changes.filter((c) => c.disposition === 'Remove').map((c) => c.endpointSetId);
    expect(removed).toEqual([18, 41, 43, 44, 45, 67, 68, 180]);
    expect(d.feed.changes.filter((c) => c.disposition === 'Add')).toEqual([]);
    expect(d.feed).toMatchObject({ effectiveDate: '2025-11-14', stampedFrom: 'file name' });
  });

  it('every format carries the section, in both languages', async () => {
    const args = [WW_OLD, WW_NEW];
    const text = await run(['diff', ...args, '--lang', 'en']);
    expect(text.out).toContain('Changes in the feed’s words — Version: endpoints-worldwide-2025-12-01');
    expect(text.out).toContain('15 records: AddedUrl 14, AddedIpAndUrl 1');
    expect(text.out).toMatch(/AddedUrl \(Add\) — set 165: added URLs time\.windows\.com/);
    const md = await run(['diff', ...args, '-f', 'md', '--lang', 'fr']);
    expect(md.out).toContain('## Changements dans les termes du service');
    expect(md.out).toContain('| AddedUrl | Add | 165 | URL ajoutées time.windows.com |');
    const html = await run(['diff', ...args, '-f', 'html', '--lang', 'en']);
    expect(html.out).toContain('<h2>Changes in the feed’s words</h2>');
    expect(html.out.match(/<tr><td>Added(Url|IpAndUrl)<\/td>/g)).toHaveLength(15);
    const out = join(temp, 'feed.xlsx');
    expect((await run(['diff', ...args, '-o', out, '--lang', 'en'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = wb.worksheets.find((s) => s.name.startsWith('Changes in the feed'));
    expect(sheet).toBeDefined();
    const impacts: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 5) impacts.push(String(row.getCell(1).value));
    });
    expect(impacts.filter((i) => i === 'AddedUrl')).toHaveLength(14);
    expect(impacts.filter((i) => i === 'AddedIpAndUrl')).toHaveLength(1);
  });

  it('the same answer twice: no change in either vocabulary, exit 0', async () => {
    const r = await run(['diff', WW_OLD, WW_OLD]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No change in the feed.');
    expect(r.err).toContain('no difference');
  });

  it('refuses one answer against another kind of file, and a bad date, with exit 2', async () => {
    const site = join(temp, 'not-a-feed.json');
    writeFileSync(site, '[1, 2, 3]\n');
    const mixed = await run(['diff', WW_OLD, site]);
    expect(mixed.code).toBe(2);
    const date = await run(['diff', WW_OLD, WW_NEW, '--effective-date', '2025-02-30']);
    expect(date.code).toBe(2);
    expect(date.err).toContain('--effective-date 2025-02-30: not a date');
  });
});

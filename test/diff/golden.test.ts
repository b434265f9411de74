import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildChangeRequest, changeRequestFormats } from '../../src/diff/change-request/index.js';
import { firewallDeltas } from '../../src/diff/delta/index.js';
import { diffMatrices } from '../../src/diff/diff.js';
import { diffFormats } from '../../src/diff/formats/index.js';
import { CLASS_COLOURS } from '../../src/diff/labels.js';
import type { Lang } from '../../src/model/text.js';
import { expectGolden } from '../support/golden.js';
import { diffPair } from './pair.js';

const golden = (name: string) => new URL(`./golden/${name}`, import.meta.url).pathname;
const pair = diffPair();
const diff = diffMatrices(pair.old, pair.new, { old: 'old.json', new: 'new.json' });

/** A workbook as text: per sheet, each row's values and the fill of its first cell. */
async function workbookText(bytes: Uint8Array): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((sheet) => {
    out.push(`== ${sheet.name}`);
    sheet.eachRow((row) => {
      const fill = row.getCell(1).fill as { fgColor?: { argb?: string } } | undefined;
      const values = (row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)));
      out.push(`${fill?.fgColor?.argb ? `[${fill.fgColor.argb}] ` : ''}${values.join(' | ')}`);
    });
  });
  return `${out.join('\n')}\n`;
}

describe('diff formats (goldens)', () => {
  it.each<[string, Lang]>([
    ['text', 'en'],
    ['text', 'fr'],
    ['md', 'en'],
    ['md', 'fr'],
    ['html', 'en'],
    ['json', 'en'],
  ])('%s (%s)', (format, lang) => {
    const ext = format === 'text' ? 'txt' : format;
    expectGolden(golden(`diff.${lang}.${ext}`), diffFormats[format as 'text'](diff, lang) as string);
  });

  it('xlsx: a sheet of changes coloured by class', async () => {
    const text = await workbookText(diffFormats.xlsx(diff, 'en'));
    expectGolden(golden('diff.en.xlsx.txt'), text);
    expect(text).toContain(`[FF${CLASS_COLOURS.weakened.fill}]`);
  });

  it('an empty diff says so', () => {
    const same = diffMatrices(pair.old, pair.old, { old: 'a', new: 'a' });
    expect(diffFormats.text(same, 'en')).toContain('No difference.');
    expect(diffFormats.md(same, 'fr')).toContain('Aucune différence.');
  });
});

describe('change request (goldens)', () => {
  const { deltas, errors } = firewallDeltas(pair.old, pair.new);
  const cr = buildChangeRequest({
    diff,
    findings: [
      {
        rule: 'cleartext-flow',
        severity: 'high',
        key: 'fixture.syslog',
        ref: '§11',
        message: { fr: 'syslog en clair', en: 'syslog in cleartext' },
      },
      {
        rule: 'cleartext-flow',
        severity: 'high',
        key: 'fixture.ntp',
        message: { fr: 'fermé : hors sujet', en: 'closed: not new' },
      },
    ],
    deltas,
    deltaErrors: errors,
    requester: 'J. Martin',
    justification: 'Syslog collection',
    sitePath: 'examples/site.yaml',
  });

  it('keeps only the findings of opened or widened rows', () => {
    expect(cr.findings.map((f) => f.key)).toEqual(['fixture.syslog']);
  });

  it.each<[string, Lang]>([
    ['md', 'en'],
    ['md', 'fr'],
    ['html', 'fr'],
  ])('%s (%s)', (format, lang) => {
    expectGolden(golden(`change-request.${lang}.${format}`), changeRequestFormats[format as 'md'](cr, lang) as string);
  });

  it('xlsx', async () => {
    expectGolden(golden('change-request.en.xlsx.txt'), await workbookText(changeRequestFormats.xlsx(cr, 'en')));
  });
});

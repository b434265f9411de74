import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix, MatrixRow } from '../../src/model/matrix.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { CELL_LIMIT, columnLetter, fitCell } from '../../src/render/xlsx/xml.js';
import { ZipWriter } from '../../src/render/xlsx/zip.js';
import { escapeXml } from '../../src/util/xml.js';
import { matrix } from './fixtures/matrix.js';

/** Reads a ZIP with the central directory, independently of the writer: name → inflated bytes. */
function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const b = Buffer.from(bytes);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(b.readUInt32LE(at)).toBe(0x02014b50);
    const size = b.readUInt32LE(at + 24);
    const compressed = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const local = b.readUInt32LE(at + 42);
    const name = b.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = inflateRawSync(b.subarray(dataAt, dataAt + compressed));
    expect(data.length).toBe(size);
    out.set(name, data);
    at += 46 + nameLength;
  }
  return out;
}

describe('zip writer', () => {
  it('writes parts larger than one deflate slice that inflate back to the same bytes', () => {
    const zip = new ZipWriter();
    const part = zip.part('big.txt');
    const pieces: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      const piece = `ligne ${i} — é€😀 ${'x'.repeat(i % 50)}\n`;
      pieces.push(piece);
      part.write(piece);
    }
    part.write('y'.repeat(1_500_000)); // one write longer than a slice
    part.close();
    zip.file('small.xml', '<a/>');
    const files = unzip(zip.finish());
    expect(files.get('big.txt')?.toString('utf8')).toBe(`${pieces.join('')}${'y'.repeat(1_500_000)}`);
    expect(files.get('small.xml')?.toString('utf8')).toBe('<a/>');
  });
});

describe('xml text', () => {
  it('escapes markup and drops characters XML 1.0 forbids', () => {
    expect(escapeXml('a & b <c> "d"')).toBe('a &amp; b &lt;c&gt; &quot;d&quot;');
    expect(escapeXml('bell\u0007 tab\t nl\n lone\uD800 pair😀 \uFFFE')).toBe('bell tab\t nl\n lone pair😀 ');
  });

  it('cuts cells over Excel’s limit with a visible marker, never inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 0, maxLength: 40_000 }), (s) => {
        const fitted = fitCell(s);
        expect(fitted.length).toBeLessThanOrEqual(CELL_LIMIT);
        if (s.length <= CELL_LIMIT) expect(fitted).toBe(s);
        else expect(fitted.endsWith(' […]')).toBe(true);
      }),
      { numRuns: 30 },
    );
    const emoji = `${'a'.repeat(CELL_LIMIT - 5)}${'😀'.repeat(10)}`;
    const cut = fitCell(emoji);
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut); // a split pair would come back as U+FFFD
  });

  it('names columns like Excel', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('xlsx writer', () => {
  it('keeps hostile text, long cells and every line when read back by exceljs', async () => {
    const base = matrix.rows[0] as MatrixRow;
    const long = 'L'.repeat(CELL_LIMIT + 100);
    const rows: MatrixRow[] = Array.from({ length: 3000 }, (_, i) => ({
      ...base,
      key: `k${i}`,
      purpose: { fr: i === 0 ? long : ` bord ${i} \u0001<&>`, en: i === 0 ? long : ` edge ${i} \u0001<&>` },
    }));
    const big: Matrix = { ...matrix, rows };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderXlsx(big, { lang: 'en' })) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(base.catalog) as ExcelJS.Worksheet;
    const linesPerRow = sheet.rowCount - 1;
    expect(linesPerRow % rows.length).toBe(0);
    const purpose = sheet.getColumn(17).values.slice(2).map(String);
    expect(purpose[0]?.length).toBe(CELL_LIMIT);
    expect(purpose).toContain(' edge 2999 <&>');
  });
});

import { describe, expect, it } from 'vitest';
import { FORMAT_IDS, formats } from '../../src/render/index.js';
import { findings, matrix } from './fixtures/matrix.js';

describe('format registry', () => {
  it('lists every format under its own id with a distinct extension', () => {
    expect(FORMAT_IDS).toEqual(['csv', 'xlsx', 'md', 'html', 'json', 'mermaid', 'dot']);
    for (const id of FORMAT_IDS) expect(formats[id].id).toBe(id);
    expect(new Set(FORMAT_IDS.map((id) => formats[id].extension)).size).toBe(FORMAT_IDS.length);
  });

  for (const id of FORMAT_IDS) {
    it(`${id} returns ${formats[id].binary ? 'bytes' : 'text'} in both languages`, async () => {
      for (const lang of ['fr', 'en'] as const) {
        const out = await formats[id].render(matrix, { lang, findings });
        if (formats[id].binary) {
          expect(out).toBeInstanceOf(Uint8Array);
          // A zip archive starts with "PK".
          expect([...(out as Uint8Array).slice(0, 2)]).toEqual([0x50, 0x4b]);
        } else {
          expect(typeof out).toBe('string');
          expect((out as string).length).toBeGreaterThan(100);
        }
      }
    });
  }
});

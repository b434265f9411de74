import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidByte } from '../../src/catalog/decode.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('decodeUtf8', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeUtf8(bytes('id: café\n'))).toEqual({ ok: true, text: 'id: café\n' });
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'id: x\n'))).toEqual({ ok: true, text: 'id: x\n' });
  });

  it('refuses Latin-1 at the line and column of the first bad byte', () => {
    const r = decodeUtf8(bytes('id: x\ntitle: ', [0x52, 0xe9, 0x73], 'eau\n'));
    expect(r).toMatchObject({ ok: false, line: 2, col: 9 });
    expect(r.ok || r.message).toContain('byte 0xE9');
    expect(r.ok || r.message).toContain('"é"');
  });

  it('counts columns in characters, as the YAML positions do', () => {
    expect(decodeUtf8(bytes('é€😀', [0xff]))).toMatchObject({ ok: false, line: 1, col: 5 });
  });

  it('names UTF-16, with or without a byte-order mark', () => {
    const le = [...Buffer.from('id: x\n', 'utf16le')];
    expect(decodeUtf8(bytes([0xff, 0xfe], le))).toMatchObject({ ok: false, line: 1, col: 1 });
    expect(decodeUtf8(bytes(le)).ok || decodeUtf8(bytes(le))).toMatchObject({
      message: 'the file is encoded in UTF-16 (little-endian, without a byte-order mark), not UTF-8',
    });
    expect(decodeUtf8(bytes([0xfe, 0xff], [0, 0x69, 0, 0x64]))).toMatchObject({ ok: false });
  });

  it('agrees with the platform decoder on which byte sequences are UTF-8', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (b) => {
        let valid = true;
        try {
          strict.decode(b);
        } catch {
          valid = false;
        }
        expect(firstInvalidByte(b) === b.length).toBe(valid);
      }),
      { numRuns: 3000, seed: 16 },
    );
  });
});

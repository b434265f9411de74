import { frenchSpaces, type Text, text } from '../model/text.js';

/**
 * Catalogs and sites are UTF-8 (a byte-order mark is allowed and dropped). Anything else is refused with the
 * place of the first byte that is not UTF-8: decoding with replacement characters would turn "café" into
 * "caf\uFFFD" and the error would surface later, far from its cause, as an invalid id or a wrong name.
 */
export type Decoded =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      readonly line: number;
      readonly col: number;
      readonly message: string;
      readonly hint: string;
      /** The same, in French. */
      readonly fr: { readonly message: string; readonly hint: string };
    };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): Decoded {
  const utf16 = utf16Kind(bytes);
  if (utf16 !== undefined) {
    return refused(
      1,
      1,
      text(
        `le fichier est encodé en UTF-16 (${utf16.fr}), pas en UTF-8`,
        `the file is encoded in UTF-16 (${utf16.en}), not UTF-8`,
      ),
      text(
        'enregistrez-le en UTF-8 (dans un éditeur : Enregistrer sous… → Encodage : UTF-8 ; ou iconv -f UTF-16 -t UTF-8 FICHIER)',
        'save it as UTF-8 (in an editor: Save as… → Encoding: UTF-8; or iconv -f UTF-16 -t UTF-8 FILE)',
      ),
    );
  }
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    return invalidAt(bytes, firstInvalidByte(bytes));
  }
}

const refused = (line: number, col: number, message: Text, hint: Text): Decoded => ({
  ok: false,
  line,
  col,
  message: message.en,
  hint: hint.en,
  fr: { message: frenchSpaces(message.fr), hint: frenchSpaces(hint.fr) },
});

/** UTF-16 by its byte-order mark, or by the NUL bytes every ASCII character has in it. */
function utf16Kind(bytes: Uint8Array): Text | undefined {
  const [b0, b1] = bytes;
  if (b0 === 0xff && b1 === 0xfe)
    return text('petit-boutiste, avec indicateur d’ordre des octets', 'little-endian, with a byte-order mark');
  if (b0 === 0xfe && b1 === 0xff)
    return text('gros-boutiste, avec indicateur d’ordre des octets', 'big-endian, with a byte-order mark');
  // Two ASCII characters: `x\0y\0` (LE) or `\0x\0y` (BE). A YAML file never starts with NUL in UTF-8.
  if (bytes.length >= 4) {
    const [, , b2, b3] = bytes;
    if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0)
      return text('petit-boutiste, sans indicateur d’ordre des octets', 'little-endian, without a byte-order mark');
    if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0)
      return text('gros-boutiste, sans indicateur d’ordre des octets', 'big-endian, without a byte-order mark');
  }
  return undefined;
}

function invalidAt(bytes: Uint8Array, offset: number): Decoded {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Everything before `offset` is valid UTF-8: the column counts its characters as the YAML positions do.
  const col = UTF8.decode(bytes.subarray(lineStart, offset)).length + 1;
  const byte = bytes[offset] ?? 0;
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  const char = String.fromCharCode(byte);
  const latin1 = byte >= 0xa0;
  return refused(
    line,
    col,
    text(
      `le fichier n’est pas en UTF-8 valide : l’octet ${hex} ne peut pas être lu ici${latin1 ? ` (en Latin-1 / Windows-1252, ${hex} est "${char}")` : ''}`,
      `the file is not valid UTF-8: byte ${hex} cannot be read here${latin1 ? ` (in Latin-1 / Windows-1252, ${hex} is "${char}")` : ''}`,
    ),
    text(
      'enregistrez le fichier en UTF-8 (dans un éditeur : Enregistrer sous… → Encodage : UTF-8 ; ou iconv -f WINDOWS-1252 -t UTF-8 FICHIER)',
      'save the file as UTF-8 (in an editor: Save as… → Encoding: UTF-8; or iconv -f WINDOWS-1252 -t UTF-8 FILE)',
    ),
  );
}

/**
 * The offset of the first byte that breaks UTF-8 (the lead byte of a bad or cut sequence), with the rules the
 * decoder applies: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

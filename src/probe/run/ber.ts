/**
 * The little of BER (X.690) that an LDAP opening check needs: definite lengths, INTEGER/ENUMERATED, OCTET STRING,
 * BOOLEAN, SEQUENCE/SET and context or application tags. Decoding is bounds-checked and never reads past its buffer.
 */

export interface Tlv {
  readonly tag: number;
  readonly value: Buffer;
  /** Offset just past this element in the buffer it was read from. */
  readonly end: number;
}

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  octetString: 0x04,
  enumerated: 0x0a,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Application tag n, constructed (LDAP protocol operations). */
export const application = (n: number): number => 0x60 | n;
/** Application tag n, primitive (UnbindRequest, DelRequest). */
export const applicationPrimitive = (n: number): number => 0x40 | n;
/** Context tag n, primitive ([0] simple password, [0] extended request name). */
export const context = (n: number): number => 0x80 | n;

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const tlv = (tag: number, value: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), lengthBytes(value.length), value]);

export function integer(n: number, tag: number = TAG.integer): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  return tlv(tag, Buffer.from(bytes));
}

export const enumerated = (n: number): Buffer => integer(n, TAG.enumerated);
export const octets = (s: string | Buffer, tag: number = TAG.octetString): Buffer =>
  tlv(tag, typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
export const boolean = (b: boolean): Buffer => tlv(TAG.boolean, Buffer.from([b ? 0xff : 0]));
export const sequence = (...items: Buffer[]): Buffer => tlv(TAG.sequence, Buffer.concat(items));

/** Reads one element at `offset`; undefined when the buffer does not hold all of it yet. Throws on malformed input. */
export function readTlv(buffer: Buffer, offset = 0): Tlv | undefined {
  if (offset + 2 > buffer.length) return undefined;
  const tag = buffer[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new Error('BER: multi-byte tags are not used by LDAP');
  let length = buffer[offset + 1] as number;
  let at = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error(`BER: unsupported length of ${count} bytes`);
    if (at + count > buffer.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buffer[at + i] as number);
    at += count;
  }
  if (at + length > buffer.length) return undefined;
  return { tag, value: buffer.subarray(at, at + length), end: at + length };
}

/** The elements inside a constructed value, in order. */
export function children(value: Buffer): Tlv[] {
  const out: Tlv[] = [];
  let offset = 0;
  for (let guard = 0; offset < value.length && guard < 100_000; guard++) {
    const item = readTlv(value, offset);
    if (!item) throw new Error('BER: truncated element');
    out.push(item);
    offset = item.end;
  }
  return out;
}

export function readInteger(item: Tlv): number {
  if (item.value.length === 0 || item.value.length > 6) throw new Error('BER: integer out of range');
  let n = (item.value[0] as number) & 0x80 ? -1 : 0;
  for (const byte of item.value) n = n * 256 + byte;
  return n;
}

/** Length of the first complete element in a stream buffer (a whole LDAP message), or undefined if incomplete. */
export const frameLength = (buffer: Buffer): number | undefined => readTlv(buffer)?.end;

/**
 * The least of DER a revocation check needs: read one TLV, list a constructed value's children, decode OIDs,
 * INTEGERs and times, and encode the few structures of an OCSP request. Every read is bounds-checked and throws a
 * DerError (never reads past the buffer, never loops past it); callers turn that into a FAIL with the reason.
 */
export class DerError extends Error {
  override readonly name = 'DerError';
}

export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number, one byte: X.509 needs no high tag numbers). */
  readonly tag: number;
  /** The whole element, header included (what a signature covers, what a name hash is taken over). */
  readonly bytes: Buffer;
  /** The content octets. */
  readonly value: Buffer;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag `[n]`, constructed (EXPLICIT or a constructed IMPLICIT) or primitive. */
export const ctx = (n: number, constructed = true): number => 0x80 | (constructed ? 0x20 : 0) | n;

const MAX_CHILDREN = 1_000_000;

export function readTlv(buf: Buffer, offset = 0): Tlv {
  if (offset + 2 > buf.length) throw new DerError(`truncated element at byte ${offset}`);
  const tag = buf[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high tag number at byte ${offset} is not supported`);
  let length = buf[offset + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError(`indefinite length at byte ${offset} is not DER`);
    if (count > 4) throw new DerError(`length of ${count} bytes at byte ${offset} is too long`);
    if (offset + 2 + count > buf.length) throw new DerError(`truncated length at byte ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buf[offset + 2 + i] as number);
    header += count;
  }
  const end = offset + header + length;
  if (end > buf.length) throw new DerError(`element at byte ${offset} runs past the end (${end} > ${buf.length})`);
  return { tag, bytes: buf.subarray(offset, end), value: buf.subarray(offset + header, end) };
}

/** Reads one element that must fill the buffer and carry the expected tag. */
export function readOnly(buf: Buffer, tag?: number): Tlv {
  const tlv = readTlv(buf, 0);
  if (tlv.bytes.length !== buf.length) throw new DerError(`${buf.length - tlv.bytes.length} bytes after the element`);
  return expectTag(tlv, tag);
}

export function expectTag(tlv: Tlv, tag?: number): Tlv {
  if (tag !== undefined && tlv.tag !== tag) {
    throw new DerError(`expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  }
  return tlv;
}

export function children(tlv: Tlv): Tlv[] {
  if (!(tlv.tag & 0x20)) throw new DerError(`tag 0x${tlv.tag.toString(16)} is not constructed`);
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < tlv.value.length) {
    if (out.length >= MAX_CHILDREN) throw new DerError('too many elements');
    const child = readTlv(tlv.value, offset);
    out.push(child);
    offset += child.bytes.length;
  }
  return out;
}

/** The n-th child, which must exist. */
export function child(tlv: Tlv, n: number, tag?: number): Tlv {
  const c = children(tlv)[n];
  if (!c) throw new DerError(`missing element ${n}`);
  return expectTag(c, tag);
}

export function oid(tlv: Tlv): string {
  expectTag(tlv, TAG.OID);
  const v = tlv.value;
  if (v.length === 0) throw new DerError('empty OID');
  const first = v[0] as number;
  const arcs = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let n = 0;
  for (let i = 1; i < v.length; i++) {
    const b = v[i] as number;
    n = n * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(n);
      n = 0;
    }
  }
  return arcs.join('.');
}

/** An INTEGER's content as lower-case hex without leading zero bytes (how serials are compared and shown). */
export function integerHex(tlv: Tlv): string {
  expectTag(tlv, TAG.INTEGER);
  let v = tlv.value;
  while (v.length > 1 && v[0] === 0) v = v.subarray(1);
  return v.toString('hex');
}

/** UTCTime (YYMMDDHHMMSSZ, 50–99 → 19xx) or GeneralizedTime (YYYYMMDDHHMMSS[.f]Z). */
export function time(tlv: Tlv): Date {
  const s = tlv.value.toString('latin1');
  const utcTime = tlv.tag === TAG.UTC_TIME ? s.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/) : null;
  if (utcTime) {
    const yy = Number(utcTime[1]);
    return utc(yy < 50 ? 2000 + yy : 1900 + yy, utcTime.slice(2));
  }
  const generalized =
    tlv.tag === TAG.GENERALIZED_TIME ? s.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/) : null;
  if (generalized) return utc(Number(generalized[1]), generalized.slice(2));
  throw new DerError(`not a DER time: ${JSON.stringify(s.slice(0, 20))}`);
}

function utc(year: number, [mo, d, h, mi, s]: string[]): Date {
  const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== Number(mo) - 1) throw new DerError('impossible date');
  return date;
}

export const isTime = (tlv: Tlv | undefined): boolean => tlv?.tag === TAG.UTC_TIME || tlv?.tag === TAG.GENERALIZED_TIME;

/** A BIT STRING's bits (the unused-bits octet dropped; keys and signatures are whole bytes). */
export function bitString(tlv: Tlv): Buffer {
  expectTag(tlv, TAG.BIT_STRING);
  if (tlv.value.length === 0) throw new DerError('empty BIT STRING');
  return tlv.value.subarray(1);
}

/** Encodes one element. */
export function encode(tag: number, ...content: Buffer[]): Buffer {
  const value = Buffer.concat(content);
  const n = value.length;
  let header: Buffer;
  if (n < 0x80) header = Buffer.from([tag, n]);
  else {
    const bytes: number[] = [];
    for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x % 256);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, value]);
}

export function encodeOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [(arcs[0] as number) * 40 + (arcs[1] as number)];
  for (const arc of arcs.slice(2)) {
    const bytes = [arc & 0x7f];
    for (let x = Math.floor(arc / 128); x > 0; x = Math.floor(x / 128)) bytes.unshift((x & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return encode(TAG.OID, Buffer.from(out));
}

/** PEM (`-----BEGIN label-----`) to DER; DER passes through. */
export function pemOrDer(data: Buffer, label: string): Buffer {
  const text = data.subarray(0, 64).toString('latin1');
  if (!text.includes('-----BEGIN')) return data;
  const m = data.toString('latin1').match(new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`));
  if (!m?.[1]) throw new DerError(`PEM without a ${label} block`);
  return Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
}

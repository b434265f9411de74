import { describe, expect, it } from 'vitest';
import { children, frameLength, integer, octets, readInteger, readTlv, sequence } from '../../src/probe/run/ber.js';
import {
  bindRequest,
  decodeResponse,
  START_TLS_OID,
  startTlsRequest,
  unbindRequest,
} from '../../src/probe/run/ldap.js';

describe('BER for LDAP', () => {
  it('encodes the StartTLS extended request byte for byte as RFC 4511 §4.14.1 lays it out', () => {
    const oid = Buffer.from(START_TLS_OID);
    const expected = Buffer.concat([
      Buffer.from([0x30, 5 + 2 + oid.length, 0x02, 0x01, 0x01, 0x77, 2 + oid.length, 0x80, oid.length]),
      oid,
    ]);
    expect(startTlsRequest(1).equals(expected)).toBe(true);
    expect(unbindRequest(7).toString('hex')).toBe('30050201074200');
  });

  it('encodes integers in two’s complement with the fewest bytes', () => {
    expect(integer(0).toString('hex')).toBe('020100');
    expect(integer(127).toString('hex')).toBe('02017f');
    expect(integer(128).toString('hex')).toBe('02020080');
    expect(integer(65536).toString('hex')).toBe('0203010000');
    for (const n of [0, 1, 127, 128, 255, 256, 2 ** 31 - 1]) expect(readInteger(readTlv(integer(n)) as never)).toBe(n);
  });

  it('uses the long length form past 127 bytes and frames a stream only when complete', () => {
    const long = octets('x'.repeat(300));
    expect(long.subarray(0, 4).toString('hex')).toBe('0482012c');
    const two = Buffer.concat([sequence(long), integer(5)]);
    expect(frameLength(two)).toBe(two.length - 3);
    expect(frameLength(two.subarray(0, 100))).toBeUndefined();
    expect(frameLength(two.subarray(0, 1))).toBeUndefined();
    expect(children((readTlv(sequence(integer(1), octets('a'))) as { value: Buffer }).value).map((c) => c.tag)).toEqual(
      [0x02, 0x04],
    );
  });

  it('rejects malformed input instead of reading past it', () => {
    expect(() => children(Buffer.from([0x04, 0x05, 0x61]))).toThrow(/truncated/);
    expect(() => readTlv(Buffer.from([0x04, 0x85, 1, 1, 1, 1, 1]))).toThrow(/unsupported length/);
    expect(() => decodeResponse(Buffer.from([0x04, 0x00]))).toThrow(/not an LDAPMessage/);
  });

  it('decodes a bind response and keeps the password only in the request', () => {
    const response = sequence(integer(3), Buffer.from([0x61, 0x07, 0x0a, 0x01, 0x31, 0x04, 0x00, 0x04, 0x00]));
    expect(decodeResponse(response)).toEqual({
      id: 3,
      op: 'result',
      tag: 0x61,
      result: { code: 49, matchedDn: '', diagnostic: '' },
    });
    expect(bindRequest(1, 'cn=a', 'pw').includes(Buffer.from([0x80, 0x02, 0x70, 0x77]))).toBe(true);
  });
});

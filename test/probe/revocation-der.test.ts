import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certFields } from '../../src/probe/run/x509/cert.js';
import { parseCrl } from '../../src/probe/run/x509/crl.js';
import { DerError, readOnly } from '../../src/probe/run/x509/der.js';
import { ocspRequest, parseOcspResponse } from '../../src/probe/run/x509/ocsp.js';
import { checkSignature } from '../../src/probe/run/x509/signature.js';
import { freePort, makePki, probeRequirements, type TestPki } from '../support/probe-tls.js';
import { missing } from '../support/system.js';

/** `notAfter=Dec  6 03:55:47 2026 GMT` → Date, as openssl prints it. */
const opensslDate = (line: string) => new Date(line.split('=')[1] as string);

describe.skipIf(missing(probeRequirements.openssl))('the minimal DER reader agrees with openssl', () => {
  let pki: TestPki;
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: pki.dir }).toString();
  beforeAll(async () => {
    pki = makePki(await freePort(), await freePort());
  });
  afterAll(() => pki?.cleanup());

  it('reads a CRL made by openssl ca -gencrl: dates, revoked serials, issuer, signature', () => {
    const crl = parseCrl(pki.crlDer);
    const [last, next] = run(['crl', '-in', 'ca.crl.pem', '-noout', '-lastupdate', '-nextupdate']).trim().split('\n');
    expect(crl.thisUpdate).toEqual(opensslDate(last as string));
    expect(crl.nextUpdate).toEqual(opensslDate(next as string));
    expect([...crl.revoked]).toEqual([pki.revoked.serial.toLowerCase()]);
    const ca = new X509Certificate(readFileSync(pki.caCert));
    expect(crl.issuerDer.equals(certFields(ca.raw).subjectDer)).toBe(true);
    expect(checkSignature(crl.signatureOid, crl.signedDer, crl.signature, ca)).toBe('valid');
    const other = new X509Certificate(readFileSync(pki.good.cert));
    expect(checkSignature(crl.signatureOid, crl.signedDer, crl.signature, other)).toBe('invalid');
    expect(parseCrl(pki.staleCrlDer).nextUpdate?.toISOString()).toBe('2020-01-08T00:00:00.000Z');
  });

  it('reads the CRL distribution point and the OCSP URL of a certificate', () => {
    const leaf = certFields(new X509Certificate(readFileSync(pki.good.cert)).raw);
    expect(leaf.crlUrls).toEqual([pki.crlUrl]);
    expect(leaf.ocspUrls).toEqual([pki.ocspUrl]);
    expect(leaf.serialHex).toBe(pki.good.serial.toLowerCase());
    const ca = certFields(new X509Certificate(readFileSync(pki.caCert)).raw);
    expect(ca.crlUrls).toEqual([]);
    expect(ca.ocspUrls).toEqual([]);
  });

  it('builds byte for byte the OCSP request openssl builds (no nonce)', () => {
    run(['ocsp', '-issuer', 'ca.crt', '-cert', pki.good.cert, '-no_nonce', '-reqout', 'req.der']);
    const expected = readFileSync(join(pki.dir, 'req.der'));
    const leaf = certFields(new X509Certificate(readFileSync(pki.good.cert)).raw);
    const issuer = certFields(new X509Certificate(readFileSync(pki.caCert)).raw);
    expect(ocspRequest(leaf, issuer).toString('hex')).toBe(expected.toString('hex'));
  });

  it('reads OCSP responses made by openssl ocsp from the CA index (good and revoked)', () => {
    for (const [leaf, status] of [
      [pki.good, 'good'],
      [pki.revoked, 'revoked'],
    ] as const) {
      run(['ocsp', '-issuer', 'ca.crt', '-cert', leaf.cert, '-no_nonce', '-reqout', 'q.der']);
      run([
        'ocsp',
        '-index',
        'index.txt',
        '-rsigner',
        'ca.crt',
        '-rkey',
        'ca.key',
        '-CA',
        'ca.crt',
        '-reqin',
        'q.der',
        '-respout',
        'r.der',
      ]);
      const answer = parseOcspResponse(readFileSync(join(pki.dir, 'r.der')));
      expect(answer.responseStatus).toBe('successful');
      expect(answer.responses).toHaveLength(1);
      expect(answer.responses[0]?.serialHex).toBe(leaf.serial.toLowerCase());
      expect(answer.responses[0]?.status).toBe(status);
      const ca = new X509Certificate(readFileSync(pki.caCert));
      const { signatureOid, signedDer, signature } = answer;
      expect(checkSignature(signatureOid ?? '', signedDer ?? Buffer.alloc(0), signature ?? Buffer.alloc(0), ca)).toBe(
        'valid',
      );
    }
  });

  it('reads an unsuccessful OCSP status without response bytes', () => {
    // OCSPResponse { responseStatus unauthorized (6) }
    expect(parseOcspResponse(Buffer.from('30030a0106', 'hex')).responseStatus).toBe('unauthorized');
  });

  it('rejects every truncation and corruption of a CRL with a DerError, never another error or a hang', () => {
    const der = pki.crlDer;
    for (let n = 0; n < der.length; n++) expect(() => parseCrl(der.subarray(0, n))).toThrow(DerError);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: der.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const copy = Buffer.from(der);
        copy[at] = byte;
        try {
          parseCrl(copy);
        } catch (err) {
          expect(err).toBeInstanceOf(DerError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses indefinite lengths and trailing bytes', () => {
    expect(() => readOnly(Buffer.from('3080000000', 'hex'))).toThrow(/indefinite length/);
    expect(() => readOnly(Buffer.from('300000', 'hex'))).toThrow(/1 bytes after the element/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRevocation } from '../../src/probe/run/revocation.js';
import type { ProbeResult, ProbeSpec } from '../../src/probe/types.js';
import {
  checkOf as check,
  evidenceOf as ev,
  freePort,
  makePki,
  probeRequirements,
  probeSpec,
  type Started,
  startHttp,
  startOcspResponder,
  startSquid,
  startTlsServer,
  type TestPki,
  testContext,
} from '../support/probe-tls.js';
import { missing } from '../support/system.js';

const dump = (r: ProbeResult) => JSON.stringify(r.evidence, null, 1);

const spec = (target: string, port: number, options: ProbeSpec['options'] = {}) =>
  probeSpec('revocation', target, port, options);

describe.skipIf(missing(probeRequirements.openssl, probeRequirements.squid))(
  'revocation runner: openssl CA, CRL over HTTP, openssl ocsp',
  () => {
    let pki: TestPki;
    let crlServer: { port: number; stop(): Promise<void> };
    /** What the CRL URL serves; tests swap it (stale, PEM, garbage) and put it back. */
    let crlBody: Buffer;
    let ocsp: Started | undefined;
    let good: Started & { port: number };
    let revoked: Started & { port: number };
    let squid: Started & { port: number; dir: string };

    beforeAll(async () => {
      const crlPort = await freePort();
      crlServer = await startHttp((req, res) => {
        if (req.url !== '/ca.crl') {
          res.writeHead(404);
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/pkix-crl' });
        res.end(crlBody);
      }, crlPort);
      pki = makePki(crlPort, await freePort());
      crlBody = pki.crlDer;
      ocsp = await startOcspResponder(pki);
      good = await startTlsServer(pki, pki.good, 'modern');
      revoked = await startTlsServer(pki, pki.revoked, 'modern');
      squid = await startSquid({ hosts: ['good.test'] });
    });

    afterAll(async () => {
      await Promise.all([ocsp?.stop(), good?.stop(), revoked?.stop(), squid?.stop(), crlServer?.stop()]);
      pki?.cleanup();
    });

    const options = () => ({ address: '127.0.0.1', caFile: pki.caCert });

    it('passes a good certificate: CRL current and signed by the issuer, OCSP good', async () => {
      const r = await runRevocation(spec('good.test', good.port, options()), testContext());
      expect(r.status, dump(r)).toBe('PASS');
      expect(ev(r, 'CRL distribution points')).toBe(pki.crlUrl);
      expect(ev(r, 'OCSP')).toBe(pki.ocspUrl);
      expect(ev(r, 'CRL entries')).toBe('1');
      expect(ev(r, 'CRL signature')).toBe('valid');
      expect(check(r, 'CRL')).toMatch(/^PASS: CRL current until /);
      expect(ev(r, 'OCSP certStatus')).toBe('good');
      expect(ev(r, 'OCSP signature')).toBe('valid (issuer)');
      expect(check(r, 'OCSP')).toBe('PASS: OCSP: good, signature valid');
      expect(r.timings['CRL response']).toBeGreaterThan(0);
      expect(r.timings['OCSP response']).toBeGreaterThan(0);
    });

    it('fails a revoked certificate, from the CRL and from OCSP', async () => {
      const r = await runRevocation(spec('revoked.test', revoked.port, options()), testContext());
      expect(r.status).toBe('FAIL');
      expect(check(r, 'CRL')).toMatch(
        new RegExp(`certificate revoked \\(serial ${pki.revoked.serial.toLowerCase()} in the CRL\\)`),
      );
      expect(ev(r, 'OCSP certStatus')).toBe('revoked');
      expect(check(r, 'OCSP')).toMatch(/^FAIL: OCSP: certificate revoked on 20/);
    });

    it('fails an out-of-date CRL, reads a PEM one, and rejects one that is not a CRL', async () => {
      try {
        crlBody = pki.staleCrlDer;
        const stale = await runRevocation(spec('good.test', good.port, options()), testContext());
        expect(stale.status).toBe('FAIL');
        expect(check(stale, 'CRL')).toMatch(/^FAIL: CRL out of date since 2020-01-08T00:00:00.000Z/);
        crlBody = readFileSync(join(pki.dir, 'ca.crl.pem'));
        expect((await runRevocation(spec('good.test', good.port, options()), testContext())).status).toBe('PASS');
        crlBody = Buffer.from('<html>captive portal</html>');
        const junk = await runRevocation(spec('good.test', good.port, options()), testContext());
        expect(check(junk, 'CRL')).toMatch(/^FAIL: http:\/\/127.0.0.1:\d+\/ca.crl is not a CRL: /);
        crlBody = pki.crlDer.subarray(0, pki.crlDer.length - 10);
        const cut = await runRevocation(spec('good.test', good.port, options()), testContext());
        expect(check(cut, 'CRL')).toMatch(/is not a CRL: .*runs past the end/);
      } finally {
        crlBody = pki.crlDer;
      }
    });

    it('fetches the certificate, the CRL and the OCSP answer through the proxy', async () => {
      const r = await runRevocation(
        spec('good.test', good.port, { caFile: pki.caCert }),
        testContext({ proxy: `http://127.0.0.1:${squid.port}` }),
      );
      expect(r.status, dump(r)).toBe('PASS');
      expect(ev(r, 'CONNECT')).toBe('200 Connection established');
      const log = readFileSync(join(squid.dir, 'access.log'), 'utf8');
      expect(log).toContain(`GET ${pki.crlUrl}`);
      expect(log).toContain(`POST ${pki.ocspUrl}`);
    });

    it('fails OCSP alone when the responder is down', async () => {
      await ocsp?.stop();
      ocsp = undefined;
      const r = await runRevocation(spec('good.test', good.port, options()), testContext());
      expect(r.status).toBe('FAIL');
      expect(check(r, 'CRL')).toMatch(/^PASS/);
      expect(check(r, 'OCSP')).toMatch(/^FAIL: OCSP http:\/\/127.0.0.1:\d+\/ unreachable: .*ECONNREFUSED/);
    });

    it('is INCONCLUSIVE for a certificate that names neither a CRL nor an OCSP responder', async () => {
      const bare = await startTlsServer(pki, { cert: pki.caCert, key: pki.caKey, serial: '' }, 'modern');
      try {
        const r = await runRevocation(spec('127.0.0.1', bare.port, { caFile: pki.caCert }), testContext());
        expect(r.status).toBe('INCONCLUSIVE');
        expect(ev(r, 'CRL distribution points')).toBe('none');
      } finally {
        await bare.stop();
      }
    });

    it('fails when no certificate can be fetched', async () => {
      const r = await runRevocation(spec('good.test', await freePort(), options()), testContext());
      expect(r.status).toBe('FAIL');
      expect(r.error).toMatch(/ECONNREFUSED/);
    });
  },
);

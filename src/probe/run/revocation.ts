import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import { type Text, text } from '../../model/text.js';
import type { ProbeStatus } from '../types.js';
import type { ProbeRunner } from './runner.js';
import { connectVerdict } from './web/connect-verdict.js';
import { type Deadline, deadline } from './web/deadline.js';
import { type FetchRequest, fetchBounded } from './web/fetch.js';
import { optString } from './web/options.js';
import { type ProxyEndpoint, proxyFor } from './web/proxy-url.js';
import { errorText, Recorder, worst } from './web/record.js';
import { connectTcp, handshake, proxyConnect } from './web/sockets.js';
import { type CertFields, certFields } from './x509/cert.js';
import { chainOf } from './x509/chain.js';
import { parseCrl } from './x509/crl.js';
import { pemOrDer } from './x509/der.js';
import { ocspRequest, parseOcspResponse } from './x509/ocsp.js';
import { checkSignature } from './x509/signature.js';
import { trustStore } from './x509/trust.js';

/** A CRL of a public CA runs to megabytes; past this it is reported, not parsed. */
export const MAX_CRL_BYTES = 16 * 1024 * 1024;
const MAX_CRL_URLS = 3;
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

interface Found {
  readonly status: ProbeStatus;
  readonly detail: Text;
}

const problem = (status: ProbeStatus, fr: string, en: string): Found => ({ status, detail: text(fr, en) });

interface Subject {
  readonly leaf: CertFields;
  readonly leafCert: X509Certificate;
  readonly issuer?: X509Certificate;
  readonly issuerFields?: CertFields;
}

interface Route {
  readonly rec: Recorder;
  readonly dl: Deadline;
  readonly proxy?: ProxyEndpoint;
  readonly now: Date;
}

/**
 * revocation: the server's certificate (fetched over TLS, through the proxy when there is one), then each CRL
 * distribution point fetched the same way and checked (parses, issued by the certificate's issuer, signature, current,
 * certificate not listed), and the OCSP responder asked about the certificate (status successful, signature, good).
 * Options: `address`, `sni`, `caFile`, `proxy`/`direct`.
 */
export const runRevocation: ProbeRunner = async (spec, ctx) => {
  const rec = new Recorder(spec, ctx);
  const proxy = proxyFor(spec, ctx);
  if (proxy && 'error' in proxy)
    return rec.finish({ status: 'FAIL', summary: text(proxy.error, proxy.error), error: proxy.error });
  if (proxy) rec.add('proxy', proxy.display);
  const route: Route = { rec, dl: deadline(ctx), ...(proxy ? { proxy } : {}), now: ctx.now?.() ?? new Date() };
  let subject: Subject;
  try {
    subject = await rec.time('certificate', () => presentedCertificate(spec.target, spec.port ?? 443, spec, route));
  } catch (err) {
    const error = errorText(err);
    rec.check('certificate', 'FAIL', text(`certificat non obtenu : ${error}`, `certificate not obtained: ${error}`));
    return rec.finish({ error });
  }
  const { leaf } = subject;
  rec.add('serial', leaf.serialHex);
  rec.add('CRL distribution points', leaf.crlUrls.join(' ') || 'none');
  rec.add('OCSP', leaf.ocspUrls.join(' ') || 'none');
  if (!subject.issuer) {
    rec.add('issuer', 'not presented and not fetched: signatures cannot be verified, OCSP cannot be asked');
  }
  const crlUrls = leaf.crlUrls.filter((u) => /^https?:/i.test(u)).slice(0, MAX_CRL_URLS);
  for (const other of leaf.crlUrls.filter((u) => !/^https?:/i.test(u))) rec.add('CRL not fetched', other);
  if (crlUrls.length === 0 && leaf.ocspUrls.length === 0) {
    return rec.finish({
      status: 'INCONCLUSIVE',
      summary: text(
        'le certificat ne donne ni CRL ni OCSP',
        'the certificate names neither a CRL nor an OCSP responder',
      ),
    });
  }
  try {
    await checkPointers(subject, crlUrls, route);
  } catch (err) {
    // A malformed answer the checks did not foresee still ends as a result, never a throw.
    const error = errorText(err);
    rec.check('revocation', 'FAIL', text(`erreur : ${error}`, `error: ${error}`));
    return rec.finish({ error });
  }
  return rec.finish();
};

async function checkPointers(subject: Subject, crlUrls: readonly string[], route: Route): Promise<void> {
  const { rec } = route;
  for (const [i, url] of crlUrls.entries()) {
    const found = await checkCrl(url, subject, route, i === 0 ? 'CRL' : `CRL ${i + 1}`);
    rec.check(i === 0 ? 'CRL' : `CRL ${i + 1}`, found.status, found.detail);
  }
  const ocspUrl = subject.leaf.ocspUrls.find((u) => /^https?:/i.test(u));
  if (ocspUrl) {
    const found = await checkOcsp(ocspUrl, subject, route);
    rec.check('OCSP', found.status, found.detail);
  }
}

async function presentedCertificate(host: string, port: number, spec: Parameters<ProbeRunner>[0], route: Route) {
  const { dl, proxy, rec } = route;
  let raw: net.Socket;
  if (proxy) {
    const answer = await proxyConnect(proxy, host, port, dl.signal);
    rec.add('CONNECT', `${answer.status} ${answer.statusText}`);
    if (!answer.tunnel)
      throw Object.assign(new Error(connectVerdict(answer, Boolean(proxy.authorization)).detail.en), {
        code: 'EPROXY',
      });
    raw = answer.tunnel;
  } else {
    raw = await connectTcp(optString(spec, 'address') ?? host, port, dl.signal);
  }
  const trust = await trustStore(optString(spec, 'caFile'));
  const sni = optString(spec, 'sni') ?? host;
  const secure = await handshake(
    { socket: raw, servername: net.isIP(sni) ? undefined : sni, ca: [...trust.ca], rejectUnauthorized: false },
    dl.signal,
  );
  const chain = chainOf(secure.getPeerCertificate(true));
  secure.destroy();
  const [first, second] = chain;
  if (!first) throw new Error('no certificate presented');
  rec.add('certificate', first.subject);
  const leafCert = new X509Certificate(first.raw);
  let issuer =
    second && leafCert.checkIssued(new X509Certificate(second.raw)) ? new X509Certificate(second.raw) : undefined;
  const leaf = certFields(first.raw);
  if (!issuer) issuer = await fetchIssuer(leaf, leafCert, route);
  if (issuer) rec.add('issuer', issuer.subject.replace(/\n/g, ', '));
  return { leaf, leafCert, ...(issuer ? { issuer, issuerFields: certFields(issuer.raw) } : {}) };
}

/** The issuer from the AIA caIssuers URL when the server did not present it (DER or PEM, one certificate). */
async function fetchIssuer(
  leaf: CertFields,
  leafCert: X509Certificate,
  route: Route,
): Promise<X509Certificate | undefined> {
  const url = leaf.caIssuersUrls.find((u) => /^https?:/i.test(u));
  if (!url) return undefined;
  try {
    const answer = await fetchBounded(request(url, route, 'caIssuers', { method: 'GET' }), route.rec, route.dl);
    if (answer.kind !== 'response' || answer.status !== 200) return undefined;
    const cert = new X509Certificate(pemOrDer(answer.body, 'CERTIFICATE'));
    return leafCert.checkIssued(cert) ? cert : undefined;
  } catch (err) {
    route.rec.add('caIssuers error', errorText(err));
    return undefined;
  }
}

const request = (url: string, route: Route, label: string, more: Partial<FetchRequest>): FetchRequest => ({
  url: new URL(url),
  method: 'GET',
  label,
  ...(route.proxy ? { proxy: route.proxy } : {}),
  ...more,
});

/** Worst problem first, or the PASS line describing what was verified. */
function verdict(problems: readonly Found[], ok: Text): Found {
  if (problems.length === 0) return { status: 'PASS', detail: ok };
  const status = worst(problems.map((p) => p.status));
  const ordered = [...problems.filter((p) => p.status === status), ...problems.filter((p) => p.status !== status)];
  return {
    status,
    detail: text(ordered.map((p) => p.detail.fr).join(', '), ordered.map((p) => p.detail.en).join(', ')),
  };
}

async function checkCrl(url: string, subject: Subject, route: Route, label: string): Promise<Found> {
  const { rec } = route;
  rec.add(`${label} url`, url);
  let body: Buffer;
  try {
    const answer = await fetchBounded(request(url, route, label, { maxBytes: MAX_CRL_BYTES }), rec, route.dl);
    if (answer.kind === 'proxy-refused') return connectVerdict(answer.connect, Boolean(route.proxy?.authorization));
    rec.add(`${label} status`, `${answer.status} ${answer.statusText}`);
    rec.add(`${label} bytes`, answer.body.length);
    if (answer.status !== 200)
      return problem('FAIL', `${url} : statut ${answer.status}`, `${url}: status ${answer.status}`);
    if (answer.truncated) {
      return problem(
        'WARN',
        `CRL au-delà de ${MAX_CRL_BYTES} octets, non lue`,
        `CRL over ${MAX_CRL_BYTES} bytes, not read`,
      );
    }
    body = answer.body;
  } catch (err) {
    const error = errorText(err);
    return problem('FAIL', `${url} injoignable : ${error}`, `${url} unreachable: ${error}`);
  }
  let crl: ReturnType<typeof parseCrl>;
  try {
    crl = parseCrl(pemOrDer(body, 'X509 CRL'));
  } catch (err) {
    const error = errorText(err);
    return problem('FAIL', `${url} n'est pas une CRL : ${error}`, `${url} is not a CRL: ${error}`);
  }
  rec.add(`${label} thisUpdate`, crl.thisUpdate.toISOString());
  rec.add(`${label} nextUpdate`, crl.nextUpdate?.toISOString() ?? 'none');
  rec.add(`${label} entries`, crl.revoked.size);
  const problems: Found[] = [];
  if (!crl.issuerDer.equals(subject.leaf.issuerDer)) {
    problems.push(problem('FAIL', "CRL d'un autre émetteur", 'CRL from another issuer'));
  }
  if (subject.issuer) {
    const sig = checkSignature(crl.signatureOid, crl.signedDer, crl.signature, subject.issuer);
    rec.add(`${label} signature`, sig);
    if (sig === 'invalid') problems.push(problem('FAIL', 'signature de la CRL invalide', 'CRL signature invalid'));
    if (sig === 'unsupported') {
      problems.push(
        problem('WARN', `signature ${crl.signatureOid} non vérifiée`, `signature ${crl.signatureOid} not verified`),
      );
    }
  } else {
    problems.push(
      problem('WARN', 'signature non vérifiée (émetteur inconnu)', 'signature not verified (issuer unknown)'),
    );
  }
  if (!crl.nextUpdate) {
    problems.push(problem('WARN', 'CRL sans nextUpdate', 'CRL without nextUpdate'));
  } else if (crl.nextUpdate.getTime() <= route.now.getTime()) {
    const at = crl.nextUpdate.toISOString();
    problems.push(problem('FAIL', `CRL périmée depuis ${at}`, `CRL out of date since ${at}`));
  }
  if (crl.revoked.has(subject.leaf.serialHex)) {
    const s = subject.leaf.serialHex;
    problems.push(
      problem('FAIL', `certificat révoqué (série ${s} dans la CRL)`, `certificate revoked (serial ${s} in the CRL)`),
    );
  }
  const until = crl.nextUpdate?.toISOString() ?? '?';
  return verdict(
    problems,
    text(
      `CRL à jour jusqu'au ${until}, signature valide, certificat absent des ${crl.revoked.size} entrées`,
      `CRL current until ${until}, signature valid, certificate not among its ${crl.revoked.size} entries`,
    ),
  );
}

async function checkOcsp(url: string, subject: Subject, route: Route): Promise<Found> {
  const { rec } = route;
  rec.add('OCSP url', url);
  if (!subject.issuer || !subject.issuerFields) {
    return problem(
      'UNTESTABLE',
      "OCSP non interrogé : certificat de l'émetteur indisponible",
      'OCSP not asked: issuer certificate unavailable',
    );
  }
  let body: Buffer;
  try {
    const answer = await fetchBounded(
      request(url, route, 'OCSP', {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: ocspRequest(subject.leaf, subject.issuerFields),
      }),
      rec,
      route.dl,
    );
    if (answer.kind === 'proxy-refused') return connectVerdict(answer.connect, Boolean(route.proxy?.authorization));
    const type = String(answer.headers['content-type'] ?? '');
    rec.add('OCSP status', `${answer.status} ${answer.statusText} ${type}`.trim());
    if (answer.status !== 200)
      return problem('FAIL', `OCSP : statut ${answer.status}`, `OCSP: status ${answer.status}`);
    if (type !== 'application/ocsp-response') {
      return problem('FAIL', `OCSP : type ${type || 'absent'}`, `OCSP: content type ${type || 'missing'}`);
    }
    body = answer.body;
  } catch (err) {
    const error = errorText(err);
    return problem('FAIL', `OCSP ${url} injoignable : ${error}`, `OCSP ${url} unreachable: ${error}`);
  }
  let answer: ReturnType<typeof parseOcspResponse>;
  try {
    answer = parseOcspResponse(body);
  } catch (err) {
    const error = errorText(err);
    return problem('FAIL', `réponse OCSP illisible : ${error}`, `unreadable OCSP response: ${error}`);
  }
  rec.add('OCSP responseStatus', answer.responseStatus);
  if (answer.responseStatus !== 'successful') {
    return problem('FAIL', `OCSP : ${answer.responseStatus}`, `OCSP: ${answer.responseStatus}`);
  }
  const single = answer.responses.find((r) => r.serialHex === subject.leaf.serialHex);
  if (!single)
    return problem('FAIL', 'OCSP : pas de réponse pour ce certificat', 'OCSP: no answer for this certificate');
  rec.add('OCSP certStatus', single.status);
  rec.add('OCSP thisUpdate', single.thisUpdate.toISOString());
  if (single.nextUpdate) rec.add('OCSP nextUpdate', single.nextUpdate.toISOString());
  const problems: Found[] = [];
  const signer = ocspSigner(answer, subject.issuer);
  rec.add('OCSP signature', signer);
  if (signer === 'invalid') problems.push(problem('FAIL', 'signature OCSP invalide', 'OCSP signature invalid'));
  if (signer === 'unsupported')
    problems.push(problem('WARN', 'signature OCSP non vérifiée', 'OCSP signature not verified'));
  if (single.nextUpdate && single.nextUpdate.getTime() <= route.now.getTime()) {
    const at = single.nextUpdate.toISOString();
    problems.push(problem('FAIL', `réponse OCSP périmée depuis ${at}`, `OCSP answer out of date since ${at}`));
  }
  if (single.status === 'revoked') {
    const at = single.revokedAt?.toISOString() ?? '?';
    problems.push(problem('FAIL', `OCSP : certificat révoqué le ${at}`, `OCSP: certificate revoked on ${at}`));
  }
  if (single.status === 'unknown')
    problems.push(problem('WARN', 'OCSP : certificat inconnu', 'OCSP: certificate unknown'));
  return verdict(problems, text('OCSP : good, signature valide', 'OCSP: good, signature valid'));
}

/** Signed by the issuer itself, or by a responder certificate the issuer signed for OCSP signing (RFC 6960 §4.2.2.2). */
function ocspSigner(answer: ReturnType<typeof parseOcspResponse>, issuer: X509Certificate): string {
  const { signedDer, signatureOid, signature } = answer;
  if (!signedDer || !signatureOid || !signature) return 'invalid';
  const direct = checkSignature(signatureOid, signedDer, signature, issuer);
  if (direct !== 'invalid') return direct === 'valid' ? 'valid (issuer)' : direct;
  for (const der of answer.certs) {
    const cert = new X509Certificate(der);
    const delegated =
      cert.checkIssued(issuer) && cert.verify(issuer.publicKey) && cert.keyUsage?.includes(OCSP_SIGNING);
    if (delegated && checkSignature(signatureOid, signedDer, signature, cert) === 'valid') return 'valid (delegated)';
  }
  return 'invalid';
}

import net from 'node:net';
import tls, { type DetailedPeerCertificate } from 'node:tls';
import { text } from '../../model/text.js';
import type { ProbeSpec } from '../types.js';
import type { ProbeRunner, RunContext } from './runner.js';
import { type Deadline, deadline } from './web/deadline.js';
import { optNumber, optString } from './web/options.js';
import { errorCode, errorText, Recorder } from './web/record.js';
import { connectTcp, handshake } from './web/sockets.js';
import { type ChainLink, chainOf, daysLeft } from './x509/chain.js';
import { type TrustStore, trustStore } from './x509/trust.js';

/** How the raw byte stream to the server is opened: a direct TCP connection, or a CONNECT tunnel (proxy.ts). */
export interface RawPath {
  readonly describe: string;
  open(signal: AbortSignal): Promise<net.Socket>;
}

export const directPath = (host: string, port: number): RawPath => ({
  describe: `${host}:${port}`,
  open: (signal) => connectTcp(host, port, signal),
});

export interface TlsCheckSettings {
  /** The name sent as SNI and matched against the certificate; undefined when the target is a bare address. */
  readonly sni?: string;
  /** What the certificate must name when there is no SNI (the address itself). */
  readonly identity: string;
  readonly trust: TrustStore;
  readonly minDays: number;
  readonly expectedIssuer?: string;
  /** Cipher list for the TLS 1.0/1.1 attempts: OpenSSL 3 offers them only at security level 0. */
  readonly legacyCiphers: string;
  readonly now: Date;
}

export interface TlsOutcome {
  readonly handshake: boolean;
  readonly chain: readonly ChainLink[];
  readonly error?: string;
}

export const DEFAULT_MIN_DAYS = 15;
export const LEGACY_CIPHERS = 'DEFAULT@SECLEVEL=0';

/**
 * Errors that prove the server turned the legacy version down: its protocol_version or handshake_failure alert, an
 * answer in another version, or a reset. Anything else on a legacy attempt is our side (no protocol or cipher we may
 * offer, a signature algorithm our OpenSSL refuses): UNTESTABLE, never counted as a refusal.
 */
const LEGACY_REFUSED = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV1_ALERT_INSUFFICIENT_SECURITY',
  'ECONNRESET',
  'EPIPE',
]);

const LEGACY_VERSIONS = [
  { version: 'TLSv1', label: '1.0' },
  { version: 'TLSv1.1', label: '1.1' },
] as const;

/**
 * The TLS checks of one server over a path: a 1.2-or-better handshake with SNI, the chain against the trust store,
 * the name, the days left, the issuer when one is expected, then TLS 1.0 and 1.1 each offered alone and expected
 * refused. Records evidence and sub-checks into `rec`; never throws for a network reason.
 */
export async function checkTls(rec: Recorder, dl: Deadline, path: RawPath, s: TlsCheckSettings): Promise<TlsOutcome> {
  let raw: net.Socket;
  try {
    raw = await rec.time('connect', () => path.open(dl.signal));
  } catch (err) {
    const error = errorText(err);
    rec.add('connect error', error);
    rec.check(
      'connect',
      'FAIL',
      text(`connexion à ${path.describe} impossible : ${error}`, `cannot connect to ${path.describe}: ${error}`),
    );
    return { handshake: false, chain: [], error };
  }
  let chain: ChainLink[] = [];
  let error: string | undefined;
  try {
    const secure = await rec.time('tls', () =>
      handshake(
        { socket: raw, servername: s.sni, ca: [...s.trust.ca], rejectUnauthorized: false, minVersion: 'TLSv1.2' },
        dl.signal,
      ),
    );
    chain = reportSession(rec, secure, s);
    secure.destroy();
  } catch (err) {
    error = errorText(err);
    rec.add('tls alert', error);
    rec.check(
      'version',
      'FAIL',
      text(`pas de poignée de main TLS 1.2 ou plus : ${error}`, `no TLS 1.2 or better handshake: ${error}`),
    );
  }
  for (const { version, label } of LEGACY_VERSIONS) {
    if (dl.signal.aborted) {
      rec.check(
        `refuses TLS ${label}`,
        'INCONCLUSIVE',
        text(`TLS ${label} non essayé : délai épuisé`, `TLS ${label} not tried: out of time`),
      );
      continue;
    }
    await checkLegacy(rec, dl, path, s, version, label);
  }
  return { handshake: chain.length > 0, chain, ...(error ? { error } : {}) };
}

function reportSession(rec: Recorder, secure: tls.TLSSocket, s: TlsCheckSettings): ChainLink[] {
  const version = secure.getProtocol() ?? 'unknown';
  const cipher = secure.getCipher();
  rec.add('version', version);
  rec.add('cipher', cipher.standardName ?? cipher.name);
  rec.check('version', 'PASS', text(`${version} négocié (${cipher.name})`, `${version} negotiated (${cipher.name})`));

  const leaf = secure.getPeerCertificate(true) as DetailedPeerCertificate;
  const chain = leaf?.raw ? chainOf(leaf) : [];
  chain.forEach((link, i) => {
    rec.add(`chain[${i}]`, `${link.subject} ← ${link.issuer} (notAfter ${link.notAfter.toISOString()})`);
  });
  if (leaf?.subjectaltname) rec.add('SANs', leaf.subjectaltname);
  const first = chain[0];
  if (!first) {
    rec.check('chain', 'FAIL', text('aucun certificat présenté', 'no certificate presented'));
    return chain;
  }
  rec.add('trust store', s.trust.label);
  // Node reports a name mismatch as the authorization error only once the chain itself verified.
  if (secure.authorized || String(secure.authorizationError) === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    rec.check('chain', 'PASS', text('chaîne de confiance valide', 'chain trusted'));
  } else {
    const why = String(secure.authorizationError ?? 'unknown');
    rec.check('chain', 'FAIL', text(`chaîne non approuvée : ${why}`, `chain not trusted: ${why}`));
  }

  const mismatch = tls.checkServerIdentity(s.sni ?? s.identity, leaf);
  if (mismatch) {
    rec.check(
      'name',
      'FAIL',
      text(`le certificat ne couvre pas ${s.sni ?? s.identity}`, `certificate does not cover ${s.sni ?? s.identity}`),
    );
  } else {
    rec.check('name', 'PASS', text(`nom ${s.sni ?? s.identity} couvert`, `name ${s.sni ?? s.identity} matches`));
  }

  const days = daysLeft(first.notAfter, s.now);
  rec.add('notAfter', first.notAfter.toISOString());
  rec.add('days left', days);
  if (first.notAfter.getTime() <= s.now.getTime()) {
    rec.check(
      'expiry',
      'FAIL',
      text(
        `certificat expiré le ${first.notAfter.toISOString()}`,
        `certificate expired on ${first.notAfter.toISOString()}`,
      ),
    );
  } else if (days < s.minDays) {
    rec.check(
      'expiry',
      'WARN',
      text(`expire dans ${days} j (seuil ${s.minDays})`, `expires in ${days} days (threshold ${s.minDays})`),
    );
  } else {
    rec.check('expiry', 'PASS', text(`${days} j avant expiration`, `${days} days left`));
  }

  if (s.expectedIssuer) {
    const wanted = s.expectedIssuer.toLowerCase();
    const found = chain.some((l) => l.issuer.toLowerCase().includes(wanted));
    const top = chain[chain.length - 1]?.issuer ?? first.issuer;
    if (found) {
      rec.check(
        'issuer',
        'PASS',
        text(`émetteur attendu (${s.expectedIssuer})`, `expected issuer (${s.expectedIssuer})`),
      );
    } else {
      rec.check(
        'issuer',
        'WARN',
        text(
          `émetteur inattendu ${top} au lieu de ${s.expectedIssuer} : interception probable`,
          `unexpected issuer ${top} instead of ${s.expectedIssuer}: likely interception`,
        ),
      );
    }
  }
  return chain;
}

async function checkLegacy(
  rec: Recorder,
  dl: Deadline,
  path: RawPath,
  s: TlsCheckSettings,
  version: 'TLSv1' | 'TLSv1.1',
  label: string,
): Promise<void> {
  const name = `refuses TLS ${label}`;
  let raw: net.Socket;
  try {
    raw = await path.open(dl.signal);
  } catch (err) {
    const error = errorText(err);
    rec.check(name, 'INCONCLUSIVE', text(`TLS ${label} non essayé : ${error}`, `TLS ${label} not tried: ${error}`));
    return;
  }
  try {
    const secure = await rec.time(`tls${label}`, () =>
      handshake(
        {
          socket: raw,
          servername: s.sni,
          minVersion: version,
          maxVersion: version,
          ciphers: s.legacyCiphers,
          rejectUnauthorized: false,
        },
        dl.signal,
      ),
    );
    const cipher = secure.getCipher().name;
    secure.destroy();
    rec.check(
      name,
      'FAIL',
      text(`le serveur accepte TLS ${label} (${cipher})`, `server accepts TLS ${label} (${cipher})`),
    );
  } catch (err) {
    const code = errorCode(err) ?? '';
    const error = errorText(err);
    rec.add(`tls ${label} attempt`, error);
    if (LEGACY_REFUSED.has(code)) {
      rec.check(name, 'PASS', text(`TLS ${label} refusé (${code})`, `TLS ${label} refused (${code})`));
    } else if (code === 'ETIMEDOUT' || code === 'ABORT_ERR') {
      rec.check(name, 'INCONCLUSIVE', text(`TLS ${label} : pas de réponse`, `TLS ${label}: no answer`));
    } else {
      rec.check(
        name,
        'UNTESTABLE',
        text(
          `TLS ${label} non testable : notre client ne peut pas l'offrir (${code || error})`,
          `TLS ${label} untestable: our own client cannot offer it (${code || error})`,
        ),
      );
    }
  }
}

/** The settings every TLS-speaking runner (tls, proxy) reads from a spec. */
export async function tlsSettings(spec: ProbeSpec, ctx: RunContext): Promise<TlsCheckSettings> {
  const sni = optString(spec, 'sni') ?? (net.isIP(spec.target) ? undefined : spec.target);
  const expectedIssuer = optString(spec, 'expectedIssuer');
  return {
    ...(sni ? { sni } : {}),
    identity: spec.target,
    trust: await trustStore(optString(spec, 'caFile')),
    minDays: optNumber(spec, 'minDays') ?? DEFAULT_MIN_DAYS,
    ...(expectedIssuer ? { expectedIssuer } : {}),
    legacyCiphers: optString(spec, 'legacyCiphers') ?? LEGACY_CIPHERS,
    now: ctx.now?.() ?? new Date(),
  };
}

/**
 * tls: connect to the target (or the pinned `address`) on `port` (443), SNI set to the target's name even on a pinned
 * address. Options: `address`, `sni`, `caFile`, `minDays` (15), `expectedIssuer`, `legacyCiphers`.
 */
export const runTls: ProbeRunner = async (spec, ctx) => {
  const rec = new Recorder(spec, ctx);
  try {
    const dl = deadline(ctx);
    const port = spec.port ?? 443;
    const address = optString(spec, 'address') ?? spec.target;
    const settings = await tlsSettings(spec, ctx);
    rec.add('connect to', `${address}:${port}`);
    rec.add('SNI', settings.sni ?? 'none (target is an address)');
    const outcome = await checkTls(rec, dl, directPath(address, port), settings);
    return rec.finish(outcome.error ? { error: outcome.error } : {});
  } catch (err) {
    const error = errorText(err);
    return rec.finish({ status: 'FAIL', summary: text(`erreur : ${error}`, `error: ${error}`), error });
  }
};

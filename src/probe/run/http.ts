import { text } from '../../model/text.js';
import type { ProbeSpec } from '../types.js';
import type { ProbeRunner } from './runner.js';
import { connectVerdict } from './web/connect-verdict.js';
import { deadline } from './web/deadline.js';
import { fetchBounded, MAX_BODY } from './web/fetch.js';
import { optBoolean, optNumbers, optString } from './web/options.js';
import { proxyFor } from './web/proxy-url.js';
import { errorText, Recorder } from './web/record.js';
import { trustStore } from './x509/trust.js';

/** The URL a spec names: the target itself when it is one, else https://target:port + `path`. */
export function endpointUrl(spec: ProbeSpec): URL | undefined {
  try {
    if (/^https?:\/\//i.test(spec.target)) return new URL(spec.target);
    const scheme = optString(spec, 'scheme') ?? (spec.port === 80 ? 'http' : 'https');
    const host = spec.target.includes(':') ? `[${spec.target}]` : spec.target;
    return new URL(`${scheme}://${host}${spec.port ? `:${spec.port}` : ''}${optString(spec, 'path') ?? '/'}`);
  } catch {
    return undefined;
  }
}

const isJson = (body: Buffer): boolean => {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
};

/**
 * http: one request to an endpoint, redirects reported and never followed, body read up to 64 KiB. Options:
 * `expectStatus` (a number or a list; default any 2xx), `expectJson`, `expectBody` (a substring), `method` (GET or
 * HEAD), `address` (pinned), `caFile`, `proxy`/`direct`. An API answering 401 without a token, when 401 is expected,
 * proves the path: PASS.
 */
export const runHttp: ProbeRunner = async (spec, ctx) => {
  const rec = new Recorder(spec, ctx);
  const url = endpointUrl(spec);
  if (!url) return rec.finish({ status: 'FAIL', summary: text('URL invalide', 'invalid URL'), error: 'invalid URL' });
  if (url.username || url.password) {
    const why = text('identifiants dans l’URL refusés', 'credentials in the URL refused');
    return rec.finish({ status: 'FAIL', summary: why, error: why.en });
  }
  rec.add('url', url.href);
  const proxy = proxyFor(spec, ctx);
  if (proxy && 'error' in proxy)
    return rec.finish({ status: 'FAIL', summary: text(proxy.error, proxy.error), error: proxy.error });
  if (proxy) rec.add('proxy', proxy.display);
  const method = optString(spec, 'method') === 'HEAD' ? 'HEAD' : 'GET';
  try {
    const dl = deadline(ctx);
    const caFile = optString(spec, 'caFile');
    const address = optString(spec, 'address');
    const answer = await fetchBounded(
      {
        url,
        method,
        ...(proxy ? { proxy } : {}),
        ...(address ? { address } : {}),
        ...(caFile ? { ca: (await trustStore(caFile)).ca } : {}),
        maxBytes: MAX_BODY,
      },
      rec,
      dl,
    );
    if (answer.kind === 'proxy-refused') {
      const v = connectVerdict(answer.connect, Boolean(proxy?.authorization));
      rec.check('proxy', v.status, v.detail);
      return rec.finish({ error: `CONNECT ${answer.connect.status}` });
    }
    if (answer.tls) rec.add('tls', `${answer.tls.version} ${answer.tls.cipher}`);
    rec.add('status', `${answer.status} ${answer.statusText}`);
    const type = String(answer.headers['content-type'] ?? '');
    if (type) rec.add('content-type', type);
    const location = answer.headers.location;
    if (location) rec.add('location', location);
    rec.add('body bytes', `${answer.body.length}${answer.truncated ? ` (truncated at ${MAX_BODY})` : ''}`);

    const expected = optNumbers(spec, 'expectStatus');
    const got = answer.status;
    if (expected) {
      const ok = expected.includes(got);
      rec.check(
        'status',
        ok ? 'PASS' : 'FAIL',
        ok
          ? text(`statut ${got} attendu`, `status ${got} as expected`)
          : text(`statut ${got}, attendu ${expected.join(' ou ')}`, `status ${got}, expected ${expected.join(' or ')}`),
      );
    } else if (got >= 200 && got < 300) {
      rec.check('status', 'PASS', text(`statut ${got}`, `status ${got}`));
    } else if (got >= 300 && got < 400) {
      rec.check(
        'status',
        'WARN',
        text(
          `redirigé (${got}) vers ${location ?? '?'}, non suivi`,
          `redirected (${got}) to ${location ?? '?'}, not followed`,
        ),
      );
    } else {
      rec.check('status', 'FAIL', text(`statut ${got}`, `status ${got}`));
    }

    if (optBoolean(spec, 'expectJson')) {
      const json = !answer.truncated && /json/i.test(type) && isJson(answer.body);
      rec.check(
        'json',
        json ? 'PASS' : 'FAIL',
        json
          ? text('réponse JSON', 'JSON answer')
          : answer.truncated
            ? text(`corps au-delà de ${MAX_BODY} octets`, `body over ${MAX_BODY} bytes`)
            : text(`pas du JSON (${type || 'sans content-type'})`, `not JSON (${type || 'no content-type'})`),
      );
    }
    const wanted = optString(spec, 'expectBody');
    if (wanted !== undefined) {
      const found = answer.body.toString('utf8').includes(wanted);
      rec.check(
        'body',
        found ? 'PASS' : 'FAIL',
        found
          ? text(`corps contient « ${wanted} »`, `body contains "${wanted}"`)
          : text(`« ${wanted} » absent du corps`, `"${wanted}" not in the body`),
      );
    }
    return rec.finish();
  } catch (err) {
    const error = errorText(err);
    rec.add('error', error);
    rec.check('request', 'FAIL', text(`échec : ${error}`, `failed: ${error}`));
    return rec.finish({ error });
  }
};

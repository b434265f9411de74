import type net from 'node:net';
import { text } from '../../model/text.js';
import type { ProbeRunner } from './runner.js';
import { checkTls, type RawPath, tlsSettings } from './tls.js';
import { connectVerdict } from './web/connect-verdict.js';
import { deadline } from './web/deadline.js';
import { optBoolean } from './web/options.js';
import { type ProxyEndpoint, proxyFor } from './web/proxy-url.js';
import { errorText, Recorder } from './web/record.js';
import { proxyConnect } from './web/sockets.js';

/** Every further TLS attempt (1.0, 1.1) opens its own tunnel; a refusal then is an error the TLS checks report. */
function tunnelPath(proxy: ProxyEndpoint, host: string, port: number, first: net.Socket): RawPath {
  let pending: net.Socket | undefined = first;
  return {
    describe: `${host}:${port} via ${proxy.display}`,
    open: async (signal) => {
      if (pending) {
        const socket = pending;
        pending = undefined;
        return socket;
      }
      const answer = await proxyConnect(proxy, host, port, signal);
      if (answer.tunnel) return answer.tunnel;
      throw Object.assign(new Error(`CONNECT answered ${answer.status} ${answer.statusText}`), { code: 'EPROXY' });
    },
  };
}

/**
 * proxy: HTTPS through the site's proxy. `CONNECT name:port` (the proxy resolves the name), with Basic credentials
 * from the proxy URL when it has them; 200, 407 (authentication), 403 (policy) and 5xx (unreachable) told apart.
 * Through the tunnel, the same TLS checks as the tls probe (SNI, version, chain, name, expiry, 1.0/1.1 refused).
 * Options: `proxy` (else the run's), `tls` (false: stop at CONNECT), and the tls probe's options.
 */
export const runProxy: ProbeRunner = async (spec, ctx) => {
  const rec = new Recorder(spec, ctx);
  const proxy = proxyFor(spec, ctx);
  if (!proxy) {
    return rec.finish({
      status: 'UNTESTABLE',
      summary: text(
        'aucun proxy configuré (--proxy ou proxy du site)',
        'no proxy configured (--proxy or the site proxy)',
      ),
    });
  }
  if ('error' in proxy)
    return rec.finish({ status: 'FAIL', summary: text(proxy.error, proxy.error), error: proxy.error });
  const port = spec.port ?? 443;
  rec.add('proxy', proxy.display);
  rec.add('CONNECT to', `${spec.target}:${port}`);
  try {
    const dl = deadline(ctx);
    const answer = await rec.time('connect', () => proxyConnect(proxy, spec.target, port, dl.signal));
    rec.add('CONNECT', `${answer.status} ${answer.statusText}${answer.proxyError ? ` (${answer.proxyError})` : ''}`);
    const verdict = connectVerdict(answer, Boolean(proxy.authorization));
    rec.check('CONNECT', verdict.status, verdict.detail);
    if (!answer.tunnel) return rec.finish({ error: `CONNECT ${answer.status}` });
    if (optBoolean(spec, 'tls') === false) {
      answer.tunnel.destroy();
      return rec.finish();
    }
    const settings = await tlsSettings(spec, ctx);
    rec.add('SNI', settings.sni ?? 'none (target is an address)');
    const outcome = await checkTls(rec, dl, tunnelPath(proxy, spec.target, port, answer.tunnel), settings);
    return rec.finish(outcome.error ? { error: outcome.error } : {});
  } catch (err) {
    const error = errorText(err);
    rec.add('error', error);
    rec.check('CONNECT', 'FAIL', text(`proxy injoignable : ${error}`, `proxy unreachable: ${error}`));
    return rec.finish({ error });
  }
};

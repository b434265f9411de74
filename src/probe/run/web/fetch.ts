import http, { type IncomingHttpHeaders } from 'node:http';
import type net from 'node:net';
import { bounded, type Deadline } from './deadline.js';
import type { ProxyEndpoint } from './proxy-url.js';
import type { Recorder } from './record.js';
import { type ConnectAnswer, connectTcp, handshake, proxyConnect } from './sockets.js';

/** The most of a body any probe reads: enough for an OpenID configuration or a CRL of a private CA. */
export const MAX_BODY = 64 * 1024;

export interface FetchRequest {
  readonly url: URL;
  readonly method: 'GET' | 'HEAD' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** Through the site's proxy: CONNECT for https, an absolute-URI request for http. */
  readonly proxy?: ProxyEndpoint;
  /** Where to connect instead of resolving the URL's host (a pinned address); SNI and Host keep the name. */
  readonly address?: string;
  readonly ca?: readonly string[];
  readonly maxBytes?: number;
  /** Prefix of the timing and evidence labels when one probe makes several requests (`CRL`, `OCSP`). */
  readonly label?: string;
}

export type FetchAnswer =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly statusText: string;
      readonly headers: IncomingHttpHeaders;
      readonly body: Buffer;
      readonly truncated: boolean;
      readonly tls?: { readonly version: string; readonly cipher: string };
    }
  /** The proxy answered CONNECT with something other than 200: no request was sent. */
  | { readonly kind: 'proxy-refused'; readonly connect: ConnectAnswer };

/**
 * One HTTP exchange (no agent: the socket is ours, opened above, so that the proxy and pinned address apply), never following a redirect, reading at most `maxBytes` of body, bounded by the deadline. The
 * certificate is verified against `ca` (Node's roots by default); a failure rejects with the TLS error.
 */
export async function fetchBounded(req: FetchRequest, rec: Recorder, dl: Deadline): Promise<FetchAnswer> {
  const { url } = req;
  const named = (phase: string) => (req.label ? `${req.label} ${phase}` : phase);
  const secure = url.protocol === 'https:';
  const port = Number(url.port) || (secure ? 443 : 80);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const headers: Record<string, string> = { host: url.host, 'user-agent': 'flowmatrix-probe', ...req.headers };
  if (req.body) headers['content-length'] = String(req.body.length);
  let path = `${url.pathname}${url.search}`;
  let socket: net.Socket;
  let session: { version: string; cipher: string } | undefined;

  if (req.proxy && !secure) {
    // A plain http URL through a proxy: the proxy gets the absolute URI and fetches it (it resolves the name).
    socket = await rec.time(named('connect'), () => connectTcp(req.proxy?.host ?? '', req.proxy?.port ?? 0, dl.signal));
    path = url.href;
    if (req.proxy.authorization) headers['proxy-authorization'] = req.proxy.authorization;
  } else if (req.proxy) {
    const connect = await rec.time(named('connect'), () =>
      proxyConnect(req.proxy as ProxyEndpoint, hostname, port, dl.signal),
    );
    rec.add(
      named('CONNECT'),
      `${connect.status} ${connect.statusText}${connect.proxyError ? ` (${connect.proxyError})` : ''}`,
    );
    if (!connect.tunnel) return { kind: 'proxy-refused', connect };
    socket = connect.tunnel;
  } else {
    socket = await rec.time(named('connect'), () => connectTcp(req.address ?? hostname, port, dl.signal));
  }
  if (secure) {
    const tlsSocket = await rec.time(named('tls'), () =>
      handshake({ socket, servername: hostname, ...(req.ca ? { ca: [...req.ca] } : {}) }, dl.signal),
    );
    session = { version: tlsSocket.getProtocol() ?? '', cipher: tlsSocket.getCipher().name };
    socket = tlsSocket;
  }
  const opened = socket;
  const maxBytes = req.maxBytes ?? MAX_BODY;
  let request: http.ClientRequest | undefined;
  return rec.time(named('response'), () =>
    bounded<FetchAnswer>(
      dl.signal,
      (resolve, reject) => {
        request = http.request({ method: req.method, path, headers, createConnection: () => opened });
        request.once('error', reject);
        request.once('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          let truncated = false;
          const done = () =>
            resolve({
              kind: 'response',
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              headers: res.headers,
              body: Buffer.concat(chunks),
              truncated,
              ...(session ? { tls: session } : {}),
            });
          res.on('data', (chunk: Buffer) => {
            if (truncated) return;
            const room = maxBytes - size;
            chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
            size += Math.min(chunk.length, room);
            if (chunk.length >= room) {
              truncated = chunk.length > room || res.readableLength > 0 || !res.complete;
              res.destroy();
              opened.destroy();
              done();
            }
          });
          res.once('end', () => {
            opened.destroy();
            done();
          });
          res.once('error', reject);
        });
        request.end(req.body);
      },
      () => {
        request?.destroy();
        opened.destroy();
      },
    ),
  );
}

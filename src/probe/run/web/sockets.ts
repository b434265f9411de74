import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { bounded } from './deadline.js';
import type { ProxyEndpoint } from './proxy-url.js';

/** A TCP connection to host:port, bounded by the signal. */
export function connectTcp(host: string, port: number, signal: AbortSignal): Promise<net.Socket> {
  let socket: net.Socket | undefined;
  return bounded<net.Socket>(
    signal,
    (resolve, reject) => {
      socket = net.connect({ host, port });
      socket.once('connect', () => resolve(socket as net.Socket));
      socket.once('error', reject);
    },
    () => socket?.destroy(),
  );
}

/** What a proxy answered to CONNECT: its status line and, on 200, the tunnel. */
export interface ConnectAnswer {
  readonly status: number;
  readonly statusText: string;
  /** Squid and others say why in a header (X-Squid-Error: ERR_ACCESS_DENIED 0). */
  readonly proxyError?: string;
  readonly tunnel?: net.Socket;
}

/**
 * `CONNECT name:port` through the proxy: the proxy resolves the name (the site's path, not ours). Credentials go in
 * Proxy-Authorization only. Any answer other than 200 leaves no tunnel open.
 */
export function proxyConnect(
  proxy: ProxyEndpoint,
  host: string,
  port: number,
  signal: AbortSignal,
): Promise<ConnectAnswer> {
  let req: http.ClientRequest | undefined;
  let tunnel: net.Socket | undefined;
  const authority = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
  return bounded<ConnectAnswer>(
    signal,
    (resolve, reject) => {
      req = http.request({
        host: proxy.host,
        port: proxy.port,
        method: 'CONNECT',
        path: authority,
        agent: false,
        headers: { host: authority, ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}) },
      });
      req.once('connect', (res, socket) => {
        const proxyError = res.headers['x-squid-error'];
        const answer = {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          ...(typeof proxyError === 'string' ? { proxyError } : {}),
        };
        if (answer.status === 200) {
          tunnel = socket;
          resolve({ ...answer, tunnel: socket });
        } else {
          socket.destroy();
          resolve(answer);
        }
      });
      req.once('response', (res) => {
        // Some proxies answer CONNECT with a body and no upgrade; Node then reports a plain response.
        res.resume();
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '' });
      });
      req.once('error', reject);
      req.end();
    },
    () => {
      req?.destroy();
      tunnel?.destroy();
    },
  );
}

/** A TLS handshake over an open socket, bounded by the signal; the socket is destroyed on failure. */
export function handshake(options: tls.ConnectionOptions & { socket: net.Socket }, signal: AbortSignal) {
  let secure: tls.TLSSocket | undefined;
  return bounded<tls.TLSSocket>(
    signal,
    (resolve, reject) => {
      secure = tls.connect(options, () => resolve(secure as tls.TLSSocket));
      secure.once('error', reject);
    },
    () => {
      secure?.destroy();
      options.socket.destroy();
    },
  );
}

import { readFileSync } from 'node:fs';
import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import {
  checkServerIdentity,
  type PeerCertificate,
  rootCertificates,
  type TLSSocket,
  connect as tlsConnect,
} from 'node:tls';
import type { Recorder } from './app-result.js';

/**
 * Sockets for the application runners: connect within a deadline, read what a line- or frame-oriented protocol
 * answers, upgrade to TLS in place (STARTTLS) with SNI set, and describe the TLS session as evidence.
 */

/** An error we raise ourselves when the peer stays silent; its code reads like the system's. */
export class Silence extends Error {
  readonly code = 'ETIMEDOUT';
}

export function connectTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Silence(`no answer to the TCP connection within ${timeoutMs} ms (filtered?)`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

export interface TlsOptions {
  /** The name the certificate must carry; sent as SNI unless it is an address (SNI cannot carry one). */
  readonly servername: string;
  /** A PEM file of extra trusted roots (a site's private CA). */
  readonly caFile?: string;
}

/** TLS over an existing socket (STARTTLS) or a fresh connection (host, port). The certificate is judged, not enforced:
 * an untrusted chain still completes, so that the runner can report it as evidence. */
export function startTls(
  over: { socket: Socket } | { host: string; port: number },
  options: TlsOptions,
  timeoutMs: number,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const sni = isIP(options.servername) ? {} : { servername: options.servername };
    const ca = options.caFile ? { ca: [...rootCertificates, readFileSync(options.caFile, 'utf8')] } : {};
    // The name is checked against the target itself: over an upgraded socket Node would otherwise check `localhost`.
    const identity = {
      checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(options.servername, cert),
    };
    const socket = tlsConnect({ ...over, ...sni, ...ca, ...identity, rejectUnauthorized: false, minVersion: 'TLSv1' });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Silence(`TLS handshake not finished within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

/**
 * What a TLS session shows; returns its faults, each of which FAILs the probe as in the tls runner (a certificate
 * that does not verify against the system's roots plus `caFile`, a legacy version) — the rule beside PROBE_STATUSES.
 */
export function noteTls(rec: Recorder, socket: TLSSocket, servername: string): string[] {
  const faults: string[] = [];
  const version = socket.getProtocol() ?? 'unknown';
  rec.note('tls version', version);
  rec.note('tls cipher', socket.getCipher().name);
  rec.note('tls sni', isIP(servername) ? `none (${servername} is an address)` : servername);
  const cert = socket.getPeerCertificate();
  if (cert && Object.keys(cert).length > 0) {
    rec.note('certificate subject', String(cert.subject?.CN ?? JSON.stringify(cert.subject)));
    rec.note('certificate issuer', String(cert.issuer?.CN ?? JSON.stringify(cert.issuer)));
    if (cert.subjectaltname) rec.note('certificate names', cert.subjectaltname);
    const days = Math.floor((Date.parse(cert.valid_to) - Date.now()) / 86_400_000);
    rec.note('certificate expires', `${cert.valid_to} (${days} days)`);
  }
  if (socket.authorized) rec.note('certificate trusted', 'yes');
  else {
    rec.note('certificate trusted', `no: ${String(socket.authorizationError)}`);
    faults.push(`certificate not trusted (${String(socket.authorizationError)})`);
  }
  if (version === 'TLSv1' || version === 'TLSv1.1') faults.push(`${version} negotiated (1.2 or better required)`);
  return faults;
}

/**
 * Buffers what a socket receives so that a protocol can read it in its own units (a line, a BER frame), each read
 * bounded in time. `release()` hands the socket back untouched (before a TLS upgrade).
 */
export class Inbox {
  private buffer = Buffer.alloc(0);
  private waiter?: () => void;
  private ended?: Error;
  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.waiter?.();
  };
  private readonly onEnd = (err?: Error) => {
    this.ended = err ?? new Error('connection closed by the server');
    this.waiter?.();
  };
  private readonly onClose = () => this.onEnd();

  constructor(readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('error', this.onEnd);
    socket.on('close', this.onClose);
  }

  /** Waits until `take` finds a complete unit in the buffer (returns its length), then removes and returns it. */
  read(take: (buffer: Buffer) => number | undefined, timeoutMs: number, what: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Silence(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
      const finish = (err?: Error, unit?: Buffer) => {
        clearTimeout(timer);
        this.waiter = undefined;
        if (err) reject(err);
        else resolve(unit as Buffer);
      };
      const attempt = () => {
        const length = take(this.buffer);
        if (length !== undefined) {
          const unit = this.buffer.subarray(0, length);
          this.buffer = this.buffer.subarray(length);
          finish(undefined, unit);
        } else if (this.ended) finish(this.ended);
      };
      this.waiter = attempt;
      attempt();
    });
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  release(): Socket {
    this.socket.off('data', this.onData);
    this.socket.off('error', this.onEnd);
    this.socket.off('close', this.onClose);
    return this.socket;
  }

  close(): void {
    this.release();
    this.socket.on('error', () => {});
    this.socket.end();
    this.socket.destroySoon?.();
    setTimeout(() => this.socket.destroy(), 200).unref();
  }
}

/** A line ending in CRLF (or LF), as SMTP and SIP send them. */
export const lineLength = (buffer: Buffer): number | undefined => {
  const at = buffer.indexOf(0x0a);
  return at < 0 ? undefined : at + 1;
};

export type UdpOutcome =
  | { readonly kind: 'reply'; readonly data: Buffer; readonly from: string; readonly sent: number }
  | { readonly kind: 'unreachable'; readonly error: string; readonly sent: number }
  | { readonly kind: 'silence'; readonly sent: number }
  | { readonly kind: 'error'; readonly error: string; readonly sent: number };

/**
 * Sends a datagram and retransmits it (RFC 5389 / RFC 3261 style: 500 ms, doubling, at most `maxSends`) until a reply
 * that `accept` recognises arrives. The socket is connected, so an ICMP port unreachable comes back as ECONNREFUSED:
 * that, and only that, tells a closed port from silence.
 */
export async function udpExchange(
  host: string,
  port: number,
  payload: (local: { address: string; port: number }) => Buffer,
  accept: (data: Buffer) => boolean,
  timeoutMs: number,
  maxSends = 6,
): Promise<UdpOutcome> {
  const { createSocket } = await import('node:dgram');
  const { lookup } = await import('node:dns/promises');
  let address: string;
  let family: number;
  try {
    ({ address, family } = await lookup(host));
  } catch (err) {
    return { kind: 'error', error: (err as Error).message, sent: 0 };
  }
  const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
  return new Promise((resolve) => {
    let sent = 0;
    let interval = 500;
    let timer: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => done({ kind: 'silence', sent }), timeoutMs);
    const done = (outcome: UdpOutcome) => {
      clearTimeout(deadline);
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      try {
        socket.close();
      } catch {
        // already closed
      }
      resolve(outcome);
    };
    const send = () => {
      if (sent >= maxSends) return;
      const local = socket.address();
      socket.send(payload({ address: local.address, port: local.port }), (err) => {
        if (err) done(classify(err, sent));
      });
      sent++;
      timer = setTimeout(send, interval);
      interval *= 2;
    };
    const classify = (err: Error, count: number): UdpOutcome => {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
        ? { kind: 'unreachable', error: `${code}: ICMP unreachable from ${address}`, sent: count }
        : { kind: 'error', error: err.message, sent: count };
    };
    socket.on('error', (err) => done(classify(err, sent)));
    socket.on('message', (data, rinfo) => {
      if (accept(data)) done({ kind: 'reply', data, from: `${rinfo.address}:${rinfo.port}`, sent });
    });
    socket.connect(port, address, () => send());
  });
}

import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ProbeSpec } from '../types.js';
import { errorCode, guarded, isPlainHost, optString, type Recorder, rawError } from './app-result.js';
import type { ProbeRunner, RunContext } from './runner.js';
import { connectTcp, Inbox, noteTls, startTls, udpExchange } from './wire.js';

/**
 * SIP opening check: an OPTIONS request over UDP, TCP (5060) or TLS (5061). Any SIP status line is PASS, the status
 * recorded (a 403 or 404 still proves the SIP service is reached); silence on UDP is INCONCLUSIVE, ICMP unreachable
 * FAIL. Options: `transport` (`udp` | `tcp` | `tls`; 5061 means tls), `address`, `caFile`.
 */

export interface SipRequestParts {
  readonly target: string;
  readonly port: number;
  readonly transport: 'UDP' | 'TCP' | 'TLS';
  readonly local: { readonly address: string; readonly port: number };
  readonly branch: string;
  readonly tag: string;
  readonly callId: string;
}

const hostPart = (address: string) => (address.includes(':') ? `[${address}]` : address);

export function optionsRequest(p: SipRequestParts): string {
  const scheme = p.transport === 'TLS' ? 'sips' : 'sip';
  const uri = `${scheme}:${hostPart(p.target)}:${p.port}`;
  const local = `${hostPart(p.local.address)}:${p.local.port}`;
  return [
    `OPTIONS ${uri} SIP/2.0`,
    `Via: SIP/2.0/${p.transport} ${local};branch=z9hG4bK${p.branch};rport`,
    'Max-Forwards: 70',
    `From: <${scheme}:probe@flowmatrix.invalid>;tag=${p.tag}`,
    `To: <${uri}>`,
    `Call-ID: ${p.callId}`,
    'CSeq: 1 OPTIONS',
    `Contact: <${scheme}:probe@${local}>`,
    'Accept: application/sdp',
    'User-Agent: flowmatrix-probe',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

export interface SipResponse {
  readonly status: number;
  readonly statusLine: string;
  readonly headers: Record<string, string>;
}

/** Parses a response head; undefined when the text does not start with a SIP status line. */
export function parseSipResponse(text: string): SipResponse | undefined {
  const [first, ...rest] = text.split(/\r?\n/);
  const match = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(first ?? '');
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of rest) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), statusLine: first as string, headers };
}

/** End of a response head (blank line), for stream transports. */
const headLength = (buffer: Buffer): number | undefined => {
  const at = buffer.indexOf('\r\n\r\n');
  return at < 0 ? undefined : at + 4;
};

function judge(rec: Recorder, text: string, callId: string) {
  const response = parseSipResponse(text);
  if (!response) {
    rec.note('reply', text.slice(0, 200));
    return rec.finish(
      'WARN',
      'something answered that is not SIP',
      "une réponse qui n'est pas du SIP",
      text.slice(0, 80),
    );
  }
  rec.note('status', response.statusLine);
  for (const name of ['server', 'user-agent', 'allow']) {
    const value = response.headers[name];
    if (value) rec.note(name, value);
  }
  if (response.headers['call-id'] !== callId) rec.note('call-id mismatch', response.headers['call-id'] ?? 'absent');
  return rec.finish('PASS', `SIP answers: ${response.statusLine}`, `SIP répond : ${response.statusLine}`);
}

export const runSip: ProbeRunner = (spec: ProbeSpec, ctx: RunContext) =>
  guarded(spec, ctx, async (rec) => {
    if (!isPlainHost(spec.target)) {
      // The target goes into the request line and headers: a line break there would forge headers.
      return rec.finish(
        'UNTESTABLE',
        `not a host name: ${JSON.stringify(spec.target)}`,
        `pas un nom d’hôte : ${JSON.stringify(spec.target)}`,
      );
    }
    const transport = (
      optString(spec, 'transport') ?? (spec.port === 5061 ? 'tls' : 'udp')
    ).toUpperCase() as SipRequestParts['transport'];
    const port = spec.port ?? (transport === 'TLS' ? 5061 : 5060);
    const host = optString(spec, 'address') ?? spec.target;
    const ids = {
      branch: randomBytes(8).toString('hex'),
      tag: randomBytes(4).toString('hex'),
      callId: `${randomBytes(8).toString('hex')}@flowmatrix`,
    };
    const build = (local: { address: string; port: number }) =>
      optionsRequest({ target: spec.target, port, transport, local, ...ids });
    rec.note('request', `OPTIONS over ${transport} to ${host} port ${port}, Call-ID ${ids.callId}`);

    if (transport === 'UDP') {
      const outcome = await rec.phase('exchange', () =>
        udpExchange(
          host,
          port,
          (local) => Buffer.from(build(local)),
          (d) => d.toString('latin1').includes(ids.callId),
          rec.remaining(),
        ),
      );
      rec.note('requests sent', String(outcome.sent));
      if (outcome.kind === 'reply') {
        rec.note('answered from', outcome.from);
        return judge(rec, outcome.data.toString('utf8'), ids.callId);
      }
      if (outcome.kind === 'unreachable')
        return rec.finish(
          'FAIL',
          `SIP/UDP ${port} unreachable (ICMP)`,
          `SIP/UDP ${port} injoignable (ICMP)`,
          outcome.error,
        );
      if (outcome.kind === 'silence')
        return rec.finish(
          'INCONCLUSIVE',
          `no SIP answer on UDP ${port} (filtered, or a silent server)`,
          `pas de réponse SIP sur UDP ${port} (filtré, ou serveur muet)`,
        );
      return rec.finish('FAIL', 'SIP request could not be sent', "la requête SIP n'a pas pu partir", outcome.error);
    }

    let socket: Socket;
    try {
      socket = await rec.phase('connect', () =>
        transport === 'TLS'
          ? startTls({ host, port }, { servername: spec.target, caFile: optString(spec, 'caFile') }, rec.remaining())
          : connectTcp(host, port, rec.remaining()),
      );
    } catch (err) {
      const refused = errorCode(err) === 'ECONNREFUSED';
      return rec.finish(
        'FAIL',
        refused ? `SIP/${transport} ${port} closed` : `SIP/${transport} ${port} not reached`,
        refused ? `SIP/${transport} ${port} fermé` : `SIP/${transport} ${port} injoignable`,
        rawError(err),
      );
    }
    const faults = transport === 'TLS' ? noteTls(rec, socket as TLSSocket, spec.target) : [];
    const inbox = new Inbox(socket);
    inbox.write(build({ address: socket.localAddress ?? '127.0.0.1', port: socket.localPort ?? 0 }));
    try {
      const head = await rec.phase('response', () => inbox.read(headLength, rec.remaining(), 'SIP response'));
      inbox.close();
      const result = judge(rec, head.toString('utf8'), ids.callId);
      if (faults.length === 0 || result.status === 'FAIL') return result;
      // An answer over a TLS session whose certificate does not verify is a FAIL, as in the tls runner.
      rec.note('faults', faults.join('; '));
      return rec.finish(
        'FAIL',
        `${result.summary.en}, but TLS fails: ${faults.join('; ')}`,
        `${result.summary.fr}, mais TLS échoue : ${faults.join(' ; ')}`,
        faults[0],
      );
    } catch (err) {
      inbox.close();
      return rec.finish(
        'INCONCLUSIVE',
        `connected over ${transport} but no SIP answer`,
        `connecté en ${transport} mais pas de réponse SIP`,
        rawError(err),
      );
    }
  });

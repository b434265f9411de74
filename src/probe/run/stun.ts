import { randomBytes } from 'node:crypto';
import type { ProbeSpec } from '../types.js';
import { errorCode, guarded, optString, type Recorder, rawError } from './app-result.js';
import type { ProbeRunner, RunContext } from './runner.js';
import { connectTcp, Inbox, udpExchange } from './wire.js';

/**
 * STUN opening check (RFC 5389): a Binding Request on UDP 3478 (or TCP with option `transport: tcp`). A success
 * response carrying XOR-MAPPED-ADDRESS is PASS, with the mapped address as evidence; ICMP unreachable is FAIL; silence
 * is INCONCLUSIVE, never PASS (a firewall dropping the flow and a server that does not answer look the same).
 */

export const MAGIC_COOKIE = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const BINDING_ERROR = 0x0111;
const ATTR = { mappedAddress: 0x0001, errorCode: 0x0009, xorMappedAddress: 0x0020, software: 0x8022 } as const;

export function bindingRequest(transactionId: Buffer): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(BINDING_REQUEST, 0);
  header.writeUInt16BE(0, 2);
  header.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(header, 8);
  return header;
}

export interface StunResponse {
  readonly type: number;
  readonly mapped?: string;
  readonly xorMapped?: string;
  readonly software?: string;
  readonly error?: string;
}

/** True when `data` is a STUN response to our transaction (cookie and id match). */
export const answers = (data: Buffer, transactionId: Buffer): boolean =>
  data.length >= 20 && data.readUInt32BE(4) === MAGIC_COOKIE && data.subarray(8, 20).equals(transactionId);

function address(value: Buffer, xor: Buffer | undefined): string | undefined {
  if (value.length < 8) return undefined;
  const family = value[1];
  let port = value.readUInt16BE(2);
  const raw = Buffer.from(value.subarray(4, family === 0x02 ? 20 : 8));
  if (xor) {
    port ^= MAGIC_COOKIE >>> 16;
    for (let i = 0; i < raw.length; i++) raw[i] = (raw[i] as number) ^ (xor[i] as number);
  }
  if (family === 0x01) return `${[...raw].join('.')}:${port}`;
  if (family === 0x02 && raw.length === 16) {
    const groups = Array.from({ length: 8 }, (_, i) => raw.readUInt16BE(i * 2).toString(16));
    return `[${groups.join(':')}]:${port}`;
  }
  return undefined;
}

export function parseResponse(data: Buffer): StunResponse {
  const type = data.readUInt16BE(0);
  const length = Math.min(data.readUInt16BE(2), data.length - 20);
  // XOR key: the cookie, then (for IPv6) the transaction id.
  const key = data.subarray(4, 20);
  const out: { -readonly [K in keyof StunResponse]: StunResponse[K] } = { type };
  let offset = 20;
  for (let guard = 0; offset + 4 <= 20 + length && guard < 64; guard++) {
    const attrType = data.readUInt16BE(offset);
    const attrLength = data.readUInt16BE(offset + 2);
    const value = data.subarray(offset + 4, Math.min(offset + 4 + attrLength, data.length));
    if (attrType === ATTR.xorMappedAddress) out.xorMapped = address(value, key);
    else if (attrType === ATTR.mappedAddress) out.mapped = address(value, undefined);
    else if (attrType === ATTR.software) out.software = value.toString('utf8');
    else if (attrType === ATTR.errorCode && value.length >= 4)
      out.error = `${(value[2] as number) * 100 + (value[3] as number)} ${value.subarray(4).toString('utf8')}`;
    offset += 4 + Math.ceil(attrLength / 4) * 4;
  }
  return out;
}

function judge(rec: Recorder, response: StunResponse) {
  if (response.software) rec.note('server software', response.software);
  if (response.type === BINDING_SUCCESS && response.xorMapped) {
    rec.note('xor-mapped address', response.xorMapped);
    return rec.finish(
      'PASS',
      `STUN answers: mapped address ${response.xorMapped}`,
      `STUN répond : adresse vue ${response.xorMapped}`,
    );
  }
  if (response.type === BINDING_SUCCESS) {
    if (response.mapped) rec.note('mapped address (RFC 3489)', response.mapped);
    return rec.finish(
      'WARN',
      'STUN answers without XOR-MAPPED-ADDRESS (pre-RFC 5389 server?)',
      'STUN répond sans XOR-MAPPED-ADDRESS (serveur antérieur à la RFC 5389 ?)',
    );
  }
  if (response.type === BINDING_ERROR) {
    rec.note('error response', response.error ?? 'no ERROR-CODE');
    return rec.finish(
      'WARN',
      `STUN answers with an error: ${response.error ?? ''}`,
      `STUN répond par une erreur : ${response.error ?? ''}`,
      response.error,
    );
  }
  return rec.finish(
    'WARN',
    `unexpected STUN message type 0x${response.type.toString(16)}`,
    `type de message STUN inattendu 0x${response.type.toString(16)}`,
  );
}

export const runStun: ProbeRunner = (spec: ProbeSpec, ctx: RunContext) =>
  guarded(spec, ctx, async (rec) => {
    const port = spec.port ?? 3478;
    const transport = optString(spec, 'transport') ?? 'udp';
    const host = optString(spec, 'address') ?? spec.target;
    const transactionId = randomBytes(12);
    rec.note(
      'request',
      `Binding Request over ${transport.toUpperCase()} to ${host} port ${port}, transaction ${transactionId.toString('hex')}`,
    );

    if (transport === 'tcp') {
      let inbox: Inbox;
      try {
        inbox = new Inbox(await rec.phase('connect', () => connectTcp(host, port, rec.remaining())));
      } catch (err) {
        const refused = errorCode(err) === 'ECONNREFUSED';
        return rec.finish(
          'FAIL',
          refused ? `STUN/TCP ${port} closed` : `STUN/TCP ${port} not reached`,
          refused ? `STUN/TCP ${port} fermé` : `STUN/TCP ${port} injoignable`,
          rawError(err),
        );
      }
      inbox.write(bindingRequest(transactionId));
      try {
        const frame = await rec.phase('response', () =>
          inbox.read(
            (b) => (b.length >= 20 && b.length >= 20 + b.readUInt16BE(2) ? 20 + b.readUInt16BE(2) : undefined),
            rec.remaining(),
            'STUN response',
          ),
        );
        inbox.close();
        if (!answers(frame, transactionId))
          return rec.finish(
            'WARN',
            'something answered that is not our STUN transaction',
            "une réponse qui n'est pas notre transaction STUN",
            frame.subarray(0, 32).toString('hex'),
          );
        return judge(rec, parseResponse(frame));
      } catch (err) {
        inbox.close();
        return rec.finish(
          'INCONCLUSIVE',
          'TCP connected but no STUN answer',
          'TCP connecté mais pas de réponse STUN',
          rawError(err),
        );
      }
    }

    const outcome = await rec.phase('exchange', () =>
      udpExchange(
        host,
        port,
        () => bindingRequest(transactionId),
        (d) => answers(d, transactionId),
        rec.remaining(),
      ),
    );
    rec.note('requests sent', String(outcome.sent));
    switch (outcome.kind) {
      case 'reply':
        rec.note('answered from', outcome.from);
        return judge(rec, parseResponse(outcome.data));
      case 'unreachable':
        return rec.finish(
          'FAIL',
          `STUN/UDP ${port} unreachable (ICMP)`,
          `STUN/UDP ${port} injoignable (ICMP)`,
          outcome.error,
        );
      case 'silence':
        return rec.finish(
          'INCONCLUSIVE',
          `no STUN answer on UDP ${port} (filtered, or a silent server)`,
          `pas de réponse STUN sur UDP ${port} (filtré, ou serveur muet)`,
        );
      default:
        return rec.finish('FAIL', 'STUN request could not be sent', "la requête STUN n'a pas pu partir", outcome.error);
    }
  });

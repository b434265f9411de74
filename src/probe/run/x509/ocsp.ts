import { createHash } from 'node:crypto';
import type { CertFields } from './cert.js';
import {
  bitString,
  child,
  children,
  ctx,
  DerError,
  encode,
  encodeOid,
  integerHex,
  oid,
  readOnly,
  TAG,
  type Tlv,
  time,
} from './der.js';

const SHA1 = '1.3.14.3.2.26';
const BASIC_RESPONSE = '1.3.6.1.5.5.7.48.1.1';

const sha1 = (b: Buffer) => createHash('sha1').update(b).digest();

/**
 * OCSPRequest (RFC 6960 §4.1) for one certificate: CertID = SHA-1 of the issuer's name and of its key bits, and the
 * serial. No nonce and no signature: the smallest request every responder answers.
 */
export function ocspRequest(leaf: CertFields, issuer: CertFields): Buffer {
  const certId = encode(
    TAG.SEQUENCE,
    encode(TAG.SEQUENCE, encodeOid(SHA1), encode(TAG.NULL)),
    encode(TAG.OCTET_STRING, sha1(leaf.issuerDer)),
    encode(TAG.OCTET_STRING, sha1(issuer.publicKeyBits)),
    encode(TAG.INTEGER, leaf.serial),
  );
  const request = encode(TAG.SEQUENCE, certId);
  const tbsRequest = encode(TAG.SEQUENCE, encode(TAG.SEQUENCE, request));
  return encode(TAG.SEQUENCE, tbsRequest);
}

export const OCSP_RESPONSE_STATUS = [
  'successful',
  'malformedRequest',
  'internalError',
  'tryLater',
  '4',
  'sigRequired',
  'unauthorized',
];

export type CertStatus = 'good' | 'revoked' | 'unknown';

export interface SingleResponse {
  readonly serialHex: string;
  readonly status: CertStatus;
  readonly revokedAt?: Date;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
}

export interface OcspAnswer {
  readonly responseStatus: string;
  readonly producedAt?: Date;
  readonly responses: readonly SingleResponse[];
  readonly signedDer?: Buffer;
  readonly signatureOid?: string;
  readonly signature?: Buffer;
  /** Certificates the responder sent (a delegated signer), DER. */
  readonly certs: readonly Buffer[];
}

/** OCSPResponse → BasicOCSPResponse → ResponseData → SingleResponses. */
export function parseOcspResponse(der: Buffer): OcspAnswer {
  const response = readOnly(der, TAG.SEQUENCE);
  const [statusTlv, bytes] = children(response);
  if (!statusTlv || statusTlv.tag !== TAG.ENUMERATED) throw new DerError('OCSP response without a status');
  const code = statusTlv.value[0] ?? 255;
  const responseStatus = OCSP_RESPONSE_STATUS[code] ?? String(code);
  if (responseStatus !== 'successful' || !bytes) return { responseStatus, responses: [], certs: [] };
  const responseBytes = child(bytes, 0, TAG.SEQUENCE);
  const type = oid(child(responseBytes, 0));
  if (type !== BASIC_RESPONSE) throw new DerError(`OCSP response type ${type} is not id-pkix-ocsp-basic`);
  const basic = readOnly(child(responseBytes, 1, TAG.OCTET_STRING).value, TAG.SEQUENCE);
  const [tbs, algorithm, signature, certsTlv] = children(basic);
  if (!tbs || !algorithm || !signature) throw new DerError('BasicOCSPResponse incomplete');
  const data = children(tbs);
  let i = data[0]?.tag === ctx(0) ? 1 : 0; // version
  i++; // responderID
  const producedAt = data[i++];
  const list = data[i];
  if (!producedAt || !list) throw new DerError('ResponseData without producedAt or responses');
  return {
    responseStatus,
    producedAt: time(producedAt),
    responses: children(list).map(singleResponse),
    signedDer: tbs.bytes,
    signatureOid: oid(child(algorithm, 0)),
    signature: bitString(signature),
    certs: certsTlv ? children(child(certsTlv, 0, TAG.SEQUENCE)).map((c) => c.bytes) : [],
  };
}

function singleResponse(tlv: Tlv): SingleResponse {
  const [certId, status, thisUpdate, ...rest] = children(tlv);
  if (!certId || !status || !thisUpdate) throw new DerError('SingleResponse incomplete');
  const serialHex = integerHex(child(certId, 3));
  const next = rest.find((r) => r.tag === ctx(0));
  const common = { serialHex, thisUpdate: time(thisUpdate), ...(next ? { nextUpdate: time(child(next, 0)) } : {}) };
  if (status.tag === ctx(0, false)) return { ...common, status: 'good' };
  if (status.tag === ctx(1)) return { ...common, status: 'revoked', revokedAt: time(child(status, 0)) };
  if (status.tag === ctx(2, false)) return { ...common, status: 'unknown' };
  throw new DerError(`certStatus tag 0x${status.tag.toString(16)}`);
}

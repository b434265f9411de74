import { bitString, child, children, ctx, DerError, integerHex, isTime, oid, readOnly, TAG, time } from './der.js';

/** A CRL as a revocation check reads it. */
export interface CrlFields {
  readonly issuerDer: Buffer;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** Revoked serials, lower-case hex without leading zeros. */
  readonly revoked: ReadonlySet<string>;
  readonly signedDer: Buffer;
  readonly signatureOid: string;
  readonly signature: Buffer;
}

/** CertificateList (RFC 5280 §5.1): tbsCertList, signatureAlgorithm, signatureValue. */
export function parseCrl(der: Buffer): CrlFields {
  const list = readOnly(der, TAG.SEQUENCE);
  const tbs = child(list, 0, TAG.SEQUENCE);
  const signatureOid = oid(child(child(list, 1, TAG.SEQUENCE), 0));
  const signature = bitString(child(list, 2));
  const parts = children(tbs);
  let i = parts[0]?.tag === TAG.INTEGER ? 1 : 0; // version, v2 only
  i++; // signature algorithm (repeated inside)
  const issuer = parts[i++];
  const thisUpdate = parts[i++];
  if (!issuer || issuer.tag !== TAG.SEQUENCE || !thisUpdate) throw new DerError('CRL without issuer or thisUpdate');
  const next = isTime(parts[i]) ? parts[i++] : undefined;
  const revoked = new Set<string>();
  const entries = parts[i]?.tag === TAG.SEQUENCE ? parts[i++] : undefined;
  for (const entry of entries ? children(entries) : []) revoked.add(integerHex(child(entry, 0)));
  if (parts[i] && parts[i]?.tag !== ctx(0)) throw new DerError(`unexpected tag 0x${parts[i]?.tag.toString(16)} in CRL`);
  return {
    issuerDer: issuer.bytes,
    thisUpdate: time(thisUpdate),
    ...(next ? { nextUpdate: time(next) } : {}),
    revoked,
    signedDer: tbs.bytes,
    signatureOid,
    signature,
  };
}

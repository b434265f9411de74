import { bitString, child, children, ctx, DerError, integerHex, oid, readOnly, TAG, type Tlv } from './der.js';

/** What revocation needs from a certificate: its serial, issuer and subject names (DER), key bits and pointers. */
export interface CertFields {
  readonly serialHex: string;
  /** The serial INTEGER's content octets, as an OCSP CertID repeats them. */
  readonly serial: Buffer;
  readonly issuerDer: Buffer;
  readonly subjectDer: Buffer;
  /** subjectPublicKey's bits: the issuer key hash of an OCSP CertID is SHA-1 over these. */
  readonly publicKeyBits: Buffer;
  readonly crlUrls: readonly string[];
  readonly ocspUrls: readonly string[];
  readonly caIssuersUrls: readonly string[];
}

const EXT_CRL_DP = '2.5.29.31';
const EXT_AIA = '1.3.6.1.5.5.7.1.1';
const AD_OCSP = '1.3.6.1.5.5.7.48.1';
const AD_CA_ISSUERS = '1.3.6.1.5.5.7.48.2';
/** GeneralName uniformResourceIdentifier: [6] IMPLICIT IA5String. */
const GN_URI = ctx(6, false);

export function certFields(der: Buffer): CertFields {
  const cert = readOnly(der, TAG.SEQUENCE);
  const tbs = child(cert, 0, TAG.SEQUENCE);
  const parts = children(tbs);
  let i = parts[0]?.tag === ctx(0) ? 1 : 0; // version [0] EXPLICIT, absent in v1
  const serial = parts[i++];
  i++; // signature algorithm
  const issuer = parts[i++];
  i++; // validity
  const subject = parts[i++];
  const spki = parts[i++];
  if (!serial || !issuer || !subject || !spki) throw new DerError('certificate without serial, names or key');
  const extensions = parts.slice(i).find((p) => p.tag === ctx(3));
  const crlUrls: string[] = [];
  const ocspUrls: string[] = [];
  const caIssuersUrls: string[] = [];
  for (const ext of extensions ? children(child(extensions, 0, TAG.SEQUENCE)) : []) {
    const fields = children(ext);
    const id = oid(fields[0] as Tlv);
    const value = fields[fields.length - 1];
    if (!value || value.tag !== TAG.OCTET_STRING) continue;
    if (id === EXT_CRL_DP) crlUrls.push(...distributionPointUrls(readOnly(value.value, TAG.SEQUENCE)));
    if (id === EXT_AIA) {
      for (const access of children(readOnly(value.value, TAG.SEQUENCE))) {
        const [method, location] = children(access);
        if (!method || location?.tag !== GN_URI) continue;
        const url = location.value.toString('latin1');
        const m = oid(method);
        if (m === AD_OCSP) ocspUrls.push(url);
        if (m === AD_CA_ISSUERS) caIssuersUrls.push(url);
      }
    }
  }
  return {
    serialHex: integerHex(serial),
    serial: serial.value,
    issuerDer: issuer.bytes,
    subjectDer: subject.bytes,
    publicKeyBits: bitString(child(spki, 1)),
    crlUrls,
    ocspUrls,
    caIssuersUrls,
  };
}

/** DistributionPoint → distributionPoint [0] → fullName [0] → URIs (relative names and cRLIssuer are not URLs). */
function distributionPointUrls(points: Tlv): string[] {
  const urls: string[] = [];
  for (const point of children(points)) {
    const name = children(point).find((c) => c.tag === ctx(0));
    const fullName = name ? children(name).find((c) => c.tag === ctx(0)) : undefined;
    for (const general of fullName ? children(fullName) : []) {
      if (general.tag === GN_URI) urls.push(general.value.toString('latin1'));
    }
  }
  return urls;
}

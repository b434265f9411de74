import { verify, type X509Certificate } from 'node:crypto';

/** Signature algorithms of CRLs and OCSP responses → the digest node:crypto verifies with (null: the key decides). */
const DIGESTS: Record<string, string | null> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
  '1.3.101.113': null,
};

/** 'valid', 'invalid', or 'unsupported' (an algorithm we do not map, RSA-PSS for one: reported, never assumed valid). */
export type SignatureCheck = 'valid' | 'invalid' | 'unsupported';

export function checkSignature(
  algorithmOid: string,
  signed: Buffer,
  signature: Buffer,
  signer: X509Certificate,
): SignatureCheck {
  if (!(algorithmOid in DIGESTS)) return 'unsupported';
  try {
    return verify(DIGESTS[algorithmOid] ?? null, signed, signer.publicKey, signature) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}

import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';

/** One certificate of a presented chain, as a network engineer reads it. */
export interface ChainLink {
  readonly subject: string;
  readonly issuer: string;
  readonly notAfter: Date;
  readonly raw: Buffer;
}

const MAX_CHAIN = 10;

const dn = (name: PeerCertificate['subject'] | undefined): string =>
  name
    ? Object.entries(name)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
        .join(', ')
    : '';

/** The leaf first, then each issuer Node found (the peer's chain plus the trusted root), bounded in length. */
export function chainOf(leaf: DetailedPeerCertificate): ChainLink[] {
  const links: ChainLink[] = [];
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert?.raw && links.length < MAX_CHAIN) {
    links.push({
      subject: dn(cert.subject),
      issuer: dn(cert.issuer),
      notAfter: new Date(cert.valid_to),
      raw: cert.raw,
    });
    const next: DetailedPeerCertificate | undefined = cert.issuerCertificate;
    if (!next || next === cert || next.fingerprint256 === cert.fingerprint256) break;
    cert = next;
  }
  return links;
}

export const DAY_MS = 86_400_000;
export const daysLeft = (notAfter: Date, now: Date): number =>
  Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);

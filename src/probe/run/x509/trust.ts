import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import tls from 'node:tls';

/** The CA certificates a chain must lead to, and where they came from (for evidence). */
export interface TrustStore {
  readonly ca: readonly string[];
  readonly label: string;
}

/** Debian/Ubuntu, RHEL/Fedora, Alpine/BSD: the first that exists is the system store. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

let systemStore: Promise<TrustStore> | undefined;

/**
 * `caFile` when given (a site's private CA, a test CA); else Node's bundled roots plus the system bundle, so that a
 * chain the host's own tools trust is trusted here too.
 */
export function trustStore(caFile?: string): Promise<TrustStore> {
  if (caFile) return readFile(caFile, 'utf8').then((pem) => ({ ca: [pem], label: caFile }));
  systemStore ??= (async () => {
    const bundle = SYSTEM_BUNDLES.find((path) => existsSync(path));
    if (!bundle) return { ca: tls.rootCertificates, label: 'Node.js bundled roots' };
    const pem = await readFile(bundle, 'utf8').catch(() => '');
    return pem
      ? { ca: [...tls.rootCertificates, pem], label: `Node.js bundled roots + ${bundle}` }
      : { ca: tls.rootCertificates, label: 'Node.js bundled roots' };
  })();
  return systemStore;
}

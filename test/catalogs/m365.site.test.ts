import { describe, expect, it } from 'vitest';
import { loadSiteFile } from '../../src/catalog/fs.js';
import { resolveSite } from '../../src/matrix/index.js';
import type { MatrixRow } from '../../src/model/matrix.js';
import { readCatalog, repoRoot } from '../support/catalogs.js';

/** The example site of the Microsoft 365 catalog loads, binds every bound role and resolves as its comments say. */
const SITE = `${repoRoot}examples/m365-additional-endpoints-site.yaml`;
const CATALOG = 'm365-additional-endpoints';

describe('examples/m365-additional-endpoints-site.yaml', () => {
  const loaded = loadSiteFile(SITE);
  const catalog = readCatalog(CATALOG);

  it('loads without any issue', () => {
    const issues = loaded.ok ? loaded.warnings : loaded.issues;
    expect(issues.map((i) => `${i.line}:${i.col} ${i.message}`)).toEqual([]);
    expect(loaded.ok).toBe(true);
  });

  it('binds every role the catalog does not fix', () => {
    if (!loaded.ok) throw new Error('site did not load');
    const use = loaded.value.site.catalogs.find((c) => c.catalog === CATALOG);
    const bound = Object.keys(catalog.roles).filter((id) => {
      const role = catalog.roles[id];
      return role?.addresses === undefined && role?.addressesBy === undefined;
    });
    expect(bound.length).toBeGreaterThan(10);
    expect(bound.filter((id) => !(id in (use?.roles ?? {})))).toEqual([]);
  });

  describe('resolved', () => {
    const resolved = loaded.ok ? resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs }) : undefined;
    const rows: readonly MatrixRow[] = resolved?.ok ? resolved.value.rows : [];
    const row = (flow: string) => rows.filter((r) => r.flow === flow);

    it('resolves with no error', () => {
      const issues = resolved === undefined ? [] : resolved.ok ? resolved.warnings : resolved.issues;
      expect(issues.map((i) => i.message)).toEqual([]);
      expect(resolved?.ok).toBe(true);
      expect(rows.length).toBeGreaterThan(0);
    });

    it('takes the 49443 ClientTLS branch of row 4, not the 443 one', () => {
      expect(row('sts-https')).toEqual([]);
      const [clientTls] = row('sts-clienttls');
      expect(clientTls?.services.map((s) => [s.protocol, s.ports])).toEqual([['tcp', [{ from: 49443, to: 49443 }]]]);
      expect(clientTls?.destination.bindings).toEqual(['wap01']);
    });

    it('fills the templated names from the site parameters', () => {
      const autodetect = row('autodetect-to-exchange').flatMap((r) => r.source.addresses);
      expect(autodetect).toContainEqual({ kind: 'fqdn', value: 'example.com.outlookmobile.com' });
      const sharepoint = row('trusted-sites-sharepoint').flatMap((r) => r.destination.addresses);
      expect(sharepoint).toContainEqual({ kind: 'fqdn', value: 'example.sharepoint.com' });
    });

    it('takes the worldwide list of Graph notification senders, IPv4 and IPv6', () => {
      const senders = row('graph-change-notifications').flatMap((r) => r.source.addresses);
      expect(senders).toHaveLength(106);
      expect(senders).toContainEqual({ kind: 'cidr', family: 6, value: '2603:1017::/48' });
      expect(senders).not.toContainEqual({ kind: 'cidr', family: 6, value: '2001:489a:3500::/50' });
    });

    it('keeps reference and trusted-site rows without ports, and leaves disabled options out', () => {
      for (const r of rows.filter((x) => x.kind !== 'network')) expect(r.services, r.flow).toEqual([]);
      expect(row('hcw-endpoints').map((r) => r.kind)).toEqual(['reference']);
      expect(row('trusted-site-entra-cdn').map((r) => r.kind)).toEqual(['trusted-site']);
      for (const off of ['skype-hybrid-media', 'stream', 'mfa-server', 'hcw-exchange-2010-live-domains']) {
        expect(row(off), off).toEqual([]);
      }
    });

    it('sends outbound web flows from the LAN through the proxy', () => {
      const [sara] = row('sara-outbound');
      expect(sara?.legs.map((l) => l.viaProxy)).toEqual([true, true]);
      expect(sara?.legs[0]?.destination.bindings).toEqual(['proxy01']);
    });
  });
});

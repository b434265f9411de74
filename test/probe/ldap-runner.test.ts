import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLdap } from '../../src/probe/run/ldap.js';
import type { ProbeSpec } from '../../src/probe/types.js';
import { appServers, freePort, type LdapServer, startSlapd } from '../support/probe-apps.js';
import { missing } from '../support/system.js';

const ctx = { limits: { timeoutMs: 5000, concurrency: 1, perHost: 1 } };
const spec = (port: number, options: ProbeSpec['options'] = {}): ProbeSpec => ({
  id: `ldap-${port}`,
  kind: 'ldap',
  target: 'ldap.test',
  port,
  origin: { check: 'ldap' },
  title: { fr: 'LDAP', en: 'LDAP' },
  options: { address: '127.0.0.1', ...options },
});
const value = (r: { evidence: readonly { label: string; value: string }[] }, label: string) =>
  r.evidence.find((e) => e.label === label)?.value;

describe.skipIf(missing(appServers.slapd, appServers.openssl))('ldap runner against slapd', () => {
  let slapd: LdapServer;
  let bare: LdapServer;
  beforeAll(async () => {
    [slapd, bare] = await Promise.all([startSlapd(), startSlapd({ tls: false })]);
  }, 60_000);
  afterAll(() => {
    slapd?.stop();
    bare?.stop();
  });

  it('upgrades with StartTLS (SNI set) and reads the rootDSE anonymously', async () => {
    const r = await runLdap(spec(slapd.ldapPort, { tls: 'starttls', caFile: slapd.ca }), ctx);
    expect(r.status, JSON.stringify(r.evidence)).toBe('PASS');
    expect(value(r, 'starttls')).toBe('0 success');
    expect(value(r, 'tls sni')).toBe('ldap.test');
    expect(value(r, 'certificate trusted')).toBe('yes');
    expect(value(r, 'namingContexts')).toBe(slapd.suffix);
    expect(value(r, 'supportedLDAPVersion')).toBe('3');
    expect(value(r, 'supportedExtension')).toContain('1.3.6.1.4.1.1466.20037');
  });

  it('reads the rootDSE over LDAPS', async () => {
    const r = await runLdap(spec(slapd.ldapsPort, { tls: 'ldaps', caFile: slapd.ca }), ctx);
    expect(r.status).toBe('PASS');
    expect(value(r, 'tls version')).toMatch(/TLSv1\.[23]/);
    expect(value(r, 'namingContexts')).toBe(slapd.suffix);
  });

  it('binds with the password from the named variable, which never appears in the result', async () => {
    process.env.FLOWMATRIX_TEST_LDAP_PW = slapd.adminPassword;
    const ok = await runLdap(
      spec(slapd.ldapsPort, {
        tls: 'ldaps',
        caFile: slapd.ca,
        bindDn: slapd.adminDn,
        passwordEnv: 'FLOWMATRIX_TEST_LDAP_PW',
      }),
      ctx,
    );
    expect(ok.status, JSON.stringify(ok.evidence)).toBe('PASS');
    expect(value(ok, `bind as ${slapd.adminDn}`)).toBe('0 success');
    expect(JSON.stringify(ok)).not.toContain(slapd.adminPassword);

    process.env.FLOWMATRIX_TEST_LDAP_PW = 'wrong';
    const bad = await runLdap(
      spec(slapd.ldapPort, { caFile: slapd.ca, bindDn: slapd.adminDn, passwordEnv: 'FLOWMATRIX_TEST_LDAP_PW' }),
      ctx,
    );
    expect(bad.status).toBe('FAIL');
    expect(bad.error).toMatch(/^49 invalidCredentials/);
    delete process.env.FLOWMATRIX_TEST_LDAP_PW;

    const none = await runLdap(
      spec(slapd.ldapPort, { caFile: slapd.ca, bindDn: slapd.adminDn, passwordEnv: 'FLOWMATRIX_TEST_LDAP_PW' }),
      ctx,
    );
    expect(none.status).toBe('UNTESTABLE');
  });

  it('fails when the server refuses StartTLS, with slapd’s own result code', async () => {
    const r = await runLdap(spec(bare.ldapPort, { tls: 'starttls' }), ctx);
    expect(r.status).toBe('FAIL');
    expect(value(r, 'starttls')).toMatch(/^(52 unavailable|1 operationsError|2 protocolError)/);
  });

  it('fails on an untrusted certificate (as the tls runner does) and warns on a clear-text session', async () => {
    const untrusted = await runLdap(spec(slapd.ldapPort), ctx);
    expect(untrusted.status).toBe('FAIL');
    expect(untrusted.error).toMatch(/^certificate not trusted/);
    const clear = await runLdap(spec(bare.ldapPort, { tls: 'none' }), ctx);
    expect(clear.status).toBe('WARN');
    expect(value(clear, 'namingContexts')).toBe(bare.suffix);
  });

  it('fails on a closed port', async () => {
    const r = await runLdap(spec(await freePort(), { tls: 'ldaps' }), ctx);
    expect(r.status).toBe('FAIL');
    expect(r.error).toMatch(/ECONNREFUSED/);
  });
});

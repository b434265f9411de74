import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoveryNames, runDiscovery } from '../../src/probe/run/discovery.js';
import type { ProbeSpec } from '../../src/probe/types.js';
import { appServers, silentUdp, startDnsmasq } from '../support/probe-apps.js';
import { missing } from '../support/system.js';

const ctx = { limits: { timeoutMs: 3000, concurrency: 1, perHost: 1 } };
const value = (r: { evidence: readonly { label: string; value: string }[] }, label: string) =>
  r.evidence.find((e) => e.label === label)?.value;

describe.skipIf(missing(appServers.dnsmasq))('discovery runner against dnsmasq', () => {
  let dns: Awaited<ReturnType<typeof startDnsmasq>>;
  const probe = (
    d: { name: string; expectPort?: number },
    run = { ...ctx, resolver: '' },
  ): Promise<ReturnType<typeof runDiscovery> extends Promise<infer R> ? R : never> => {
    const spec: ProbeSpec = {
      id: `discovery-${d.name}`,
      kind: 'discovery',
      target: d.name,
      origin: { check: 'discovery' },
      title: { fr: d.name, en: d.name },
      options: d.expectPort ? { expectPort: d.expectPort } : {},
    };
    return runDiscovery(spec, { ...run, resolver: run.resolver || dns.server });
  };
  beforeAll(async () => {
    dns = await startDnsmasq([
      '--local=/example.test/',
      '--local=/absent.test/',
      '--host-record=autodiscover.example.test,127.0.0.21',
      '--host-record=webdir.example.test,127.0.0.22,fd00::22',
      '--cname=lyncdiscover.example.test,webdir.example.test',
      '--host-record=sip.example.test,127.0.0.23',
      '--srv-host=_sip._tls.example.test,sip.example.test,443,0,0',
      '--srv-host=_sipfederationtls._tcp.example.test,sip.example.test,5062,10,0',
      '--srv-host=_sipfederationtls._tcp.example.test,gone.example.test,5061,20,0',
      '--host-record=_nodata._tcp.example.test,127.0.0.30',
    ]);
  }, 30_000);
  afterAll(() => dns?.stop());

  it('lists the four discovery names of a domain with the SRV ports Lync expects', () => {
    expect(discoveryNames('contoso.com').map((d) => [d.name, d.record, d.expectPort])).toEqual([
      ['autodiscover.contoso.com', 'A', undefined],
      ['lyncdiscover.contoso.com', 'A', undefined],
      ['_sip._tls.contoso.com', 'SRV', 443],
      ['_sipfederationtls._tcp.contoso.com', 'SRV', 5061],
    ]);
  });

  it('resolves autodiscover and lyncdiscover (through its CNAME, both families) from the named resolver', async () => {
    const [autodiscover, lyncdiscover] = discoveryNames('example.test');
    const a = await probe(autodiscover as never);
    expect(a.status, JSON.stringify(a.evidence)).toBe('PASS');
    expect(value(a, 'resolver')).toBe(dns.server);
    expect(value(a, 'autodiscover.example.test A')).toBe('127.0.0.21');
    const l = await probe(lyncdiscover as never);
    expect(l.status).toBe('PASS');
    expect(value(l, 'CNAME')).toBe('webdir.example.test');
    expect(value(l, 'lyncdiscover.example.test AAAA')).toBe('fd00::22');
    expect(l.summary.en).toContain('via CNAME webdir.example.test');
  });

  it('reports SRV targets and ports, and warns on a wrong port or a target that does not resolve', async () => {
    const [, , sip, federation] = discoveryNames('example.test');
    const s = await probe(sip as never);
    expect(s.status, JSON.stringify(s.evidence)).toBe('PASS');
    expect(value(s, 'SRV')).toBe('0 0 443 sip.example.test');
    expect(value(s, 'sip.example.test A')).toBe('127.0.0.23');
    const f = await probe(federation as never);
    expect(f.status).toBe('WARN');
    expect(f.summary.en).toContain('sip.example.test on port 5062, expected 5061');
    expect(f.summary.en).toContain('target gone.example.test does not resolve (NXDOMAIN)');
  });

  it('tells NXDOMAIN and NODATA apart (FAIL) from a silent resolver (INCONCLUSIVE)', async () => {
    const nx = await probe({ name: '_sip._tls.absent.test' });
    expect(nx.status).toBe('FAIL');
    expect(nx.summary.en).toBe('_sip._tls.absent.test: NXDOMAIN');
    const nodata = await probe({ name: '_nodata._tcp.example.test' });
    expect(nodata.status).toBe('FAIL');
    expect(nodata.summary.en).toContain('NODATA');
    const missingA = await probe({ name: 'autodiscover.absent.test' });
    expect(missingA.summary.en).toContain('NXDOMAIN');
    const quiet = await silentUdp();
    try {
      const t = await probe({ name: 'autodiscover.example.test' }, { ...ctx, resolver: `127.0.0.1:${quiet.port}` });
      expect(t.status).toBe('INCONCLUSIVE');
      expect(t.durationMs).toBeLessThan(4000);
    } finally {
      quiet.stop();
    }
  });
});

import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult, ProbeSpec } from '../../src/probe/types.js';
import { probeServers } from '../support/probe-servers.js';
import { missing, requirements } from '../support/system.js';
import { createProbeNs, type ProbeNs, SERVERS } from './support/netns-probe.js';

/**
 * The dns runner against a real dnsmasq in a namespace of its own, holding a zone we write on its command line:
 * answers per record type, NXDOMAIN, NODATA, REFUSED (a server with no upstream), connection refused (nothing on the
 * port), a timeout (a socket that never answers) and SERVFAIL (unbound forwarding to that refusing server), each
 * told apart.
 */
const LIMITS = { timeoutMs: 1500, concurrency: 8, perHost: 8 };
const ZONE = [
  '--local=/probe.test/',
  '--host-record=www.probe.test,192.0.2.10,2001:db8::10',
  '--host-record=v4only.probe.test,192.0.2.11',
  '--cname=alias.probe.test,www.probe.test',
  '--srv-host=_sip._tls.probe.test,sip.probe.test,5061,0,5',
  '--mx-host=probe.test,mail.probe.test,10',
];
const dnsmasq = (port: number, extra: readonly string[]) => [
  '-k',
  '-u',
  'root',
  '--conf-file=/dev/null',
  '--pid-file=',
  '--no-resolv',
  '--no-hosts',
  '--listen-address=127.0.0.1',
  '--bind-interfaces',
  '--log-facility=-',
  `--port=${port}`,
  ...extra,
];
const spec = (id: string, target: string, type: string, resolver = '127.0.0.1:53'): ProbeSpec => ({
  id,
  kind: 'dns',
  target,
  origin: {},
  title: { fr: id, en: id },
  options: { type, resolver },
});

const unboundConf = join(tmpdir(), `flowmatrix-probe-unbound-${process.pid}.conf`);
const UNBOUND = `server:
  interface: 127.0.0.1@5353
  do-daemonize: no
  username: ""
  chroot: ""
  use-syslog: no
  logfile: ""
  pidfile: ""
  do-ip6: no
  verbosity: 1
  module-config: "iterator"
  do-not-query-localhost: no
  domain-insecure: "broken.test"
  local-zone: "test." nodefault
forward-zone:
  name: "broken.test"
  forward-addr: 127.0.0.1@5399
`;

describe.skipIf(missing(requirements.netns, probeServers.dnsmasq, probeServers.unbound))(
  'dns probe against dnsmasq',
  () => {
    let ns: ProbeNs;
    let results: Map<string, ProbeResult>;
    beforeAll(async () => {
      ns = await createProbeNs('fmpd');
      await ns.start('dnsmasq', dnsmasq(53, ZONE), /started, version/);
      // A server without upstream answers REFUSED to every name outside its own.
      await ns.start('dnsmasq', dnsmasq(5399, []), /started, version/);
      // unbound turns its upstream's REFUSED into SERVFAIL for the zone it forwards.
      writeFileSync(unboundConf, UNBOUND);
      await ns.start('unbound', ['-d', '-c', unboundConf], /start of service/);
      await ns.start(
        process.execPath,
        ['--input-type=module', '-e', SERVERS, JSON.stringify({ silent: [{ host: '127.0.0.1', port: 5398 }] })],
        /ready/,
      );
      const specs = [
        spec('a', 'www.probe.test', 'A'),
        spec('aaaa', 'www.probe.test', 'AAAA'),
        spec('both', 'www.probe.test', 'A+AAAA'),
        spec('v4-only-both', 'v4only.probe.test', 'A+AAAA'),
        spec('nodata', 'v4only.probe.test', 'AAAA'),
        spec('nxdomain', 'nope.probe.test', 'A+AAAA'),
        spec('cname', 'alias.probe.test', 'CNAME'),
        spec('srv', '_sip._tls.probe.test', 'SRV'),
        spec('mx', 'probe.test', 'MX'),
        spec('refused', 'www.example.org', 'A', '127.0.0.1:5399'),
        spec('conn-refused', 'www.probe.test', 'A', '127.0.0.1:5400'),
        spec('servfail', 'www.broken.test', 'A', '127.0.0.1:5353'),
        spec('timeout', 'www.probe.test', 'A', '127.0.0.1:5398'),
      ];
      results = new Map((await ns.probe(specs, LIMITS)).map((r) => [r.id, r]));
    }, 60_000);
    afterAll(() => {
      ns?.destroy();
      rmSync(unboundConf, { force: true });
    });

    const get = (id: string) => results.get(id) as ProbeResult;
    const ev = (id: string) => Object.fromEntries(get(id).evidence.map((e) => [e.label, e.value]));

    it('answers per record type, with the resolver and the answers as evidence', () => {
      expect(get('a').status).toBe('PASS');
      expect(ev('a')).toMatchObject({ resolver: '127.0.0.1:53', query: 'www.probe.test A', A: '192.0.2.10' });
      expect(ev('aaaa').AAAA).toBe('2001:db8::10');
      expect(ev('both')).toMatchObject({ A: '192.0.2.10', AAAA: '2001:db8::10' });
      expect(get('cname').status).toBe('PASS');
      expect(ev('cname').CNAME).toBe('www.probe.test');
      expect(ev('srv').SRV).toBe('0 5 5061 sip.probe.test');
      expect(ev('mx').MX).toBe('10 mail.probe.test');
    });

    it('a name with only IPv4 passes A+AAAA, and its AAAA alone is NODATA', () => {
      expect(get('v4-only-both').status).toBe('PASS');
      expect(ev('v4-only-both').AAAA).toMatch(/^ENODATA/);
      expect(get('nodata').status).toBe('FAIL');
      expect(get('nodata').error).toBe('ENODATA');
      expect(get('nodata').summary.en).toContain('NODATA');
    });

    it('SERVFAIL from a resolver whose upstream refuses', () => {
      expect(get('servfail').status).toBe('FAIL');
      expect(get('servfail').error).toBe('ESERVFAIL');
      expect(get('servfail').summary.en).toBe('www.broken.test: SERVFAIL (the resolver could not answer)');
    });

    it('NXDOMAIN, REFUSED and connection refused are each a FAIL in their own words; a silent resolver is INCONCLUSIVE', () => {
      expect(get('nxdomain').status).toBe('FAIL');
      expect(get('nxdomain').summary.en).toBe('nope.probe.test: NXDOMAIN (no such name)');
      expect(get('refused').error).toBe('EREFUSED');
      expect(get('refused').summary.en).toContain('REFUSED');
      expect(get('conn-refused').error).toBe('ECONNREFUSED');
      expect(get('conn-refused').summary.en).toContain('ICMP unreachable');
      expect(get('timeout').error).toBe('ETIMEOUT');
      expect(get('timeout').summary.en).toContain('no answer in time');
      const statuses = ['nxdomain', 'refused', 'conn-refused', 'timeout'].map((id) => get(id).status);
      // UDP silence proves nothing (the rule beside PROBE_STATUSES), as the discovery runner and the scripts say.
      expect(statuses).toEqual(['FAIL', 'FAIL', 'FAIL', 'INCONCLUSIVE']);
    });
  },
);

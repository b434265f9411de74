import { describe, expect, it } from 'vitest';
import type { MatrixRow } from '../../src/model/matrix.js';
import { planProbes } from '../../src/probe/plan.js';
import { appProbeFor } from '../../src/probe/plan-apps.js';
import type { ProbeSpec } from '../../src/probe/types.js';
import { EXAMPLES, exampleMatrix } from '../targets/support/examples.js';

/** Every row gets a probe of the right kind (issue 12): the application's own, after the tcp reachability probe. */
const KIND_BY_PORT: Record<string, ProbeSpec['kind']> = {
  'tcp/25': 'smtp',
  'tcp/587': 'smtp',
  'tcp/389': 'ldap',
  'tcp/636': 'ldap',
  'tcp/5061': 'sip',
  'udp/3478': 'stun',
  'udp/5060': 'sip',
};

const allPlans = () =>
  EXAMPLES.flatMap((name) => {
    const m = exampleMatrix(name);
    return [...new Set(m.rows.map((r) => r.source.role))].map((role) => ({
      name,
      role,
      plan: planProbes(m, { source: { kind: 'role', role } }),
    }));
  });

describe('probe plan: the right kind per row', () => {
  it('every direct row on a known application port gets that application probe at the same target and port', () => {
    let seen = 0;
    for (const { name, role, plan } of allPlans())
      for (const row of plan.rows) {
        if (row.proxy) continue;
        for (const s of row.services)
          for (const r of s.ports) {
            const want = KIND_BY_PORT[`${s.protocol}/${r.from}`];
            if (!want || !/^(tcp|udp)$/.test(s.protocol)) continue;
            const probes = plan.specs.filter((p) => p.origin.row === row.key && p.port === r.from);
            if (probes.length === 0) continue; // a destination of a family the source lacks, or a network
            seen++;
            expect(
              probes.map((p) => p.kind),
              `${name} ${role} ${row.flow} ${s.protocol}/${r.from}`,
            ).toContain(want);
          }
      }
    expect(seen).toBeGreaterThan(10);
  });

  it('over TCP the application probe runs after the tcp probe of the same target and port; over UDP it replaces it', () => {
    for (const { plan } of allPlans()) {
      const byId = new Map(plan.specs.map((s) => [s.id, s]));
      for (const s of plan.specs) {
        if (!s.origin.row || !['smtp', 'ldap', 'sip', 'stun', 'tls'].includes(s.kind)) continue;
        const transport = s.options?.transport;
        if (transport === 'udp') {
          expect(plan.specs.some((p) => p.kind === 'udp' && p.target === s.target && p.port === s.port)).toBe(false);
          continue;
        }
        const reach = (s.dependsOn ?? []).map((d) => byId.get(d));
        expect(
          reach.some((d) => d?.kind === 'tcp' && d.target === s.target && d.port === s.port),
          s.id,
        ).toBe(true);
      }
    }
  });

  it('Hamilton from the WEB server: SMTP on the relay, LDAPS on both domain controllers, each after its tcp probe', () => {
    const plan = planProbes(exampleMatrix('hamilton-site'), {
      source: { kind: 'host', name: 'hamilton-web', addresses: ['172.16.50.10'] },
    });
    const apps = plan.specs
      .filter((s) => s.origin.row && (s.kind === 'smtp' || s.kind === 'ldap'))
      .map((s) => [s.kind, s.target, s.port, s.options?.tls, s.dependsOn?.[0]?.replace(/^[0-9a-f]+:/, '')]);
    expect(apps).toEqual([
      ['smtp', '10.20.1.25', 587, 'starttls', 'tcp:10.20.1.25:587'],
      ['ldap', '10.20.1.10', 636, 'ldaps', 'tcp:10.20.1.10:636'],
      ['ldap', '10.20.2.10', 636, 'ldaps', 'tcp:10.20.2.10:636'],
    ]);
  });

  it('the row’s application decides before its port: STUN and SIP/TLS on 443, TLS only where the row says TLS', () => {
    const lync = exampleMatrix('lync-2013-edge-site');
    const row = (flow: string) => lync.rows.find((r) => r.flow === flow) as MatrixRow;
    expect(appProbeFor(row('ext-stun-tcp-in'), 'tcp', 443)).toMatchObject({
      kind: 'stun',
      options: { transport: 'tcp' },
    });
    expect(appProbeFor(row('ext-sip-client-in'), 'tcp', 443)).toMatchObject({
      kind: 'sip',
      options: { transport: 'tls' },
    });
    expect(appProbeFor(row('ext-psom-in'), 'tcp', 443)?.kind).toBe('tls');
    const plain = { ...row('ext-psom-in'), app: 'HTTP', encryption: { supported: [], byDefault: 'no' as const } };
    expect(appProbeFor(plain, 'tcp', 443)).toBeUndefined();
    expect(appProbeFor(row('ext-stun-udp-in'), 'udp', 3478)?.kind).toBe('stun');
  });
});

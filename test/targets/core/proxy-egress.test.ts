import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSiteFile } from '../../../src/catalog/fs.js';
import { diffMatrices } from '../../../src/diff/diff.js';
import { resolveSite } from '../../../src/matrix/index.js';
import { formatIssue } from '../../../src/model/issues.js';
import type { Leg, Matrix } from '../../../src/model/matrix.js';
import { proxyEgressByPort } from '../../../src/targets/generate/proxy-egress.js';
import { targets } from '../../../src/targets/index.js';
import { verifyFirewall } from '../../../src/verify/index.js';
import { exampleMatrix, generated, repoRoot } from '../support/examples.js';

/**
 * Site `proxy.egress: by-port`: the proxy filters by name, so the firewalls on its way out open it by zone and port.
 * Hamilton's fw-edge (iptables, no names) carries only the proxy's six rows to Microsoft's and the providers' names.
 */

const HAMILTON = `${repoRoot}examples/hamilton-site.yaml`;

/** Hamilton with one more line under `proxy:`, through the real loader and resolver. */
function hamiltonWith(egress: string): { matrix?: Matrix; errors: string[] } {
  const text = readFileSync(HAMILTON, 'utf8').replace(/^(proxy:\n(?: {2}.*\n)*)/m, `$1  egress: ${egress}\n`);
  expect(text).toContain(`  egress: ${egress}\n`);
  const path = join(mkdtempSync(join(tmpdir(), 'flowmatrix-egress-')), 'site.yaml');
  writeFileSync(path, text.replace('catalog: hamilton', `catalog: ${repoRoot}catalogs/hamilton.yaml`));
  const loaded = loadSiteFile(path);
  if (!loaded.ok) return { errors: loaded.issues.map(formatIssue) };
  const resolved = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
  if (!resolved.ok) return { errors: resolved.issues.map(formatIssue) };
  return { matrix: resolved.value, errors: [] };
}

const byPort = (): Matrix => {
  const { matrix, errors } = hamiltonWith('by-port');
  if (!matrix) throw new Error(errors.join('\n'));
  return matrix;
};

const acceptLines = (text: string) => text.split('\n').filter((l) => l.startsWith('-A') && l.endsWith('-j ACCEPT'));
const proxyAccepts = (text: string) => acceptLines(text).filter((l) => /^-A proxy-|-s 172\.16\.50\.20\/32 /.test(l));

describe('the proxy’s way out, by default (by name)', () => {
  it('is withheld where the firewall cannot write names, and the finding offers the declared choice', () => {
    const out = generated(targets.iptables, exampleMatrix('hamilton-site'), 'fw-edge');
    const v4 = out.artifacts.find((a) => a.path.endsWith('.iptables'))?.content ?? '';
    expect(proxyAccepts(v4)).toEqual([]);
    const names = out.findings.filter((f) => f.rule === 'target:iptables:fqdn');
    expect(names.length).toBeGreaterThan(0);
    for (const f of names) expect(f.remediation?.en).toContain('declare proxy.egress: by-port in the site');
    expect(out.findings.filter((f) => f.rule.endsWith(':proxy-egress'))).toEqual([]);
  });
});

describe('the proxy’s way out, declared by port', () => {
  it('opens the proxy to every Internet address on the rows’ ports, one rule for the rows it covers', () => {
    const out = generated(targets.iptables, byPort(), 'fw-edge');
    const v4 = out.artifacts.find((a) => a.path.endsWith('.iptables'))?.content ?? '';
    // CRL/OCSP (tcp 80, 443) comes first; the five rows on tcp/443 after it add no rule it already covers.
    expect(proxyAccepts(v4)).toEqual([
      expect.stringMatching(/-s 172\.16\.50\.20\/32 -p tcp -m multiport --dports 80,443 .*hamilton\/crl-ocsp/),
    ]);
    expect(v4).not.toMatch(/ -d /);
    const said = out.findings.filter((f) => f.rule === 'target:iptables:proxy-egress');
    expect(said.map((f) => f.flow).sort()).toEqual(
      ['crl-ocsp', 'graph-api', 'graph-auth-admin', 'graph-auth-web', 'sms', 'wifi-guest-portal'].sort(),
    );
    expect(said.every((f) => f.severity === 'low')).toBe(true);
    expect(said.filter((f) => f.message.en.includes('already let out by the rule of flow crl-ocsp')).length).toBe(5);
    expect(said.find((f) => f.flow === 'sms')?.message.fr).toContain('proxy.egress: by-port');
    expect(out.findings.filter((f) => /:(fqdn|wildcard-fqdn)$/.test(f.rule))).toEqual([]);
  });

  it('prints the same way out on nftables, with no address and no name', () => {
    const out = generated(targets.nftables, byPort(), 'fw-edge');
    const text = out.artifacts[0]?.content ?? '';
    const accepts = text.split('\n').filter((l) => /accept comment "hamilton\//.test(l));
    expect(accepts.length).toBeGreaterThan(0);
    for (const line of accepts) {
      expect(line).toMatch(/tcp dport (80|443) counter accept comment "hamilton\/crl-ocsp/);
      expect(line).not.toMatch(/daddr/);
    }
  });

  it('is what verify checks: the generated rules permit every row and open nothing beyond it', () => {
    const matrix = byPort();
    const out = generated(targets.iptables, matrix, 'fw-edge');
    const format = targets.iptables.formats?.find((f) => f.id === 'iptables');
    const read = format?.parse(out.artifacts.map((a) => ({ path: a.path, text: a.content })));
    if (!read?.ok) throw new Error('the iptables reader refused our output');
    const v = verifyFirewall(matrix, 'fw-edge', read.value);
    expect(v.rows.length).toBe(6);
    for (const row of v.rows) expect(row.verdict, row.rule.id).toBe('permitted');
    const flagged = v.rules.filter((r) => r.shadowed || r.unused || r.beyondMatrix?.length || r.anyToAny);
    expect(flagged.map((r) => r.hit)).toEqual([]);
  });

  it('is a change diff sees: declared, the proxied rows to names are widened; withdrawn, narrowed', () => {
    const labels = { old: 'old', new: 'new' };
    const widened = diffMatrices(exampleMatrix('hamilton-site'), byPort(), labels);
    expect(widened.changes.map((c) => c.classes)).toEqual(Array(6).fill(['widened']));
    expect(widened.changes[0]?.fields.map((f) => f.after)).toEqual([
      'outbound-proxy (proxy-out:3128), egress: by-port',
    ]);
    const narrowed = diffMatrices(byPort(), exampleMatrix('hamilton-site'), labels);
    expect(narrowed.changes.map((c) => c.classes)).toEqual(Array(6).fill(['narrowed']));
  });

  it('is a choice among two words, refused with its place otherwise', () => {
    const { matrix, errors } = hamiltonWith('by-guess');
    expect(matrix).toBeUndefined();
    expect(errors.join('\n')).toMatch(/site\.yaml:\d+:\d+: .*egress/);
  });
});

describe('the zone the proxy is let out to', () => {
  const leg = (zoneTo: string): Leg => ({
    source: { role: 'proxy:p', title: { fr: 'p', en: 'p' }, addresses: [], bindings: [], fixed: false },
    destination: {
      role: 'partner-api',
      title: { fr: 'api', en: 'api' },
      addresses: [
        { kind: 'fqdn', value: 'api.partner.example' },
        { kind: 'cidr', value: '192.0.2.7/32', family: 4 },
      ] as Leg['destination']['addresses'],
      bindings: [],
      fixed: false,
    },
    services: [],
    zoneFrom: 'dmz',
    zoneTo,
    hops: [],
    viaProxy: true,
  });
  const zones = {
    partners: { kind: 'external', cidrs: ['198.51.100.0/24'], default: false },
    internet: { kind: 'external', cidrs: [], default: true },
  } as unknown as Matrix['zones'];
  const byPortRow = { proxy: { name: 'p', host: 'p', port: 3128, egress: 'by-port' as const } };
  const open = (l: Leg, i: number) => proxyEgressByPort({ zones })(byPortRow, l, i);

  it('is its CIDRs, beside the destination’s own addresses, for a zone that has some', () => {
    const opened = open(leg('partners'), 1);
    expect(opened?.names).toEqual(['api.partner.example']);
    expect(opened?.destination.addresses.map((a) => ('value' in a ? a.value : a.kind))).toEqual([
      '192.0.2.7/32',
      '198.51.100.0/24',
    ]);
    expect(opened?.destination.role).toBe('zone:partners');
  });

  it('is every address for the default zone; and only the proxy’s own leg to a name is opened so', () => {
    expect(open(leg('internet'), 1)?.destination.addresses).toEqual([{ kind: 'any' }]);
    expect(open(leg('internet'), 0)).toBeUndefined();
    expect(open({ ...leg('internet'), viaProxy: false }, 1)).toBeUndefined();
    expect(
      proxyEgressByPort({ zones })({ proxy: { name: 'p', host: 'p', port: 3128 } }, leg('internet'), 1),
    ).toBeUndefined();
  });
});

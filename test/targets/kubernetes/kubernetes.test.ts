import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Endpoint, Matrix } from '../../../src/model/matrix.js';
import { mergePortRanges } from '../../../src/net/ports.js';
import { minimalPrefixes, withLength } from '../../../src/net/prefixes.js';
import { parseEndpoint } from '../../../src/ruleset/endpoint-values.js';
import { generateWith } from '../../../src/targets/generate/generate.js';
import { allowRule, ruleLabel, sliceForFirewall } from '../../../src/targets/generate/rules.js';
import { protocolGroups } from '../../../src/targets/kit/plan.js';
import { kubernetes } from '../../../src/targets/kubernetes/index.js';
import { firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import {
  checkedRules,
  EXAMPLES,
  exampleMatrix,
  expectGolden,
  findingLines,
  generated,
  HOSTILE,
} from '../support/examples.js';
import { ep, pods } from './build.js';
import { readAll } from './read.js';

const golden = new URL('./golden/', import.meta.url).pathname;
const DNS1123 = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const fw = [hop('k8s', 'cluster', 'outside')];

function clusterMatrix(): Matrix {
  const frontend = ep('frontend', [pods('shop', { app: 'frontend' })]);
  const backend = ep('backend', [pods('shop', { app: 'backend', tier: 'api' })]);
  const db = ep('db', ['10.0.5.0/24', '2001:db8:5::/64']);
  const monitoring = ep('monitoring', [pods('monitoring', {})]);
  return matrix(
    [
      row({ flow: 'front-back', ref: '§1', from: frontend, to: backend, services: service('tcp/8080,8443'), hops: fw }),
      row({ flow: 'back-db', ref: '§2', from: backend, to: db, services: service('tcp/5432'), hops: fw }),
      row({
        flow: 'ingress',
        ref: '§3',
        from: ep('internet', ['any']),
        to: frontend,
        services: service('tcp/443'),
        hops: fw,
      }),
      row({
        flow: 'media',
        ref: '§4',
        from: ep('clients', ['198.51.100.0/24']),
        to: backend,
        services: [...service('udp/50000-59999'), ...service('tcp/50000-59999')],
        hops: fw,
      }),
      row({ flow: 'scrape', ref: '§5', from: monitoring, to: backend, services: service('ip'), hops: fw }),
      row({
        flow: 'webhook',
        ref: '§6',
        from: backend,
        to: ep('hooks', ['*.hooks.example']),
        services: service('tcp/443'),
        hops: fw,
      }),
      row({ flow: 'ping', ref: '§7', from: monitoring, to: frontend, services: service('icmp/8'), hops: fw }),
      row({
        flow: 'legacy',
        ref: '§8',
        from: ep('a', ['10.1.0.1']),
        to: ep('b', ['10.1.0.2']),
        services: service('tcp/22'),
        hops: fw,
      }),
    ],
    [firewall('k8s', 'kubernetes')],
  );
}

const render = (m: Matrix, firewallName = 'k8s', defaultDeny = true) =>
  generated(kubernetes, m, firewallName, { defaultDeny });

interface Policy {
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    policyTypes: string[];
    ingress?: { from?: unknown[]; ports?: { protocol: string; port: number; endPort?: number }[] }[];
    egress?: { to?: unknown[]; ports?: { protocol: string; port: number; endPort?: number }[] }[];
  };
}

/**
 * Parse back with YAML 1.2 and YAML 1.1 readers (`read.ts`), which must all read the same objects, and check every
 * document's required fields and shapes.
 */
function readPolicies(text: string): Policy[] {
  const [docs = [], ...others] = readAll(text);
  for (const other of others) expect(other).toEqual(docs);
  return docs.map((doc) => {
    const p = doc as Policy & { apiVersion: string; kind: string };
    expect(p.apiVersion).toBe('networking.k8s.io/v1');
    expect(p.kind).toBe('NetworkPolicy');
    expect(p.metadata.name).toMatch(DNS1123);
    expect(p.metadata.namespace).toMatch(DNS1123);
    expect(p.spec.podSelector).toBeTypeOf('object');
    for (const t of p.spec.policyTypes) expect(['Ingress', 'Egress']).toContain(t);
    for (const entry of [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]) {
      for (const port of entry.ports ?? []) {
        expect(['TCP', 'UDP', 'SCTP']).toContain(port.protocol);
        expect(Number.isInteger(port.port) && port.port >= 1 && port.port <= 65535).toBe(true);
        if (port.endPort !== undefined) expect(port.endPort).toBeGreaterThan(port.port);
      }
    }
    return p;
  });
}

const peersOf = (e: Endpoint): unknown[] | undefined =>
  e.addresses.some((a) => a.kind === 'any')
    ? undefined
    : [
        ...e.addresses.flatMap((a) =>
          a.kind === 'k8s'
            ? [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': a.selector.namespace } },
                  podSelector: { matchLabels: a.selector.pods },
                },
              ]
            : [],
        ),
        ...minimalPrefixes(e.addresses.flatMap((a) => (a.kind === 'cidr' ? [a.value] : []))).prefixes.map((p) => ({
          ipBlock: { cidr: withLength(p) },
        })),
      ];

/** Every checked rule is one ingress policy per destination selector and one egress per source selector, exactly. */
function expectExact(m: Matrix, name = 'k8s') {
  const out = render(m, name);
  const policies = readPolicies(out.artifacts[0]?.content ?? '');
  const rules = checkedRules(kubernetes, m, name);
  let expected = new Set(
    policies.filter((p) => p.metadata.name === 'flowmatrix-default-deny').map((p) => p.metadata.namespace),
  ).size;
  for (const rule of rules) {
    const sel = (e: Endpoint) => e.addresses.flatMap((a) => (a.kind === 'k8s' ? [a.selector] : []));
    if (sel(rule.source).length + sel(rule.destination).length === 0) {
      expect(out.findings.some((f) => f.key === rule.row.key && f.rule === 'target:kubernetes:no-selector')).toBe(true);
      continue;
    }
    const groups = protocolGroups(rule.services);
    const ports = groups.some((g) => g.protocol === 'ip')
      ? undefined
      : groups.flatMap((g) =>
          mergePortRanges(g.ports).map((p) => ({
            protocol: g.protocol.toUpperCase(),
            port: p.from,
            ...(p.to > p.from ? { endPort: p.to } : {}),
          })),
        );
    for (const [type, own, other] of [
      ['Ingress', rule.destination, rule.source],
      ['Egress', rule.source, rule.destination],
    ] as const) {
      for (const s of sel(own)) {
        expected++;
        const peers = peersOf(other);
        const entry = {
          ...(peers ? { [type === 'Ingress' ? 'from' : 'to']: peers } : {}),
          ...(ports ? { ports } : {}),
        };
        const match = policies.find(
          (p) =>
            p.metadata.annotations?.['flowmatrix.io/flow'] === ruleLabel(rule) &&
            p.metadata.namespace === s.namespace &&
            JSON.stringify(p.spec) ===
              JSON.stringify({
                podSelector: Object.keys(s.pods).length > 0 ? { matchLabels: s.pods } : {},
                policyTypes: [type],
                [type === 'Ingress' ? 'ingress' : 'egress']: [entry],
              }),
        );
        expect(match, `${ruleLabel(rule)} ${type} ${s.namespace}`).toBeDefined();
      }
    }
  }
  expect(policies.length, 'no policy beyond the rules and the default denies').toBe(expected);
  return out;
}

describe('kubernetes target', () => {
  it('renders a cluster site exactly: selectors, ipBlocks, endPort ranges; names and ICMP are findings (golden)', () => {
    const out = expectExact(clusterMatrix());
    expectGolden(`${golden}cluster.k8s.yaml`, out.artifacts[0]?.content ?? '');
    expectGolden(`${golden}cluster.findings.txt`, findingLines(out));
    expect(out.findings.map((f) => f.rule).sort()).toEqual([
      'target:kubernetes:dns-blocked',
      'target:kubernetes:no-selector',
      'target:kubernetes:protocol',
      'target:kubernetes:wildcard-fqdn',
    ]);
  });

  it('says when a default deny cuts a namespace off DNS, and only then', () => {
    const blocked = (m: Matrix, deny = true) =>
      render(m, 'k8s', deny)
        .findings.filter((f) => f.rule === 'target:kubernetes:dns-blocked')
        .map((f) => f.message.en.split(' ')[5]);
    // `monitoring` scrapes on every port (DNS included); `shop` lists no DNS.
    expect(blocked(clusterMatrix())).toEqual(['shop']);
    expect(blocked(clusterMatrix(), false)).toEqual([]);
    const dns = row({
      flow: 'dns',
      ref: '§9',
      from: ep('frontend', [pods('shop', {})]),
      to: ep('kube-dns', [pods('kube-system', { 'k8s-app': 'kube-dns' })]),
      services: [...service('udp/53'), ...service('tcp/53')],
      hops: fw,
    });
    const withDns = clusterMatrix();
    expect(blocked({ ...withDns, rows: [...withDns.rows, dns] })).toEqual(['kube-system']);
  });

  for (const name of EXAMPLES) {
    it(`example ${name} with --target kubernetes on its first firewall: an error asking for k8s selectors (golden)`, () => {
      const m = exampleMatrix(name);
      const first = m.firewalls[0]?.name ?? '';
      const out = generateWith(kubernetes, m, { firewall: first });
      expect(out.ok).toBe(false);
      const issues = out.ok ? [] : out.issues;
      expect(issues.map((i) => i.code)).toEqual(['target-unsupported']);
      expectGolden(
        `${golden}${name}.${first}.issues.txt`,
        `${issues.map((i) => `${i.message} — ${i.hint}`).join('\n')}\n`,
      );
    });
  }

  it('refuses selector values Kubernetes would reject, instead of rewriting them', () => {
    const m = matrix(
      [
        row({
          flow: 'f',
          from: ep('a', [pods('Bad_NS', { app: 'x' })]),
          to: ep('b', [pods('ok', { app: 'a b' })]),
          services: service('tcp/1'),
          hops: fw,
        }),
      ],
      [firewall('k8s', 'kubernetes')],
    );
    const out = generateWith(kubernetes, m, { firewall: 'k8s' });
    expect(out.ok ? [] : out.issues.map((i) => i.code)).toEqual(['invalid-value', 'invalid-value']);
  });

  const arbitrarySide = fc.subarray(
    [
      pods('shop', { app: 'web' }),
      pods('shop', { app: 'api' }),
      pods('ops', {}),
      '10.0.0.0/8',
      '2001:db8::/48',
      '192.0.2.1',
      'any',
      'x.example',
    ],
    { minLength: 1, maxLength: 3 },
  );
  const arbitraryCluster = fc
    .array(
      fc.record({
        src: arbitrarySide,
        dst: arbitrarySide,
        spec: fc.constantFrom('tcp/80', 'udp/53,5353', 'tcp/1000-2000,443', 'sctp/9', 'ip', 'icmp'),
      }),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((rows) =>
      matrix(
        rows.map((r, i) =>
          row({ flow: `r${i}`, from: ep(`s${i}`, r.src), to: ep(`d${i}`, r.dst), services: service(r.spec), hops: fw }),
        ),
        [firewall('k8s', 'kubernetes')],
      ),
    );

  it('render alone refuses what a policy cannot hold rather than emit an empty (all-matching) list', () => {
    const rulesOf = (to: Endpoint, spec: string) =>
      sliceForFirewall(
        matrix(
          [row({ flow: 'f', from: ep('a', [pods('shop', {})]), to, services: service(spec), hops: fw })],
          [firewall('k8s', 'kubernetes')],
        ),
        'k8s',
      ).rules;
    const site = { id: 's', title: 's' };
    // Slices the capability check would have cut: an ICMP service, a side left with a name only.
    for (const rules of [rulesOf(ep('b', ['10.0.0.1']), 'icmp'), rulesOf(ep('b', ['host.example']), 'tcp/443')]) {
      const parsed = rules.map((r) =>
        allowRule({ ...r, source: parseEndpoint(r.source), destination: parseEndpoint(r.destination) }),
      );
      const out = kubernetes.print({ site, firewall: 'k8s', rules: parsed });
      expect(out.ok ? [] : out.issues.map((i) => i.code)).toEqual(['target-unsupported']);
    }
  });

  it('property: every rule of a random cluster matrix is a policy exactly or a finding', () => {
    fc.assert(
      fc.property(arbitraryCluster, (m) => {
        const hasPods = checkedRules(kubernetes, m, 'k8s').some((r) =>
          [...r.source.addresses, ...r.destination.addresses].some((a) => a.kind === 'k8s'),
        );
        if (hasPods) expectExact(m);
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it('fuzz: hostile names never add a document, and annotations read back unchanged', () => {
    const YAML_HOSTILE = [
      ...['a: b', 'a #b', '#', 'x\n---\nkind: Pod', '---', '...', '{ a: b }', '[x]', '&a *a', '!!str', '|', '> x'],
      ...["'", '"', '%TAG', '@x', '`x', 'a\tb', '\u0085x\u2028y\u2029', '\ufeffbom', 'yes', 'on', '~', '012', '1e3'],
      ...['Ω≈ç√', '日本語', '\ud83d\ude00', 'null', '? x', '- x', '\r\n', '  lead', 'trail  '],
    ];
    const text = fc.oneof(fc.constantFrom(...HOSTILE, ...YAML_HOSTILE), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(text, text, text, text, (flow, ref, catalog, site) => {
        const m = clusterMatrix();
        const hostile: Matrix = {
          ...m,
          site: { ...m.site, id: site },
          rows: m.rows.map((r) => ({ ...r, flow: `${flow}${r.flow}`, ref, catalog })),
        };
        const tame = readPolicies(render(m).artifacts[0]?.content ?? '');
        const got = readPolicies(render(hostile).artifacts[0]?.content ?? '');
        expect(got.length).toBe(tame.length);
        expect(got.map((p) => p.spec)).toEqual(tame.map((p) => p.spec));
        // Policies come in the order of the rules, so the i-th annotated policy of each render is the same rule's.
        const labels = new Map(checkedRules(kubernetes, m, 'k8s').map((r, i) => [ruleLabel(r), i]));
        const hostileLabels = checkedRules(kubernetes, hostile, 'k8s').map(ruleLabel);
        got.forEach((p, i) => {
          const tameFlow = tame[i]?.metadata.annotations?.['flowmatrix.io/flow'];
          const annotations = p.metadata.annotations;
          if (tameFlow === undefined) expect(annotations).toBeUndefined();
          else
            expect(annotations).toEqual({
              'flowmatrix.io/flow': hostileLabels[labels.get(tameFlow) ?? -1],
              'flowmatrix.io/site': site,
            });
        });
      }),
      { numRuns: 100, seed: 1 },
    );
  });
});

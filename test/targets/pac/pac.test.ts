import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { fqdnMatches } from '../../../src/net/index.js';
import { generate } from '../../../src/targets/index.js';
import { endpoint, row, service } from '../../fixtures/targets/build.js';
import { expectGolden } from '../../support/golden.js';
import { exampleMatrix } from '../support/examples.js';
import { arbitraryProxyMatrix, PROXY, PROXY_EXAMPLES, proxyMatrix, withProxy } from '../support/proxy-fixture.js';
import { badPacLines, pacEvaluator } from './evaluate.js';

const dir = new URL('./golden/', import.meta.url).pathname;
const PROXIED = `PROXY ${PROXY.address}:${PROXY.port}`;

function pacOf(m: Matrix, options: Record<string, unknown> = {}) {
  const r = generate(m, { target: 'pac', options });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  const [artifact] = r.value.artifacts;
  if (!artifact) throw new Error('no artifact');
  return { content: artifact.content, findings: r.value.findings };
}

const golden = (name: string, content: string): void => expectGolden(dir + name, content);

describe('pac golden files', () => {
  it.each<[string, Matrix]>([
    ['fixture', proxyMatrix()],
    ...PROXY_EXAMPLES.map((n): [string, Matrix] => [n, exampleMatrix(n)]),
  ])('%s', (name, m) => {
    const { content, findings } = pacOf(m);
    expect(badPacLines(content)).toEqual([]);
    golden(`${name}.pac`, content);
    golden(`${name}.findings.json`, `${JSON.stringify(findings, null, 2)}\n`);
  });
});

describe('pac in a real PAC evaluator (pac-resolver + QuickJS)', () => {
  it('routes each destination as the matrix says, URL by URL', async () => {
    const m = proxyMatrix();
    const strict = await pacEvaluator(pacOf(m, { default: 'direct' }).content);
    const open = await pacEvaluator(pacOf(m).content);
    const cases: [string, string, string][] = [
      // [url, with default direct, with default proxy]
      ['https://graph.microsoft.com/', PROXIED, PROXIED],
      ['https://GRAPH.Microsoft.com/v1.0/me', PROXIED, PROXIED],
      ['https://a.portal.example/', PROXIED, PROXIED],
      ['https://x.y.eu.portal.example:8443/', PROXIED, PROXIED],
      ['https://203.0.113.77/', PROXIED, PROXIED],
      ['https://198.51.100.7/', PROXIED, PROXIED],
      ['https://aka.example/hybridwizard', PROXIED, PROXIED],
      ['http://crl.ca.example/ca.crl', PROXIED, PROXIED],
      // Direct rows (Optimize-style), bypass list, internal zones, plain names.
      ['https://outlook.office365.example/', 'DIRECT', 'DIRECT'],
      ['https://eu.teams.example/', 'DIRECT', 'DIRECT'],
      ['https://52.113.1.1/', 'DIRECT', 'DIRECT'],
      ['https://login.microsoftonline.com/', 'DIRECT', 'DIRECT'],
      ['https://app.corp.example/', 'DIRECT', 'DIRECT'],
      ['https://intra.example/', 'DIRECT', 'DIRECT'],
      ['https://wiki.intra.example/', 'DIRECT', 'DIRECT'],
      ['http://192.0.2.44/', 'DIRECT', 'DIRECT'],
      ['http://10.20.10.15:8080/', 'DIRECT', 'DIRECT'],
      ['http://10.20.4.8/', 'DIRECT', 'DIRECT'],
      ['http://intranet/', 'DIRECT', 'DIRECT'],
      // Near misses: siblings, apexes, parents, neighbours → the default.
      ['https://graph.microsoft.com.evil.example/', 'DIRECT', PROXIED],
      ['https://xgraph.microsoft.com/', 'DIRECT', PROXIED],
      ['https://portal.example/', 'DIRECT', PROXIED],
      ['https://aportal.example/', 'DIRECT', PROXIED],
      ['https://203.0.114.1/', 'DIRECT', PROXIED],
      ['https://198.51.100.8/', 'DIRECT', PROXIED],
      ['https://corp.example/', 'DIRECT', PROXIED],
      ['https://teams.example/', 'DIRECT', PROXIED],
      ['http://10.21.0.1/', 'DIRECT', PROXIED],
      ['http://192.0.3.1/', 'DIRECT', PROXIED],
      ['https://office365.example/', 'DIRECT', PROXIED],
    ];
    for (const [url, whenDirect, whenProxy] of cases) {
      expect(await strict(url), `${url} (default direct)`).toBe(whenDirect);
      expect(await open(url), `${url} (default proxy)`).toBe(whenProxy);
    }
  });

  it('says what it could not express: IPv6, the conflict, any, a bad bypass entry, non-network rows', () => {
    const rules = (opts: Record<string, unknown>) =>
      pacOf(proxyMatrix(), opts).findings.map((f) => `${f.rule} ${f.flow ?? ''}`.trim());
    const found = rules({ default: 'direct' });
    for (const f of [
      'target:pac:ipv6 saas-v6',
      'target:pac:direct-and-proxied graph',
      'target:pac:any-destination anywhere',
      'target:pac:bypass',
      'target:pac:trusted-site trusted',
      'target:pac:ipv6-zone',
    ]) {
      expect(found).toContain(f);
    }
    expect(rules({})).not.toContain('target:pac:any-destination anywhere');
  });

  it('agrees with an independent reading of random matrices', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryProxyMatrix(), async (m) => {
        const { content } = pacOf(m, { default: 'direct' });
        expect(badPacLines(content)).toEqual([]);
        const find = await pacEvaluator(content);
        const tcpRows = m.rows.filter((r) => r.services.some((s) => s.protocol === 'tcp'));
        const directNames = tcpRows
          .filter((r) => !r.proxy && !r.destination.addresses.some((a) => a.kind === 'any'))
          .flatMap((r) =>
            r.destination.addresses.flatMap((a) => (a.kind === 'fqdn' || a.kind === 'wildcard' ? [a.value] : [])),
          );
        const bypassed = (host: string) =>
          directNames.some((p) => fqdnMatches(p, host)) || fqdnMatches('*.corp.example', host);
        for (const r of tcpRows) {
          // `any` with names is any: the whole side is the default's (and a finding when that is not the row's way).
          if (r.destination.addresses.some((a) => a.kind === 'any')) continue;
          for (const a of r.destination.addresses) {
            if (a.kind !== 'fqdn' && a.kind !== 'wildcard') continue;
            const host = a.kind === 'wildcard' ? `zz.${a.value.slice(2)}` : a.value;
            const expected = r.proxy && !bypassed(host) ? PROXIED : bypassed(host) ? 'DIRECT' : undefined;
            if (expected) expect(await find(`https://${host}/`), `${r.flow} ${host}`).toBe(expected);
          }
        }
        const proxiedNames = m.rows
          .filter((r) => r.proxy)
          .flatMap((r) =>
            r.destination.addresses.flatMap((a) => (a.kind === 'fqdn' || a.kind === 'wildcard' ? [a.value] : [])),
          );
        const near = 'zz-near-miss.example';
        if (!proxiedNames.some((p) => fqdnMatches(p, near))) expect(await find(`https://${near}/`)).toBe('DIRECT');
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});

describe('pac: every proxied or direct rule is in the file or in a finding', () => {
  it('holds on random matrices', () => {
    fc.assert(
      fc.property(arbitraryProxyMatrix(), fc.constantFrom('direct', 'proxy'), (m, byDefault) => {
        const { content, findings } = pacOf(m, { default: byDefault });
        const keys = new Set(findings.map((f) => f.key));
        for (const r of m.rows.filter((x) => x.proxy || x.services.some((s) => s.protocol === 'tcp'))) {
          expect(content.includes(`// fixture/${r.flow} ref `) || keys.has(r.key), r.flow).toBe(true);
        }
      }),
      { numRuns: 100, seed: 5 },
    );
  });
});

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '"); return "DIRECT',
    '\n} function FindProxyForURL(){',
    "a'b`c$" + '{x}',
    '\\u2028',
    '\u2028x\u2029',
    '*/ alert(1) /*',
    '</script>',
    '$(rm -rf /)',
    '#;{}',
  ),
);

describe('pac fuzz: hostile names never add a line or a route', () => {
  it('keeps the grammar and the count of routes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(hostile, hostile, hostile), { minLength: 1, maxLength: 4 }),
        hostile,
        async (names, bad) => {
          const rows = names.map(([role, flow, ref], i) =>
            row({
              flow: `${flow}${i}`,
              ref,
              catalog: role,
              from: endpoint(role, ['10.20.64.0/18']),
              to: endpoint(`${role}-dst`, [`h${i}.example`, bad]),
              services: service('tcp/443', ref),
              hops: [],
              proxy: { via: endpoint(role, [`${PROXY.address}/32`]), services: service('tcp/3128'), hops: [] },
            }),
          );
          const m = { ...withProxy(rows, [bad, '*.corp.example']), site: { id: bad, title: bad } };
          const { content } = pacOf(m, { default: 'direct' });
          expect(badPacLines(content)).toEqual([]);
          // One route a fresh destination + the exceptions, never more: the hostile texts added none.
          const routes = content.split('\n').filter((l) => /^\t\treturn /.test(l)).length;
          expect(routes).toBeLessThanOrEqual(names.length + 4);
          const find = await pacEvaluator(content);
          for (let i = 0; i < names.length; i++) expect(await find(`https://h${i}.example/`)).toBe(PROXIED);
          expect(await find('https://elsewhere.example/')).toBe('DIRECT');
        },
      ),
      { numRuns: 60, seed: 3 },
    );
  });
});

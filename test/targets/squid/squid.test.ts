import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/model/finding.js';
import type { Matrix } from '../../../src/model/matrix.js';
import { generate } from '../../../src/targets/index.js';
import { endpoint, row, service } from '../../fixtures/targets/build.js';
import { expectGolden } from '../../support/golden.js';
import { commandWorks, missing, type SystemRequirement } from '../../support/system.js';
import { exampleMatrix } from '../support/examples.js';
import { arbitraryProxyMatrix, PROXY, PROXY_EXAMPLES, proxyMatrix, withProxy } from '../support/proxy-fixture.js';

const dir = new URL('./golden/', import.meta.url).pathname;
const squidParse: SystemRequirement = {
  what: 'squid (squid -k parse)',
  install: 'apt-get install -y squid',
  probe: () => commandWorks('squid', ['-v']),
};

function squidOf(m: Matrix) {
  const r = generate(m, { target: 'squid' });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  const [artifact] = r.value.artifacts;
  if (!artifact) throw new Error('no artifact');
  return { content: artifact.content, findings: r.value.findings };
}

/** Every line the generated file may hold: comments, acl lines of the types we emit, http_access lines. */
const NAME = '[A-Za-z][A-Za-z0-9_-]{0,47}';
const SQUID_LINE = [
  /^$/,
  /^# [A-Za-z0-9 _.,:/@+=()[\]<>*-]*$/,
  new RegExp(`^acl ${NAME} method CONNECT$`),
  new RegExp(`^acl ${NAME} port \\d{1,5}(-\\d{1,5})?( \\d{1,5}(-\\d{1,5})?)*$`),
  new RegExp(`^acl ${NAME} (src|dst) [0-9a-f.:/]+( [0-9a-f.:/]+)*$`),
  // `-n`: never reverse-resolve an IP-literal request (its PTR record is whatever the address owner wants).
  new RegExp(`^acl ${NAME} dstdomain -n \\.?[a-z0-9_.-]+( \\.?[a-z0-9_.-]+)*$`),
  new RegExp(`^acl ${NAME} url_regex \\^https\\?://\\S+( \\S+)*$`),
  new RegExp(`^http_access (allow|deny)( !?${NAME})+$`),
];
const badLines = (content: string): string[] =>
  content.split('\n').filter((line) => !SQUID_LINE.some((r) => r.test(line)));

const work = mkdtempSync(join(tmpdir(), 'flowmatrix-squid-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `squid -k parse` on the file included from a minimal squid.conf: it must succeed, and warnings count as failures. */
function parseOk(content: string): void {
  writeFileSync(join(work, 'rules.conf'), content);
  writeFileSync(join(work, 'squid.conf'), `http_port 127.0.0.1:${PROXY.port}\ninclude ${join(work, 'rules.conf')}\n`);
  let log = '';
  try {
    log = execFileSync('sh', ['-c', `squid -k parse -f ${join(work, 'squid.conf')} 2>&1`], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`squid -k parse failed: ${(e as { stdout?: string }).stdout ?? ''}`);
  }
  expect(
    log.split('\n').filter((l) => /WARNING|ERROR|FATAL/.test(l)),
    content,
  ).toEqual([]);
}

describe('squid golden files', () => {
  it.each<[string, Matrix]>([
    ['fixture', proxyMatrix()],
    ...PROXY_EXAMPLES.map((n): [string, Matrix] => [n, exampleMatrix(n)]),
  ])('%s', (name, m) => {
    const { content, findings } = squidOf(m);
    expect(badLines(content)).toEqual([]);
    expect(content.trimEnd().split('\n').at(-1)).toBe('http_access deny all');
    for (const [file, text] of [
      [`${name}.squid.conf`, content],
      [`${name}.findings.json`, `${JSON.stringify(findings, null, 2)}\n`],
    ] as const) {
      expectGolden(dir + file, text);
    }
  });
});

describe('squid: names match names only', () => {
  it('marks every dstdomain ACL -n, so a request to an address is never allowed through its reverse DNS name', () => {
    // Squid's dstdomain reverse-resolves an IP-based URL when nothing matched: `CONNECT 203.0.113.9:443` whose PTR
    // record says graph.microsoft.com would pass an allow meant for the name (squid-cache.org/Doc/config/acl, -n).
    const { content } = squidOf(proxyMatrix());
    const domainAcls = content.split('\n').filter((l) => / dstdomain /.test(l));
    expect(domainAcls.length).toBeGreaterThan(0);
    for (const line of domainAcls) expect(line).toMatch(/^acl \S+ dstdomain -n /);
  });
});

describe('squid: a source address it cannot read is a finding, never a silent narrowing', () => {
  // Proxy sources skip the capability check (only the destination is the proxy's to reach), so squid reads them.
  const proxied = (from: readonly string[]) =>
    withProxy([
      row({
        flow: 'unreadable-source',
        from: endpoint('clients', from),
        to: endpoint('graph', ['graph.example']),
        services: service('tcp/443', 'https'),
        hops: [],
        proxy: { via: endpoint('outbound-proxy', [`${PROXY.address}/32`]), services: service('tcp/3128'), hops: [] },
      }),
    ]);
  const sourceFindings = (findings: readonly Finding[]) =>
    findings.filter((f) => f.rule === 'target:squid:invalid-address' && f.message.en.includes('source'));

  it('opens the readable part and reports the rest', () => {
    const { content, findings } = squidOf(proxied(['10.20.64.0/18', '10.20.0.300/32']));
    expect(content).toMatch(/^acl fm_src_clients src 10\.20\.64\.0\/18$/m);
    expect(content).not.toContain('10.20.0.300');
    expect(sourceFindings(findings).map((f) => f.message.en)).toEqual([
      'Flow unreadable-source (unreadable-source): source Squid cannot express (10.20.0.300/32), not opened',
    ]);
  });

  it('withholds the rule when no source is left', () => {
    const { content, findings } = squidOf(proxied(['10.20.0.300/32']));
    expect(content).not.toMatch(/^http_access allow/m);
    expect(sourceFindings(findings).map((f) => f.severity)).toEqual(['high']);
    expect(findings.map((f) => f.rule)).toContain('target:squid:withheld');
  });
});

describe('squid: every proxied rule is in the file or in a finding', () => {
  it('holds on random matrices', () => {
    fc.assert(
      fc.property(arbitraryProxyMatrix(), (m) => {
        const { content, findings } = squidOf(m);
        expect(badLines(content)).toEqual([]);
        const keys = new Set(findings.map((f) => f.key));
        for (const r of m.rows.filter((x) => x.proxy)) {
          expect(content.includes(`# fixture/${r.flow} ref `) || keys.has(r.key), r.flow).toBe(true);
        }
        // Only proxied rows open anything: direct rows never reach the proxy.
        for (const r of m.rows.filter((x) => !x.proxy))
          expect(content.includes(`# fixture/${r.flow} ref `)).toBe(false);
      }),
      { numRuns: 100, seed: 9 },
    );
  });
});

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    'x\nhttp_access allow all',
    '# \r\nacl all src all',
    'a b c',
    '"quoted"',
    '$(reboot)',
    '`id`',
    '\\',
    '{};#',
  ),
);

describe('squid fuzz: hostile names never add a line or an access rule', () => {
  it('keeps the grammar and the count of http_access lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostile, hostile, hostile), { minLength: 1, maxLength: 4 }),
        hostile,
        (names, bad) => {
          const rows = names.map(([role, flow, ref], i) =>
            row({
              flow: `${flow}${i}`,
              ref,
              catalog: role,
              from: endpoint(role, ['10.20.64.0/18'], [role]),
              to: endpoint(`${role}-dst`, [`h${i}.example`, bad]),
              services: service('tcp/443', ref),
              hops: [],
              proxy: { via: endpoint(role, [`${PROXY.address}/32`]), services: service('tcp/3128'), hops: [] },
            }),
          );
          const m = { ...withProxy(rows), site: { id: bad, title: bad } };
          const { content } = squidOf(m);
          expect(badLines(content)).toEqual([]);
          const allows = content.split('\n').filter((l) => l.startsWith('http_access allow')).length;
          expect(allows).toBeLessThanOrEqual(names.length * 4);
          expect(content.split('\n').filter((l) => l === 'http_access deny all').length).toBe(1);
        },
      ),
      { numRuns: 200, seed: 4 },
    );
  });
});

describe.skipIf(missing(squidParse))('squid -k parse accepts every generated file', () => {
  it('on the fixture and the example sites', () => {
    for (const m of [proxyMatrix(), ...PROXY_EXAMPLES.map(exampleMatrix)]) parseOk(squidOf(m).content);
  });
  it('on random and hostile matrices', () => {
    fc.assert(
      fc.property(arbitraryProxyMatrix(), (m) => {
        parseOk(squidOf(m).content);
      }),
      { numRuns: 8, seed: 2 },
    );
  });
});

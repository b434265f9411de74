import { describe, expect, it } from 'vitest';
import { resolveSite } from '../../../src/matrix/index.js';
import type { Matrix } from '../../../src/model/matrix.js';
import { generate } from '../../../src/targets/index.js';
import { loadExample } from '../../support/catalogs.js';
import { badPacLines, pacEvaluator } from './evaluate.js';

/** The authoring example site (examples/authoring/site.yaml): internalDomains [corp.example], zones lan and dmz. */
const example = loadExample('authoring/site.yaml');
const PROXIED = 'PROXY 172.16.50.3:3128';

function pacOf(m: Matrix): string {
  const r = generate(m, { target: 'pac' });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  const content = r.value.artifacts[0]?.content;
  if (typeof content !== 'string') throw new Error('no PAC file');
  return content;
}

/** The same site without `internalDomains`, resolved again. */
function withoutInternalDomains(): Matrix {
  const { internalDomains: _, ...site } = example.site;
  const r = resolveSite({ site, catalogs: example.catalogs });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

describe('pac: the site’s internal names go direct without a bypass list', () => {
  it('returns DIRECT for the internal domains and the internal zones, in a real PAC evaluator', async () => {
    const content = pacOf(example.matrix);
    expect(badPacLines(content)).toEqual([]);
    const find = await pacEvaluator(content);
    const cases: [string, string][] = [
      ['https://expenses.corp.example/', 'DIRECT'],
      ['https://WIKI.Corp.Example/page', 'DIRECT'],
      ['https://corp.example/', 'DIRECT'],
      ['http://10.20.10.20:8080/', 'DIRECT'],
      ['https://172.16.50.10/', 'DIRECT'],
      ['http://intranet/', 'DIRECT'],
      // Near misses: a look-alike suffix, a parent, a neighbour network.
      ['https://corp.example.evil.example/', PROXIED],
      ['https://notcorp.example/', PROXIED],
      ['https://example/', 'DIRECT'], // a plain name (no dot): intranet
      ['https://10.21.0.1/', PROXIED],
      ['https://api.payments.example/', PROXIED],
    ];
    for (const [url, expected] of cases) expect(await find(url), url).toBe(expected);
  });

  it('is what internalDomains adds: without it, internal names follow the default (the proxy)', async () => {
    const find = await pacEvaluator(pacOf(withoutInternalDomains()));
    expect(await find('https://wiki.corp.example/')).toBe(PROXIED);
    expect(await find('http://10.20.10.20/')).toBe('DIRECT');
  });

  it('keeps a web flow to an internal name off the proxy in the matrix too', () => {
    const site = { ...example.site, internalDomains: ['payments.example'] };
    const r = resolveSite({ site, catalogs: example.catalogs });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const payments = r.value.rows.find((row) => row.flow === 'web-payments');
    expect(payments?.proxy).toBeUndefined();
    const proxied = example.matrix.rows.find((row) => row.flow === 'web-payments');
    expect(proxied?.proxy?.name).toBe('outbound-proxy');
  });
});

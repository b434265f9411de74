// biome-ignore-all lint/suspicious/noTemplateCurlyInString: catalog placeholders are written ${name}, as in the YAML
import { describe, expect, it } from 'vitest';
import { resolveCatalog } from '../../src/matrix/index.js';
import { fillProse } from '../../src/matrix/template.js';
import type { Matrix } from '../../src/model/matrix.js';
import { pick } from '../../src/model/text.js';
import { loadExample, readCatalog } from '../support/catalogs.js';
import { must } from '../support/result.js';

/** What a reader sees: a site's documents name its own servers, never `${parameter}` placeholders. */
const siteMatrix = (file: string): Matrix => loadExample(file).matrix;

const prose = (m: Matrix): string[] => [
  ...m.rows.flatMap((r) => [r.purpose.fr, r.purpose.en, r.notes?.fr ?? '', r.notes?.en ?? '']),
  ...m.catalogs.flatMap((c) =>
    c.scenarios.flatMap((s) => s.steps.flatMap((st) => [pick(st.label, 'fr'), pick(st.label, 'en')])),
  ),
];

describe('parameters in prose', () => {
  it('fills purposes, notes and scenario labels with the site values', () => {
    const m = siteMatrix('exchange-hybrid-web-mfa-site.yaml');
    const owa = m.catalogs[0]?.parameters.owa_fqdn;
    expect(owa).toBe('mail.corp.example');
    const text = prose(m);
    expect(text.filter((t) => t.includes('${'))).toEqual([]);
    expect(text.some((t) => t.includes('https://mail.corp.example/owa'))).toBe(true);
  });

  it('leaves no placeholder in any example site', () => {
    for (const file of [
      'hamilton-site.yaml',
      'm365-additional-endpoints-site.yaml',
      'exchange-2007-site.yaml',
      'lync-2013-edge-site.yaml',
    ]) {
      expect(prose(siteMatrix(file)).filter((t) => t.includes('${'))).toEqual([]);
    }
  });

  it('keeps the placeholders when a catalog is shown without a site', () => {
    const m = must(resolveCatalog(readCatalog('exchange-hybrid-web-mfa')));
    expect(prose(m).some((t) => t.includes('${owa_fqdn}'))).toBe(true);
  });

  it('joins list values and never guesses a missing one', () => {
    expect(fillProse('to ${hosts} via ${relay}', { hosts: ['a.example', 'b.example'] })).toBe(
      'to a.example, b.example via ${relay}',
    );
    expect(fillProse('port ${p}', { p: 587 })).toBe('port 587');
  });
});

import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

const HAMILTON = 'examples/hamilton-site.yaml';

describe('matrix documents in French: the findings table and the footer', () => {
  it('Markdown: the Réf. column says "ligne", the footer a no-break space before ";"', async () => {
    const r = await run(['matrix', HAMILTON, '--lang', 'fr', '-f', 'md']);
    expect(r.code).toBe(0);
    // The findings table: severity, rule, catalog, flow, then the ref.
    const refs = r.out
      .split('\n')
      .filter((l) => /^\| (Élevée|Moyenne|Faible|Info|Critique) \| [a-z-]+ \| hamilton \|/.test(l))
      .map((l) => l.split(' | ')[4]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).not.toMatch(/\brows?\b|\bitems?\b/);
    expect(refs).toContain('§1 ligne 3 (CRL/OCSP)');
    expect(r.out).toContain('à partir des catalogues et du site\u00a0; ne pas modifier à la main.');
  });

  it('English keeps "row"', async () => {
    const r = await run(['matrix', HAMILTON, '--lang', 'en', '-f', 'md']);
    expect(r.out).toMatch(/\| hamilton \| crl-ocsp \| §1 row 3 \(CRL\/OCSP\) \|/);
  });
});

describe('audit -f md --lang fr: a ref listing several places', () => {
  it('has no-break spaces before ";" in the Réf. column, as in the message', async () => {
    const r = await run(['audit', 'examples/exchange-hybrid-web-mfa-site.yaml', '--lang', 'fr', '-f', 'md']);
    expect(r.out).toContain('Composants (Proxy d’application web)\u00a0; Flux de l’utilisateur');
    expect(r.out).not.toMatch(/\) ; Flux/);
  });
});

/**
 * A one-probe report of the Hamilton site (WEB → SQL on 1433), as `flowmatrix probe` writes it: the evidence the web
 * tests import, passed or refused.
 */
export function sqlProbeReport(status: 'PASS' | 'FAIL') {
  const refused = status === 'FAIL';
  return {
    tool: 'flowmatrix',
    version: 1,
    site: 'hamilton-example',
    source: 'host hamilton-web',
    startedAt: '2026-12-01T10:00:00.000Z',
    probes: [
      {
        id: 'p1',
        kind: 'tcp',
        target: 'sql.example',
        port: 1433,
        origin: { flow: 'hamilton.sql', ref: '§2' },
        title: { fr: 'WEB vers SQL', en: 'WEB to SQL' },
      },
    ],
    results: [
      {
        id: 'p1',
        kind: 'tcp',
        target: 'sql.example',
        port: 1433,
        status,
        summary: refused
          ? { fr: 'connexion refusée', en: 'connection refused' }
          : { fr: 'connexion établie', en: 'connected' },
        evidence: [{ label: 'address', value: '10.20.1.5' }],
        timings: { connect: 1.2 },
        ...(refused ? { error: 'ECONNREFUSED' } : {}),
        startedAt: '2026-12-01T10:00:00.100Z',
        durationMs: 2,
      },
    ],
  };
}

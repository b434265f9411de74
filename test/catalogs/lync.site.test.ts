import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/fs.js';
import type { Matrix, MatrixRow } from '../../src/model/matrix.js';
import { loadExample, repoRoot } from '../support/catalogs.js';

/**
 * The Lync catalog through the real loader, and the example site through the real resolver: the Edge's
 * external rows must cross only the external firewall and its internal rows only the internal one, which is
 * what lets targets split rules per interface.
 */
const catalogFile = `${repoRoot}catalogs/lync-2013-edge.yaml`;
const _siteFile = `${repoRoot}examples/lync-2013-edge-site.yaml`;

function matrix(): Matrix {
  const example = loadExample('lync-2013-edge-site.yaml');
  expect(example.warnings).toEqual([]);
  return example.matrix;
}

const firewallsCrossed = (row: MatrixRow): string[] => [
  ...new Set(row.legs.flatMap((leg) => leg.hops.map((h) => h.firewall))),
];

describe('lync-2013-edge catalog and example site', () => {
  it('loads with no issue and no warning', () => {
    const loaded = loadCatalogFile(catalogFile);
    expect(loaded.ok ? loaded.warnings : loaded.issues).toEqual([]);
  });

  it('crosses the external firewall on external rows and the internal firewall on internal rows', () => {
    const rows = matrix().rows.filter((r) => r.kind === 'network');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const expected = row.interface === 'external' ? ['fw-external'] : ['fw-internal'];
      expect(firewallsCrossed(row), row.ref).toEqual(expected);
    }
  });

  it('follows the site features: OCS 2007 media and XMPP on, public IM off', () => {
    const refs = new Set(matrix().rows.map((r) => r.ref));
    for (const ref of ['External interface, row 10', 'External interface, row 12', 'XMPP, row 3']) {
      expect(refs.has(ref), ref).toBe(true);
    }
    expect([...refs].filter((r) => r.startsWith('Public IM connectivity'))).toEqual([]);
  });

  it('keeps the source "any" on the Internet side and binds narrowable roles to site hosts', () => {
    const rows = matrix().rows;
    const stunIn = rows.find((r) => r.ref === 'External interface, row 14');
    expect(stunIn?.source.addresses).toEqual([{ kind: 'any' }]);
    const sipIn = rows.filter((r) => r.ref === 'Internal interface, row 2').map((r) => r.source.role);
    expect(sipIn.sort()).toEqual(['director', 'front-end']);
  });
});

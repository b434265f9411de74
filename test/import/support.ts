import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSiteFile } from '../../src/catalog/fs.js';
import { resolveSite } from '../../src/matrix/index.js';
import { formatIssue } from '../../src/model/issues.js';
import type { Address, Matrix } from '../../src/model/matrix.js';
import { formatPortRange } from '../../src/net/index.js';
import { fixturesDir } from '../support/system.js';

export const m365Dir = (): string => join(fixturesDir(), 'm365');

/** Every endpoints answer of the fixtures (the `.py` original is not JSON). */
export const feedFiles = (): string[] =>
  readdirSync(m365Dir())
    .filter((f) => f.endsWith('.json'))
    .sort();

export const tempDir = (what: string): string => mkdtempSync(join(tmpdir(), `flowmatrix-import-${what}-`));

/** A site file through the real loader and resolver; any error throws with its position. */
export function loadSite(path: string): Matrix {
  const loaded = loadSiteFile(path);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  const resolved = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
  if (!resolved.ok) throw new Error(resolved.issues.map(formatIssue).join('\n'));
  return resolved.value;
}

const shown = (a: Address): string => (a.kind === 'any' ? 'any' : a.kind === 'k8s' ? 'k8s' : a.value);

/**
 * What "an equal matrix" means for an import: the multiset of document lines, each as source addresses,
 * destination addresses, protocol and port range (one per row × service × range, as the matrix documents write
 * them), sorted.
 */
export function lineSet(matrix: Matrix): string[] {
  const out: string[] = [];
  for (const row of matrix.rows) {
    const src = row.source.addresses.map(shown).sort().join(' ');
    const dst = row.destination.addresses.map(shown).sort().join(' ');
    if (row.services.length === 0) out.push(`${src} > ${dst} | -`);
    for (const s of row.services) {
      if (s.ports.length === 0)
        out.push(`${src} > ${dst} | ${s.protocol}${s.icmpType === undefined ? '' : `/${s.icmpType}`}`);
      for (const r of s.ports) out.push(`${src} > ${dst} | ${s.protocol}/${formatPortRange(r)}`);
    }
  }
  return out.sort();
}

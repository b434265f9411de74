import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { kubernetes } from '../../../src/targets/kubernetes/index.js';
import { firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import { commandWorks, missing, type SystemRequirement } from '../../support/system.js';
import { generated, HOSTILE } from '../support/examples.js';
import { ep, pods } from './build.js';
import { readAll } from './read.js';

/**
 * Valid Kubernetes names and label values that YAML 1.1 (go-yaml, so kubectl) reads as booleans, numbers or null
 * when written plain: `namespace: on` is `true` there, and kubectl refuses the file.
 */
const NAMESPACES = ['on', 'y', 'no', 'null', '012', '1e3', '0x1f', '123'];
const VALUES = ['yes', 'off', 'true', 'NULL', '1_000', '2001-12-14', '0o12', '1.5', '12e3', '0b101', 'Y', ''];

/** One flow per namespace, each selecting pods by the ambiguous values, from a CIDR and to another namespace. */
function ambiguousMatrix(flow = (i: number) => `f${i}`, ref = '§1', siteId = 'site'): Matrix {
  const rows = NAMESPACES.map((ns, i) =>
    row({
      flow: flow(i),
      ref,
      from: ep(`a${i}`, [pods(ns, { [`k${i}`]: VALUES[i % VALUES.length] ?? '', 'app.kubernetes.io/v': 'yes' })]),
      to: ep(`b${i}`, [
        pods(NAMESPACES[(i + 1) % NAMESPACES.length] ?? '', { v: VALUES[(i + 5) % VALUES.length] ?? '' }),
      ]),
      services: service('tcp/80-90'),
      hops: [hop('k8s', 'cluster', 'outside')],
    }),
  );
  const m = matrix(rows, [firewall('k8s', 'kubernetes')]);
  return { ...m, site: { ...m.site, id: siteId } };
}

const renderText = (m: Matrix): string => generated(kubernetes, m, 'k8s').artifacts[0]?.content ?? '';

interface Read {
  metadata: { namespace: string; labels?: Record<string, string> };
  spec: { podSelector: { matchLabels?: Record<string, string> } };
}

describe('kubernetes output read by YAML 1.1 and 1.2 readers', () => {
  it('namespaces and label values YAML 1.1 would read as booleans, numbers or null come back as strings', () => {
    const text = renderText(ambiguousMatrix());
    const [docs = [], ...others] = readAll(text) as Read[][];
    for (const other of others) expect(other).toEqual(docs);
    expect(new Set(docs.map((d) => d.metadata.namespace))).toEqual(new Set(NAMESPACES));
    const values = docs.flatMap((d) => Object.values(d.spec.podSelector.matchLabels ?? {}));
    for (const v of VALUES) expect(values).toContain(v);
    for (const v of values) expect(v).toBeTypeOf('string');
  });
});

/** kubectl is the reader that matters: it decodes with go-yaml (YAML 1.1) into the typed Kubernetes structs. */
const kubectl: SystemRequirement = {
  what: 'kubectl',
  install: 'apt-get install -y kubectl',
  probe: () => commandWorks('kubectl', ['version', '--client']),
  imageOnly: true,
};

describe.skipIf(missing(kubectl))('kubernetes output read by kubectl', () => {
  it('kubectl decodes every policy, hostile names included, to what the YAML 1.2 reader reads', () => {
    const hostile = HOSTILE.join('|');
    const m = ambiguousMatrix((i) => `${HOSTILE[i % HOSTILE.length]}\n---\n# x: y ${i}`, hostile, `${hostile}: #`);
    const text = renderText(m);
    const dir = mkdtempSync(join(tmpdir(), 'flowmatrix-k8s-'));
    try {
      writeFileSync(join(dir, 'policies.yaml'), text);
      // `label --local` decodes the file offline, as `apply` does, and prints each object back as JSON.
      const json = execFileSync(
        'kubectl',
        ['label', '--local', '-f', join(dir, 'policies.yaml'), 'flowmatrix.io/read=1', '-o', 'json'],
        { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 60_000 },
      );
      const seen = JSON.parse(`[${json.replace(/\n}\n{/g, '\n},\n{')}]`) as Read[];
      for (const p of seen) delete p.metadata.labels?.['flowmatrix.io/read'];
      const [docs = []] = readAll(text);
      expect(seen).toEqual(docs);
      expect(seen.length).toBe(NAMESPACES.length * 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

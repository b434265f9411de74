import { describe, expect, it } from 'vitest';
import { parseCatalogText } from '../../src/catalog/parse.js';
import { resolveSite } from '../../src/matrix/index.js';
import type { Catalog } from '../../src/model/catalog.js';
import { parseWhen } from '../../src/model/when.js';
import { must } from '../support/result.js';
import { CATALOG, catalogs, SITE, site } from './fixture.js';

const loaded = (): Catalog => catalogs().get('shop') as Catalog;
const flow = (c: Catalog, id: string) => c.flows.find((f) => f.id === id);
const enabledFlows = (c: Catalog): string[] => {
  const m = must(resolveSite({ site: site(SITE), catalogs: new Map([['shop', c]]), overrides: {} }));
  return [...new Set(m.rows.map((r) => r.flow))].sort();
};
const tree = (text: string) => {
  const p = parseWhen(text);
  if (!p.ok) throw new Error(p.message);
  return p.value;
};

describe('a `when` is parsed once, at load, and carried parsed', () => {
  it('the loader gives every flow with a `when` its tree, and flows that repeat a text share one', () => {
    const c = loaded();
    expect(flow(c, 'web-cloud')?.condition).toEqual(tree('pay && !mobile'));
    expect(flow(c, 'clients-web')?.condition).toBeUndefined();
    const twice = parseCatalogText(CATALOG.replace('when: mobile }', 'when: "pay && !mobile" }'), 'shop.yaml');
    const c2 = must(twice);
    expect(flow(c2, 'web-mobile')?.condition).toBe(flow(c2, 'web-cloud')?.condition);
  });

  it('resolution decides by the tree the loader made, not by reading the text again', () => {
    const c = loaded();
    expect(enabledFlows(c)).toEqual(['clients-web', 'web-cloud', 'web-db', 'web-pay']);
    // The tree says "mobile" (off by default) where the text still says "pay": resolution follows the tree.
    const web = flow(c, 'web-pay') as { condition?: unknown };
    web.condition = tree('mobile');
    expect(enabledFlows(c)).toEqual(['clients-web', 'web-cloud', 'web-db']);
  });

  it('reads back from JSON to the same decisions (a matrix stored in a database keeps its trees)', () => {
    const back = JSON.parse(JSON.stringify(loaded())) as Catalog;
    expect(flow(back, 'web-cloud')?.condition).toEqual(tree('pay && !mobile'));
    expect(enabledFlows(back)).toEqual(enabledFlows(loaded()));
  });

  it('a catalog built in code, with texts and no trees, is decided the same (its texts parsed then)', () => {
    const bare = loaded();
    for (const f of bare.flows) delete f.condition;
    expect(enabledFlows(bare)).toEqual(enabledFlows(loaded()));
  });

  it('a `when` that does not parse gets no tree, and the loader says why with its place', () => {
    const r = parseCatalogText(CATALOG.replace('when: pay }', 'when: "pay &&" }'), 'shop.yaml');
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/flows\[2\]\.when.*"pay &&" is not a valid feature expression/),
    ]);
  });
});

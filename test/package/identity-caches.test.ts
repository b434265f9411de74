import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/catalogs.js';

/**
 * Issue 10: values are parsed once and carried parsed, so a matrix or ruleset read back from JSON or a database
 * computes the same things as the one built in memory. A cache keyed by object identity hides re-parsing and loses
 * every hit on a copy: none may hold data. The files below keep a WeakMap or WeakSet for a reason that is not data.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  'src/catalog/source-map.ts': 'an index of YAML nodes local to one parse, dropped with it',
  'src/catalog/fast-schema.ts': 'validators compiled per schema object (code, not data)',
  'src/server/oidc.ts': 'the identity provider discovered once per configuration of the running server',
};

const IDENTITY_CACHE = /\bnew\s+Weak(Map|Set)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

describe('no cache keyed by object identity (issue 10)', () => {
  it('no WeakMap or WeakSet in src outside the files allowed, each for its reason', () => {
    const found = sources(join(repoRoot, 'src'))
      .map((path) => relative(repoRoot, path).replaceAll('\\', '/'))
      .filter((file) => !(file in ALLOWED) && IDENTITY_CACHE.test(readFileSync(join(repoRoot, file), 'utf8')));
    expect(found, 'key the cache by value, carry the value computed where it is built, or measure without it').toEqual(
      [],
    );
  });

  it('the rule catches one', () => {
    expect(IDENTITY_CACHE.test('const texts = new WeakMap<Endpoint, string>();')).toBe(true);
    expect(IDENTITY_CACHE.test('const seen = new  WeakSet();')).toBe(true);
    expect(IDENTITY_CACHE.test('const byKey = new Map<string, string>();')).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePacket } from '../../../src/ruleset/index.js';
import { parseNftJson } from '../../../src/targets/nftables/parse/index.js';
import { fixturesDir, fixturesRequirement } from '../../support/fixtures.js';
import { missing } from '../../support/system.js';

/**
 * Malformed `nft -j` listings never throw: every value of a real listing (read at run time, never copied), one at a
 * time, replaced by something of another shape; the reading answers with a ruleset or with issues, and a ruleset
 * evaluates a packet.
 */
const skip = missing(fixturesRequirement);
const FILES = ['nftables/aleph_vm_real_server.nft.json', 'derived/docker_topos4.native.nft.json'];
const REPLACEMENTS: readonly unknown[] = [
  null,
  7,
  -1,
  'x',
  [],
  {},
  [null],
  { elem: null },
  { prefix: null },
  { range: null },
];

/** Paths to every value inside the listing's rules, sets and chains. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...at, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function replaced(root: unknown, path: readonly (string | number)[], by: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = by;
  return copy;
}

describe.skipIf(skip)('nftables JSON: a malformed value never throws', () => {
  const packet = parsePacket('tcp 10.0.0.1:40000 -> 172.17.0.2:80 in eth0 out docker0');
  for (const file of FILES) {
    it(`in ${file}`, () => {
      if (!packet.ok) throw new Error(packet.message);
      const root = JSON.parse(readFileSync(`${fixturesDir()}/firewalls/${file}`, 'utf8'));
      const all = paths(root);
      // A fixed sample (every k-th value), so the test stays a few seconds.
      const step = Math.max(1, Math.floor(all.length / 400));
      let tried = 0;
      for (let i = 0; i < all.length; i += step) {
        const by = REPLACEMENTS[i % REPLACEMENTS.length];
        const text = JSON.stringify(replaced(root, all[i] as (string | number)[], by));
        const where = `${(all[i] as unknown[]).join('.')} = ${JSON.stringify(by)}`;
        let r: ReturnType<typeof parseNftJson> | undefined;
        expect(() => {
          r = parseNftJson({ path: file, text });
        }, where).not.toThrow();
        if (r?.ok) expect(() => evaluate(r?.ok ? r.value : (undefined as never), packet.value), where).not.toThrow();
        tried++;
      }
      expect(tried).toBeGreaterThan(300);
    }, 60_000);
  }
});

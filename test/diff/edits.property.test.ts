import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressEditLines, addressEdits, MAX_COVER } from '../../src/diff/edits.js';
import type { Address } from '../../src/model/matrix.js';
import type { Lang } from '../../src/model/text.js';
import { CidrSet } from '../../src/net/cidr-set.js';

/** Prefixes in 10.0.0.0/26 and 2001:db8::/122 (/26 to /32, /122 to /128): small enough to overlap often. */
const v4 = fc.tuple(fc.integer({ min: 26, max: 32 }), fc.integer({ min: 0, max: 63 })).map(([len, n]): Address => {
  const host = n & ~((1 << (32 - len)) - 1) & 63;
  return { kind: 'cidr', family: 4, value: `10.0.0.${host}/${len}` };
});
const v6 = fc.tuple(fc.integer({ min: 122, max: 128 }), fc.integer({ min: 0, max: 63 })).map(([len, n]): Address => {
  const host = n & ~((1 << (128 - len)) - 1) & 63;
  return { kind: 'cidr', family: 6, value: `2001:db8::${host.toString(16)}/${len}` };
});
const side = fc.array(fc.oneof(v4, v4, v6), { maxLength: 6 });

const exact = (list: readonly Address[]) => CidrSet.fromAddresses(list);
const parseCover = (text: string): CidrSet => {
  const r = CidrSet.parse(text.split(', ').map((c) => (c.includes('/') ? c : `${c}/${c.includes(':') ? 128 : 32}`)));
  if (!r.ok) throw new Error(`not a cover: ${text}`);
  return r.value;
};

/** What a net-effect part says, read back: a set when it lists prefixes, else the count per family. */
function readBack(part: string, set: CidrSet): void {
  const counts = [...part.matchAll(/([\d,\u00a0]+) (?:more )?(?:IPv(\d) )?(?:adresses? IPv(\d)|address(?:es)?)/g)];
  if (counts.length === 0) {
    expect(parseCover(part).equals(set)).toBe(true);
    expect(set.toCidrs().length).toBeLessThanOrEqual(MAX_COVER);
    return;
  }
  expect(set.toCidrs().length).toBeGreaterThan(MAX_COVER);
  for (const m of counts) {
    const family = Number(m[2] ?? m[3]) as 4 | 6;
    expect(BigInt((m[1] as string).replace(/[,\u00a0]/g, ''))).toBe(set.size(family));
  }
  const families = ([4, 6] as const).filter((f) => set.size(f) > 0n);
  expect(counts.length).toBe(families.length);
}

describe('the net-effect line agrees with exact set arithmetic (src/net CidrSet)', () => {
  it.each<Lang>(['en', 'fr'])('random small endpoints (%s)', (lang) => {
    const words =
      lang === 'fr'
        ? { net: 'effet net\u00a0: ', opens: 'ouvre ', closes: 'ferme ' }
        : { net: 'net effect: ', opens: 'opens ', closes: 'closes ' };
    fc.assert(
      fc.property(side, side, (before, after) => {
        const opened = exact(after).subtract(exact(before));
        const closed = exact(before).subtract(exact(after));
        const lines = addressEditLines(addressEdits(before, after), lang);
        const net = lines.find((l) => l.startsWith(words.net));
        const addedLine = lines.find((l) => /^(added|ajouté)\s?:/.test(l));
        const removedLine = lines.find((l) => /^(removed|retiré)\s?:/.test(l));
        if (net === undefined) {
          // No net line: the entries added and removed are exactly what opens and closes.
          const entries = (line: string | undefined) =>
            line ? line.slice(line.indexOf(':') + 2).replace(/ \([^)]*\)/g, '') : '';
          const added = entries(addedLine);
          const removed = entries(removedLine);
          expect(added ? parseCover(added).equals(opened) : opened.isEmpty()).toBe(true);
          expect(removed ? parseCover(removed).equals(closed) : closed.isEmpty()).toBe(true);
          return;
        }
        const parts = net.slice(words.net.length).split(/\u00a0?; /);
        const opens = parts.find((p) => p.startsWith(words.opens));
        const closes = parts.find((p) => p.startsWith(words.closes));
        expect(opens === undefined).toBe(opened.isEmpty());
        expect(closes === undefined).toBe(closed.isEmpty());
        if (opens) readBack(opens.slice(words.opens.length), opened);
        if (closes) readBack(closes.slice(words.closes.length), closed);
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * Reading one-line `nft -j` JSON, where every rule's column is found by a scan over the text. Run:
 * `npx tsx bench/nft-json.bench.ts`. Prints, for 12,500 to 200,000 rules in one chain, the best of 5 warm reads and
 * the time per rule: a scan that went back over the text (quadratic) would show as a growing time per rule.
 */
import { readNftJson } from '../src/targets/nftables/parse/json.js';

const table = { table: { family: 'inet', name: 't' } };
const chain = { chain: { family: 'inet', table: 't', name: 'fwd', type: 'filter', hook: 'forward', prio: 0 } };
const rule = (i: number) => ({
  rule: {
    family: 'inet',
    table: 't',
    chain: 'fwd',
    comment: `r${i} "}],{"rule":`,
    expr: [
      { match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: i % 65536 } },
      { accept: null },
    ],
  },
});

console.log(`node ${process.version}`);
console.log('rules | characters | best of 5 | per rule');
for (const n of [12_500, 50_000, 200_000]) {
  const text = JSON.stringify({ nftables: [table, chain, ...Array.from({ length: n }, (_, i) => rule(i))] });
  const times = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    const r = readNftJson({ path: 'bench.json', text });
    const ms = performance.now() - t0;
    if (!r.ok || r.value.rules.length !== n) throw new Error('the bench input did not read');
    return ms;
  });
  const best = Math.min(...times);
  console.log([n, text.length, `${best.toFixed(0)} ms`, `${((best * 1000) / n).toFixed(2)} µs`].join(' | '));
}

/**
 * `npm run bench` (verify part): the verifier's hot paths on a real ruleset — the TUM i8 firewall of 2015, 4,966
 * rules as nft text (../shared/fixtures, never copied here): parse, evaluate 100k random packets, shadowing by
 * union over every rule. Prints a table with time and peak memory; targets in bench/README.md.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluate } from '../src/ruleset/evaluate.js';
import { parsePacket } from '../src/ruleset/packet.js';
import type { Ruleset } from '../src/ruleset/types.js';
import { parseNftText } from '../src/targets/nftables/parse/index.js';
import { checkRules } from '../src/verify/rules.js';

const fixtures = process.env.FLOWMATRIX_FIXTURES ?? new URL('../../shared/fixtures', import.meta.url).pathname;
const file = `${fixtures}/firewalls/derived/tum_i8_2015-09-03.translated.nft`;
const rows: string[][] = [];
const peak = () => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`;
const time = <T>(label: string, what: string, f: () => T): T => {
  const t0 = performance.now();
  const v = f();
  rows.push([label, what, `${(performance.now() - t0).toFixed(0)} ms`, peak()]);
  return v;
};

const text = readFileSync(file, 'utf8');
const parsed = time('parse nft text', 'TUM i8, 4,966 rules', () => parseNftText({ path: file, text }));
if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
const rs: Ruleset = parsed.value;

let seed = 7;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const ip = () => `131.159.${rand(256)}.${rand(256)}`;
const packets = Array.from({ length: 100_000 }, () => {
  const p = parsePacket(
    `tcp ${ip()}:${1024 + rand(60000)} -> ${ip()}:${[22, 80, 443, 25, 53][rand(5)]} in eth${rand(2)} out eth${rand(2)}`,
  );
  if (!p.ok) throw new Error(p.message);
  return p.value;
});
time('evaluate', '100k random packets', () => {
  let accepted = 0;
  for (const p of packets) {
    const d = evaluate(rs, p);
    if (d.kind === 'decided' && d.action === 'accept') accepted++;
  }
  return accepted;
});
const checks = time('shadowing by union', 'every rule against all earlier ones', () => checkRules(rs, []));
rows.push(['', `${checks.filter((c) => c.shadowed).length} shadowed rules`, '', '']);

const widths = [0, 1, 2, 3].map((c) =>
  Math.max(...[['stage', 'input', 'time', 'peak RSS'], ...rows].map((r) => (r[c] ?? '').length)),
);
for (const r of [['stage', 'input', 'time', 'peak RSS'], ...rows])
  console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));

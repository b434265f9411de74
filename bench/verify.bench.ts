/**
 * `npm run bench` (verify part): the verifier's hot paths on a real ruleset — the TUM i8 firewall of 2015 (the shared
 * fixtures, never copied here), read twice: as nft text (`derived/…translated.nft`, 4,966 rules) and as
 * iptables-save (`iptables/…iptables-save`, 4,973 rules; censored MACs replaced as the fixtures README says). For
 * each: parse (the first in this process, JIT warm-up included), evaluate 100k random packets, shadowing by union over
 * every rule. Prints wall and CPU time, peak memory and the load average; targets in bench/README.md.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluate } from '../src/ruleset/evaluate.js';
import { type Packet, parsePacket } from '../src/ruleset/packet.js';
import type { Ruleset } from '../src/ruleset/types.js';
import { parseIptables } from '../src/targets/iptables/parse/index.js';
import { parseNftText } from '../src/targets/nftables/parse/index.js';
import { checkRules } from '../src/verify/rules.js';

const fixtures = process.env.FLOWMATRIX_FIXTURES ?? new URL('../../shared/fixtures', import.meta.url).pathname;
const rows: string[][] = [];
const peak = () => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`;
const time = <T>(label: string, what: string, f: () => T): T => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  rows.push([label, what, `${wall.toFixed(0)} ms`, `${((c.user + c.system) / 1000).toFixed(0)} ms`, peak()]);
  return v;
};

const readers: { name: string; read: () => Ruleset }[] = [
  {
    name: 'nft text',
    read: () => {
      const path = `${fixtures}/firewalls/derived/tum_i8_2015-09-03.translated.nft`;
      const r = parseNftText({ path, text: readFileSync(path, 'utf8') });
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
      return r.value;
    },
  },
  {
    name: 'iptables-save',
    read: () => {
      const file = `${fixtures}/firewalls/iptables/tum_i8_2015-09-03.iptables-save`;
      const text = readFileSync(file, 'utf8').replaceAll('XX:XX:XX:XX:XX:XX', '02:00:00:00:00:01');
      const r = parseIptables([{ file, text, kind: 'iptables' }]);
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
      return r.value.ruleset;
    },
  },
];

/** 100k TCP packets between TUM addresses, crossing the interfaces the ruleset names (so they reach its chains). */
function randomPackets(rs: Ruleset): Packet[] {
  const names = new Set<string>();
  for (const chain of Object.values(rs.chains))
    for (const r of chain.rules) for (const m of [r.inInterface, r.outInterface]) if (m && !m.prefix) names.add(m.name);
  const interfaces = [...names].sort();
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const ip = () => `131.159.${rand(256)}.${rand(256)}`;
  const side = () => interfaces[rand(interfaces.length)];
  return Array.from({ length: 100_000 }, () => {
    const p = parsePacket(
      `tcp ${ip()}:${1024 + rand(60000)} -> ${ip()}:${[22, 80, 443, 25, 53][rand(5)]} in ${side()} out ${side()}`,
    );
    if (!p.ok) throw new Error(p.message);
    return p.value;
  });
}

for (const reader of readers) {
  const rs = time(`parse ${reader.name}`, 'TUM i8, first parse in this process', reader.read);
  const count = Object.values(rs.chains).reduce((n, c) => n + c.rules.length, 0);
  const packets = randomPackets(rs);
  const outcomes: Record<string, number> = {};
  time(`evaluate (${reader.name})`, `100k random packets, ${count} rules`, () => {
    for (const p of packets) {
      const d = evaluate(rs, p);
      const key = d.kind === 'decided' ? d.action : d.kind;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
  });
  rows.push([
    '',
    Object.entries(outcomes)
      .map(([k, n]) => `${n} ${k}`)
      .join(', '),
    '',
    '',
    '',
  ]);
  const checks = time(`shadowing (${reader.name})`, 'every reachable rule, in each context', () => checkRules(rs, []));
  rows.push(['', `${checks.filter((c) => c.shadowed).length} shadowed of ${checks.length} rules judged`, '', '', '']);
}

const head = ['stage', 'input', 'wall', 'CPU', 'peak RSS'];
const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => (r[c] ?? '').length)));
console.log(
  `node ${process.version}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
);
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));

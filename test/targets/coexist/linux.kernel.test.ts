import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetOutput } from '../../../src/targets/generate/target.js';
import { generate } from '../../../src/targets/index.js';
import { NS_LAB, NS_PLAN } from '../../fixtures/targets/lab.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { createLab, type Lab, netnsRequirements } from '../../support/netns.js';
import { listenPorts, probesFor } from '../../support/netns-flows.js';
import { missing, requirements } from '../../support/system.js';

/**
 * Rules that live beside the existing ones, in a real kernel: the firewall namespace already holds someone else's
 * rules (a table or chain of theirs whose rules count packets, an INPUT rule, an ipset); ours are loaded twice, and
 * theirs must still be there with their counters, ours there once, and real packets must still pass or drop as the
 * matrix says.
 */
const matrix = realisticMatrix(NS_PLAN);

/** Loads the output with its own instructions: `nft -f` for nftables, the generated load script for iptables. */
async function loadOurs(lab: Lab, target: 'nftables' | 'iptables', out: TargetOutput): Promise<void> {
  const fw = lab.names.firewall;
  if (target === 'nftables') {
    const nft = out.artifacts.find((a) => a.path.endsWith('.nft'));
    if (!nft) throw new Error('no .nft artifact');
    await lab.exec(fw, 'nft', ['-f', '-'], nft.content);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fm-coexist-'));
  try {
    for (const a of out.artifacts) writeFileSync(join(dir, a.path), a.content);
    const script = out.artifacts.find((a) => a.path.endsWith('.load.sh'));
    if (!script) throw new Error(`no load script among ${out.artifacts.map((a) => a.path).join(', ')}`);
    await lab.exec(fw, 'sh', [join(dir, script.path)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Packets counted by the rule whose line contains `marker` (`[packets:bytes]` of iptables-save -c, `counter packets N` of nft). */
function packetsOf(listing: string, marker: string): number {
  const line = listing.split('\n').find((l) => l.includes(marker));
  if (line === undefined) throw new Error(`no rule "${marker}" in:\n${listing}`);
  const m = /^\[(\d+):\d+\]/.exec(line) ?? /counter packets (\d+)/.exec(line);
  if (!m) throw new Error(`no counter on: ${line}`);
  return Number(m[1]);
}

/** Someone else's rules, already there before ours; each counts the firewall-bound ping sent afterwards. */
const FOREIGN = {
  nftables: {
    async add(lab: Lab) {
      await lab.exec(
        lab.names.firewall,
        'nft',
        ['-f', '-'],
        [
          'table inet theirs {',
          '\tchain input {',
          '\t\ttype filter hook input priority filter; policy accept;',
          '\t\tmeta l4proto { icmp, ipv6-icmp } counter accept comment "their input"',
          '\t}',
          '\tchain forward {',
          '\t\ttype filter hook forward priority 10; policy accept;',
          '\t\tcounter comment "their forward"',
          '\t}',
          '}',
          'table ip theirs4 {',
          '\tchain pre {',
          '\t\ttype filter hook prerouting priority -150; policy accept;',
          '\t\tcounter comment "their prerouting"',
          '\t}',
          '}',
          '',
        ].join('\n'),
      );
    },
    list: (lab: Lab) => lab.exec(lab.names.firewall, 'nft', ['list', 'ruleset']),
    counted: ['their input', 'their prerouting'],
    kept: ['table inet theirs', 'table ip theirs4', 'their forward'],
  },
  iptables: {
    async add(lab: Lab) {
      const fw = lab.names.firewall;
      for (const tool of ['iptables', 'ip6tables']) {
        const ipt = (...args: string[]) => lab.exec(fw, tool, args);
        await ipt('-A', 'INPUT', '-m', 'comment', '--comment', 'their input', '-j', 'ACCEPT');
        await ipt('-N', 'THEIRS');
        await ipt('-A', 'THEIRS', '-m', 'comment', '--comment', 'their chain', '-j', 'RETURN');
        await ipt('-A', 'FORWARD', '-j', 'THEIRS');
        await ipt('-t', 'mangle', '-A', 'PREROUTING', '-m', 'comment', '--comment', 'their mangle');
      }
      await lab.exec(fw, 'ipset', ['create', 'theirs_set', 'hash:ip']);
      await lab.exec(fw, 'ipset', ['add', 'theirs_set', '192.0.2.7']);
    },
    list: async (lab: Lab) => {
      const fw = lab.names.firewall;
      const [v4, v6, sets] = await Promise.all([
        lab.exec(fw, 'iptables-save', ['-c']),
        lab.exec(fw, 'ip6tables-save', ['-c']),
        lab.exec(fw, 'ipset', ['list', 'theirs_set']),
      ]);
      return `${v4}\n# ---- v6\n${v6.replaceAll('their', 'v6-their')}\n${sets}`;
    },
    counted: ['their input', 'their mangle', 'v6-their input', 'v6-their mangle'],
    kept: ['-A FORWARD -j THEIRS', 'their chain', 'v6-their chain', '192.0.2.7'],
  },
} as const;

const NEEDS = {
  nftables: [requirements.nft, requirements.netns, netnsRequirements.ping],
  iptables: [requirements.netns, netnsRequirements.ping, requirements.iptables, netnsRequirements.ipset],
} as const;

for (const target of ['nftables', 'iptables'] as const) {
  describe.skipIf(missing(...NEEDS[target]))(`${target} beside existing rules, in a real kernel`, () => {
    let lab: Lab | undefined;
    beforeAll(async () => {
      lab = await createLab(NS_LAB);
    });
    afterAll(() => lab?.destroy());

    it('leaves the rules already there and their counters, loads ours once however often, and filters as the matrix says', async () => {
      const l = lab as Lab;
      const foreign = FOREIGN[target];
      await foreign.add(l);
      // Traffic the foreign rules count: the firewall's own addresses, both families.
      for (const dst of ['198.18.1.1', '2001:db8:1::1'])
        await l.exec(l.names.client, 'ping', [dst.includes(':') ? '-6' : '-4', '-n', '-c', '2', '-W', '3', dst]);
      const before = await foreign.list(l);
      for (const marker of foreign.counted) expect(packetsOf(before, marker), marker).toBeGreaterThan(0);

      // nftables always writes its own table (it has no `mode`); iptables coexists when asked.
      const options = target === 'iptables' ? { mode: 'coexist' } : {};
      const result = generate(matrix, { firewall: 'fw', target, options });
      if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
      // An earlier version of ours first (one row renamed: its chain is not in the current version).
      const earlier = generate(
        { ...matrix, rows: matrix.rows.map((r) => (r.flow === 'lync-media' ? { ...r, flow: 'lync-media-old' } : r)) },
        { firewall: 'fw', target, options },
      );
      if (!earlier.ok) throw new Error(earlier.issues.map((i) => i.message).join('\n'));
      await loadOurs(l, target, earlier.value);
      if (target === 'iptables') expect(staleChains(await foreign.list(l), result.value)).not.toEqual([]);
      await loadOurs(l, target, result.value);
      const once = await foreign.list(l);
      await loadOurs(l, target, result.value);
      const twice = await foreign.list(l);

      for (const marker of foreign.counted)
        expect(packetsOf(twice, marker), marker).toBeGreaterThanOrEqual(packetsOf(before, marker));
      for (const marker of foreign.kept) expect(twice, marker).toContain(marker);
      // Ours once: the second load replaced the first instead of adding to it.
      expect(ourRules(twice, target)).toEqual(ourRules(once, target));
      expect(ourRules(twice, target).jumps).toBe(target === 'iptables' ? 2 : 0);
      expect(ourRules(twice, target).rules).toBeGreaterThan(0);
      // Our sub-chains: exactly the ones the current files declare, none the earlier version left behind.
      if (target === 'iptables') {
        expect(staleChains(twice, result.value)).toEqual([]);
        expect(ourRules(twice, target).subChains).toBeGreaterThan(0);
      }

      const probes = probesFor(matrix, 'fw', NS_LAB);
      await l.listen(listenPorts(probes));
      const got = await l.probe(probes);
      const mismatches = probes
        .filter((p, i) => got[i] !== p.expected)
        .map((p) => `${p.proto} ${p.src} -> ${p.dst}:${p.port} (${p.why}) expected ${p.expected ? 'permit' : 'drop'}`);
      expect(mismatches).toEqual([]);
      expect(probes.some((p) => p.expected) && probes.some((p) => !p.expected)).toBe(true);
    }, 120_000);
  });
}

/** How many of our tables or jumps and rules a listing holds (a doubled load doubles them). */
function ourRules(
  listing: string,
  target: 'nftables' | 'iptables',
): { tables: number; jumps: number; rules: number; subChains: number } {
  const lines = listing.split('\n');
  const count = (re: RegExp): number => lines.filter((l) => re.test(l)).length;
  return target === 'nftables'
    ? { tables: count(/^table inet flowmatrix_fw /), jumps: 0, rules: count(/accept comment "(?!their)/), subChains: 0 }
    : {
        tables: 0,
        jumps: count(/-A FORWARD -j FLOWMATRIX-fw$/),
        rules: count(/^(\[\d+:\d+\] )?-A FLOWMATRIX-fw[ .]/),
        subChains: count(/^:FLOWMATRIX-fw\./),
      };
}

/** Our sub-chains (`FLOWMATRIX-fw.…`) the kernel holds that the generated files do not declare, per family. */
function staleChains(listing: string, out: TargetOutput): string[] {
  const declared = new Set(
    out.artifacts
      .filter((a) => /\.ip6?tables$/.test(a.path))
      .flatMap((a) => a.content.split('\n').filter((l) => l.startsWith(':FLOWMATRIX-fw.')))
      .map((l) => l.split(' ')[0]),
  );
  return listing.split('\n').filter((l) => l.startsWith(':FLOWMATRIX-fw.') && !declared.has(l.split(' ')[0]));
}

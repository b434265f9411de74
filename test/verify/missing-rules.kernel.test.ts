import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/targets/index.js';
import { pickFormat } from '../../src/verify/config-formats.js';
import { verifyFirewall } from '../../src/verify/index.js';
import { missingRules } from '../../src/verify/missing-rules.js';
import { NS_LAB, NS_PLAN } from '../fixtures/targets/lab.js';
import { realisticMatrix } from '../fixtures/targets/realistic.js';
import { createLab, type Lab, netnsRequirements } from '../support/netns.js';
import { listenPorts, probesFor } from '../support/netns-flows.js';
import { missing, requirements } from '../support/system.js';

/**
 * The rules `verify` says to add, loaded as it says, in a real kernel: the device runs the matrix's policy with two
 * rows' rules taken out; after the addition every probe passes or drops as the matrix says — the rows taken out
 * pass again, and everything the device let through or dropped before still is (nothing of it was replaced).
 */
const matrix = realisticMatrix(NS_PLAN);
const TAKEN_OUT = ['fixture/web-sql', 'fixture/web-smtp'];

describe.skipIf(missing(requirements.netns, requirements.iptables, netnsRequirements.ipset, netnsRequirements.ping))(
  'verify: the rules to add, loaded beside the device’s (iptables, real kernel)',
  () => {
    let lab: Lab | undefined;
    beforeAll(async () => {
      lab = await createLab(NS_LAB);
    });
    afterAll(() => lab?.destroy());

    it('let the missing rows through and keep every rule already there', async () => {
      const l = lab as Lab;
      const full = generate(matrix, { firewall: 'fw', target: 'iptables' });
      if (!full.ok) throw new Error(full.issues.map((i) => i.message).join('\n'));
      const text = (suffix: string) => full.value.artifacts.find((a) => a.path.endsWith(suffix))?.content ?? '';
      const v4 = text('.iptables')
        .split('\n')
        .filter((line) => !TAKEN_OUT.some((flow) => line.includes(`"${flow} `)))
        .join('\n');
      expect(v4).not.toBe(text('.iptables'));
      const device = { v4, v6: text('.ip6tables'), ipset: text('.ipset') };
      await l.loadIptables(device);

      const files = [
        { path: 'fw.iptables', text: device.v4 },
        { path: 'fw.ip6tables', text: device.v6 },
        { path: 'fw.ipset', text: device.ipset },
      ];
      const format = pickFormat('iptables', files);
      if (!format.ok) throw new Error('no iptables format');
      const ruleset = format.value.parse(files);
      if (!ruleset.ok) throw new Error(ruleset.issues.map((i) => i.message).join('\n'));
      const rows = verifyFirewall(matrix, 'fw', ruleset.value).rows;
      const add = missingRules(matrix, 'fw', format.value, rows).missingRules;
      expect(add?.form).toBe('addition');

      const probes = probesFor(matrix, 'fw', NS_LAB);
      await l.listen(listenPorts(probes));
      const wrong = (got: boolean[]) =>
        probes
          .filter((p, i) => got[i] !== p.expected)
          .map(
            (p) => `${p.proto} ${p.src} -> ${p.dst}:${p.port} (${p.why}) expected ${p.expected ? 'permit' : 'drop'}`,
          );
      // The device as it is: the rows taken out do not pass (this is what the addition must change).
      const before = wrong(await l.probe(probes));
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((w) => w.includes('expected permit'))).toBe(true);

      const dir = mkdtempSync(join(tmpdir(), 'fm-missing-'));
      try {
        for (const f of add?.files ?? []) writeFileSync(join(dir, f.name), f.content);
        const script = add?.files.find((f) => f.name.endsWith('.load.sh'));
        if (!script) throw new Error(`no load script among ${add?.files.map((f) => f.name).join(', ')}`);
        await l.exec(l.names.firewall, 'sh', [join(dir, script.name)]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(wrong(await l.probe(probes))).toEqual([]);
      // The device's own rules are all still there (iptables-save rewrites their text: count them per chain), and
      // FORWARD holds one rule more, the jump to the addition.
      const saved = await l.exec(l.names.firewall, 'iptables-save', ['-t', 'filter']);
      const perChain = (listing: string) => {
        const counts = new Map<string, number>();
        for (const chain of listing.split('\n').flatMap((x) => /^-A (\S+) /.exec(x)?.[1] ?? []))
          counts.set(chain, (counts.get(chain) ?? 0) + 1);
        return counts;
      };
      const after = perChain(saved);
      for (const [chain, count] of perChain(device.v4))
        expect(after.get(chain), chain).toBe(chain === 'FORWARD' ? count + 1 : count);
      expect(saved).toContain('-A FORWARD -j FLOWMATRIX-ADD');
    }, 120_000);
  },
);

describe('verify: what the rules for the missing rows are, by platform', () => {
  it('a whole policy where the target has no additive form, and the report says so', async () => {
    const full = generate(matrix, { firewall: 'fw', target: 'nftables' });
    if (!full.ok) throw new Error('no nftables output');
    const nft = full.value.artifacts[0]?.content ?? '';
    const files = [{ path: 'fw.nft', text: nft.replace(/^.*"fixture\/web-sql .*\n/m, '') }];
    const format = pickFormat('nft', files);
    if (!format.ok) throw new Error('no nftables format');
    const ruleset = format.value.parse(files);
    if (!ruleset.ok) throw new Error(ruleset.issues.map((i) => i.message).join('\n'));
    const add = missingRules(matrix, 'fw', format.value, verifyFirewall(matrix, 'fw', ruleset.value).rows);
    expect(add.missingRules?.form).toBe('whole-policy');
    expect(add.missingRules?.files.map((f) => f.content).join('')).toContain('fixture/web-sql');
    const { missingRulesTitle } = await import('../../src/verify/missing-rules.js');
    const title = missingRulesTitle(add.missingRules as NonNullable<typeof add.missingRules>);
    expect(title.en).toContain('would replace the firewall');
    expect(title.fr).toContain('remplacerait les règles du pare-feu');
  });
});

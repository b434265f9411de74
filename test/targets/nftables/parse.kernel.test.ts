import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import type { Ruleset } from '../../../src/ruleset/index.js';
import { nftables } from '../../../src/targets/nftables/index.js';
import { parseNftText } from '../../../src/targets/nftables/parse/index.js';
import { fixturesDir, fixturesRequirement } from '../../support/fixtures.js';
import { agreeWithKernel } from '../../support/kernel-agree.js';
import { netnsRequirements } from '../../support/netns.js';
import { createOracleLab, type OracleLab } from '../../support/netns-oracle.js';
import { missing, requirements } from '../../support/system.js';
import { samplePackets } from '../iptables/parse-sampler.js';
import { EXAMPLES, exampleMatrix, generated } from '../support/examples.js';

/**
 * The kernel is the oracle of the nftables reader: a file loaded with `nft -f` in a firewall namespace, packets
 * sampled from its rules (inside, near misses, random) sent through interfaces named as the rules name them, and
 * `evaluate` on the parsed file must agree with what reached the other side, on every packet it decides.
 */
const skip = missing(requirements.netns, requirements.nft, netnsRequirements.ping);

function read(file: string, text: string): Ruleset {
  const r = parseNftText({ path: file, text });
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

describe.skipIf(skip)('nftables reader: evaluate agrees with the kernel', () => {
  let lab: OracleLab | undefined;
  beforeAll(async () => {
    lab = await createOracleLab();
  }, 60_000);
  afterAll(() => lab?.destroy());

  for (const name of EXAMPLES) {
    it(`on the nftables output of ${name}`, async () => {
      const m = exampleMatrix(name);
      const fw = m.firewalls.find((f) =>
        generated(nftables, m, f.name).artifacts.some((a) => a.content.includes('accept comment')),
      );
      if (!fw) throw new Error(`${name} has no firewall with rules to load`);
      const text = generated(nftables, m, fw.name).artifacts.find((a) => a.path.endsWith('.nft'))?.content ?? '';
      const ruleset = read(`${fw.name}.nft`, text);
      await lab?.loadNft(text);
      const a = await agreeWithKernel(lab as OracleLab, ruleset, samplePackets(ruleset, [4, 6], 300, 13));
      expect(a.mismatches).toEqual([]);
      expect(a.indeterminate).toBe(0);
      expect(a.sent).toBeGreaterThan(200);
      expect(a.accepted).toBeGreaterThan(0);
    }, 240_000);
  }

  // Real rulesets (the iptables fixtures as iptables-restore-translate wrote them) that `nft -f` loads as they are.
  const REAL: [string, 'both outcomes' | 'drops only'][] = [
    ['synology_ds414_2016.translated.nft', 'both outcomes'],
    ['docker_topos4.translated.nft', 'both outcomes'],
    ['tum_i8_2015-09-03.translated.nft', 'drops only'],
  ];
  for (const [file, outcomes] of REAL) {
    it.skipIf(missing(fixturesRequirement))(
      `on the real ruleset derived/${file}`,
      async () => {
        const text = readFileSync(`${fixturesDir()}/firewalls/derived/${file}`, 'utf8');
        const ruleset = read(file, text);
        await lab?.loadNft(text);
        const a = await agreeWithKernel(lab as OracleLab, ruleset, samplePackets(ruleset, [4], 1200, 7));
        console.log(
          `${file}: ${a.sent} packets sent (${a.accepted} accepted), ${a.indeterminate} indeterminate not sent`,
        );
        expect(a.mismatches).toEqual([]);
        expect(a.sent).toBeGreaterThan(900);
        if (outcomes === 'both outcomes') expect(a.accepted).toBeGreaterThan(0);
      },
      600_000,
    );
  }
});

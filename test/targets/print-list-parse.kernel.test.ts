/**
 * The readers on what the kernel lists back: the nftables or iptables output of random matrices, loaded into a
 * namespace of its own, listed as a device would be read (`nft list ruleset`, `nft -j list ruleset`; `iptables-save`,
 * `ip6tables-save`, `ipset save`), parsed, and compared exactly with the neutral lowering of the slice the printer was
 * given (support/ruleset-equivalence.ts: set algebra over every context, the same normalisation as the print/parse
 * property). The kernel rewrites what it loads (sets expanded or merged, `ip saddr` dependencies added, `-m tcp`
 * inserted, counters), so this is `parse(list(load(print(ruleset))))` = ruleset: the readers hold on the listings
 * verify reads from real machines, and the nftables JSON reader is reached (no target prints JSON).
 *
 * Bounded: per target, 8 lab and 8 wide matrices, each loaded once and listed once (no packets): 32 tests in ~6 s.
 * 60 + 60 matrices per target under another seed (9090) took 51 s, all passing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import type { Matrix } from '../../src/model/matrix.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import { parseIptables } from '../../src/targets/iptables/parse/index.js';
import { parseNftJson } from '../../src/targets/nftables/parse/json.js';
import { parseNftText } from '../../src/targets/nftables/parse/text.js';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';
import { netnsRequirements } from '../support/netns.js';
import {
  deleteNamespaces,
  inNamespace,
  keepUntilExit,
  rulesetLoader,
  run,
  uniquePrefix,
} from '../support/netns-base.js';
import { missing, requirements } from '../support/system.js';
import { differences, printedSlice } from './support/ruleset-equivalence.js';
import { arbitraryWideMatrix } from './support/wide-matrix.js';

const RUNS = 8;
const MATRICES: readonly Matrix[] = [
  ...fc.sample(arbitraryLabMatrix(), { numRuns: RUNS, seed: 777 }),
  ...fc.sample(arbitraryWideMatrix(), { numRuns: RUNS, seed: 777 }),
];

const ok = (r: { ok: true; value: Ruleset } | { ok: false; issues: readonly Parameters<typeof formatIssue>[0][] }) => {
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
};

/**
 * One namespace for the describe block it is called in, no links: only a ruleset to hold and list. Created before
 * its tests, removed after them (and at exit, whatever happens). Returns its name.
 */
function useNamespace(): () => string {
  const name = `${uniquePrefix('fml')}-f`;
  let forget = (): void => {};
  const destroy = (): void => {
    deleteNamespaces([name]);
    forget();
  };
  beforeAll(async () => {
    forget = keepUntilExit({ destroy });
    await run('ip', ['netns', 'add', name]);
  }, 30_000);
  afterAll(destroy);
  return () => name;
}

const file = (files: readonly { path: string; content: string }[], ext: string): string | undefined =>
  files.find((a) => a.path.endsWith(ext))?.content;

describe.skipIf(missing(requirements.netns, requirements.nft))('nftables: the kernel lists back the ruleset', () => {
  const namespace = useNamespace();

  MATRICES.forEach((raw, index) => {
    it(`matrix ${index + 1}: nft list ruleset and nft -j list ruleset read back as the ruleset`, async () => {
      const slice = printedSlice('nftables', raw);
      if (!slice) return;
      const name = namespace();
      const text = file(slice.output.artifacts, '.nft');
      if (text === undefined) throw new Error('no .nft file');
      await rulesetLoader(name).loadNft(text);
      const listed = await inNamespace(name, 'nft', ['list', 'ruleset']);
      const json = await inNamespace(name, 'nft', ['-j', 'list', 'ruleset']);
      const fromText = differences('nftables', slice, ok(parseNftText({ path: 'listed.nft', text: listed })));
      const fromJson = differences('nftables', slice, ok(parseNftJson({ path: 'listed.json', text: json })));
      expect(fromText.lines).toEqual([]);
      expect(fromJson.lines).toEqual([]);
      expect(fromText.printed).toBeGreaterThan(0);
    }, 60_000);
  });
});

describe.skipIf(missing(requirements.netns, requirements.iptables, requirements.nft, netnsRequirements.ipset))(
  'iptables: the kernel lists back the ruleset',
  () => {
    const namespace = useNamespace();

    MATRICES.forEach((raw, index) => {
      it(`matrix ${index + 1}: iptables-save, ip6tables-save and ipset save read back as the ruleset`, async () => {
        const slice = printedSlice('iptables', raw);
        if (!slice) return;
        const name = namespace();
        const v4 = file(slice.output.artifacts, '.iptables');
        const v6 = file(slice.output.artifacts, '.ip6tables');
        const ipset = file(slice.output.artifacts, '.ipset');
        if (v4 === undefined || v6 === undefined) throw new Error('no .iptables or .ip6tables file');
        // Sets of the previous matrix go first (`ipset restore -exist` would add to them): no rule holds them now.
        await inNamespace(name, 'nft', ['flush', 'ruleset']);
        await inNamespace(name, 'iptables', ['-F']).catch(() => '');
        await inNamespace(name, 'ip6tables', ['-F']).catch(() => '');
        await inNamespace(name, 'ipset', ['destroy']).catch(() => '');
        await rulesetLoader(name).loadIptables({ v4, v6, ...(ipset === undefined ? {} : { ipset }) });
        const sources = [
          { file: 'iptables-save', text: await inNamespace(name, 'iptables-save', []) },
          { file: 'ip6tables-save', text: await inNamespace(name, 'ip6tables-save', []) },
          ...(ipset === undefined ? [] : [{ file: 'ipset-save', text: await inNamespace(name, 'ipset', ['save']) }]),
        ];
        const r = parseIptables(sources);
        if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
        const d = differences('iptables', slice, r.value.ruleset);
        expect(d.lines).toEqual([]);
        expect(d.printed).toBeGreaterThan(0);
      }, 60_000);
    });
  },
);

import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { rulesetToJson } from '../../../src/ruleset/json.js';
import { parseIptables } from '../../../src/targets/iptables/parse/index.js';
import { deleteNamespaces, inNamespace, run, uniquePrefix } from '../../support/netns-base.js';
import { missing, requirements } from '../../support/system.js';
import { ERRORS, VALID } from './restore-cases.js';

/**
 * The real tool is the oracle of the restore commands: each input is loaded with iptables-restore in a namespace of
 * its own and dumped with iptables-save; our reading of the input and our reading of the dump must be the same
 * ruleset (where each rule came from aside). Each input we refuse, the real tool refuses at the same line.
 *
 * iptables-legacy, not iptables-nft: iptables-nft-restore 1.8.9 crashes (SIGSEGV) on `-R` and `-Z CHAIN n`, leaves
 * the rules of its own batch in place on a bare `-F`, and its `--test` accepts `-D` of a missing rule.
 */
const skip = missing(requirements.netns, requirements.iptablesLegacy);

const created: string[] = [];
afterAll(() => deleteNamespaces(created));

/** Runs `f` in a new namespace, removed afterwards. */
async function inFreshNamespace<T>(f: (ns: string) => Promise<T>): Promise<T> {
  const ns = uniquePrefix('fmrc');
  created.push(ns);
  await run('ip', ['netns', 'add', ns]);
  try {
    return await f(ns);
  } finally {
    deleteNamespaces([ns]);
  }
}

/** The ruleset as JSON with the places aside (file, line, text), chains in name order. */
function normalised(text: string, family: 4 | 6): unknown {
  const r = parseIptables([{ file: 'x', text, kind: family === 6 ? 'ip6tables' : 'iptables' }]);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  const json = JSON.parse(
    JSON.stringify(rulesetToJson(r.value.ruleset), (key, value) =>
      key === 'file' || key === 'line' || key === 'text' ? undefined : value,
    ),
  );
  json.chains.sort((a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name));
  return json;
}

const tool = (family: 4 | 6, what: 'restore' | 'save') => `${family === 6 ? 'ip6' : 'ip'}tables-legacy-${what}`;

describe.skipIf(skip)('iptables-restore commands: our reading agrees with the real tool', () => {
  for (const c of VALID) {
    it(c.name, async () => {
      const saved = await inFreshNamespace(async (ns) => {
        await inNamespace(ns, tool(c.family, 'restore'), [], c.text);
        return inNamespace(ns, tool(c.family, 'save'), ['-t', 'filter']);
      });
      // The kernel holds as many rules as the case says our reading keeps.
      const kept = Object.values(c.chains).reduce((n, lines) => n + lines.length, 0);
      expect(saved.split('\n').filter((l) => l.startsWith('-A ')).length).toBe(kept);
      expect(normalised(c.text, c.family)).toEqual(normalised(saved, c.family));
    }, 30_000);
  }

  for (const c of ERRORS) {
    it(`refused by both: ${c.name}`, async () => {
      const refusal = await inFreshNamespace((ns) =>
        inNamespace(ns, tool(4, 'restore'), ['--test'], c.text).then(
          () => 'accepted',
          (e: Error) => e.message,
        ),
      );
      // "iptables-restore: line 8 failed", or "Error occurred at line: 8" for a bad argument.
      const line = /line:? (\d+)/.exec(refusal)?.[1];
      const ours = parseIptables([{ file: 'x', text: c.text, kind: 'iptables' }]);
      expect(ours.ok ? undefined : ours.issues[0]?.line, refusal).toBe(Number(line));
    }, 30_000);
  }
});

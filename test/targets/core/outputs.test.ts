import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { generate, type TargetId } from '../../../src/targets/index.js';
import { safeText } from '../../../src/targets/kit/escape.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import { missing, requirements } from '../../support/system.js';

const ADDRESSES = [
  '10.0.0.1',
  '10.0.0.0/8',
  '2001:db8::1',
  '2001:db8::/48',
  'any',
  'a.example',
  '*.b.example',
  'c.example/path',
];
const SPECS = [
  'tcp/443',
  'udp/53',
  'tcp/80,443,8000-8010',
  'udp/50000-59999',
  'icmp/8',
  'icmpv6/128',
  'gre',
  'ip',
  'tcp',
];
const HOSTILE = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '"; flush ruleset; #',
    "'\n-A FORWARD -j ACCEPT\n",
    '} chain x { accept',
    '$(reboot)',
    '\\" ; accept',
    'é"ï\r\n#',
  ),
);

const arbitraryMatrix = (text: fc.Arbitrary<string>): fc.Arbitrary<Matrix> =>
  fc
    .array(
      fc.record({
        flow: text,
        ref: text,
        role: text,
        src: fc.subarray(ADDRESSES, { minLength: 1, maxLength: 3 }),
        dst: fc.subarray(ADDRESSES, { minLength: 1, maxLength: 3 }),
        specs: fc.subarray(SPECS, { minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((rows) =>
      matrix(
        rows.map((r, i) => ({
          ...row({
            flow: `${r.flow}`,
            ref: r.ref,
            from: endpoint(r.role, r.src),
            to: endpoint(`${r.role}-dst`, r.dst),
            services: r.specs.flatMap((s) => service(s)),
            hops: [hop('fw', 'lan', 'dmz', 'lan0', 'dmz0')],
          }),
          key: `row${i}`,
        })),
        [firewall('fw', 'nftables', { lan: 'lan0', dmz: 'dmz0' })],
      ),
    );

const TARGETS: TargetId[] = ['nftables', 'iptables'];

describe('every rule appears in the output or in the findings', () => {
  it.each(TARGETS)('%s', (target) => {
    fc.assert(
      fc.property(arbitraryMatrix(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/)), (m) => {
        const result = generate(m, { firewall: 'fw', target });
        if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
        const text = result.value.artifacts.map((a) => a.content).join('\n');
        for (const r of m.rows) {
          const inOutput = text.includes(`fixture/${safeText(r.flow)} ref ${safeText(r.ref)}`);
          const inFindings = result.value.findings.some((f) => f.key === r.key);
          expect(inOutput || inFindings, r.flow).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** Hostile texts never add, remove or change a rule: the real tools accept the output and hold as many rules. */
describe.skipIf(missing(requirements.nft, requirements.iptables, requirements.netns))(
  'hostile names and comments',
  () => {
    const ns = `fmt${process.pid}fuzz`;
    const inNs = (cmd: string, args: string[], input?: string) =>
      execFileSync('ip', ['netns', 'exec', ns, cmd, ...args], {
        input: input ?? '',
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    beforeAll(() => execFileSync('ip', ['netns', 'add', ns]));
    afterAll(() => execFileSync('ip', ['netns', 'del', ns]));

    const count = (target: TargetId, m: Matrix): number => {
      const result = generate(m, { firewall: 'fw', target });
      if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
      // A missing ruleset would count 0 rules on both sides and pass: only the ipset file is optional.
      const file = (ext: string, optional = false): string => {
        const content = result.value.artifacts.find((a) => a.path.endsWith(ext))?.content;
        if (content === undefined && !optional) throw new Error(`no ${ext} artifact for ${target}`);
        return content ?? '';
      };
      inNs('nft', ['flush', 'ruleset']);
      if (target === 'nftables') {
        inNs('nft', ['-f', '-'], file('.nft'));
        return JSON.parse(inNs('nft', ['-j', 'list', 'ruleset'])).nftables.filter((o: object) => 'rule' in o).length;
      }
      inNs('ipset', ['destroy']);
      const ipset = file('.ipset', true);
      if (ipset) inNs('ipset', ['restore', '-exist'], ipset);
      inNs('iptables-restore', [], file('.iptables'));
      inNs('ip6tables-restore', [], file('.ip6tables'));
      const rules = (save: string) =>
        inNs(save, [])
          .split('\n')
          .filter((l) => l.startsWith('-A ')).length;
      return rules('iptables-save') + rules('ip6tables-save');
    };

    it.each(TARGETS)('%s', (target) => {
      fc.assert(
        fc.property(arbitraryMatrix(HOSTILE), (hostile) => {
          // The same matrix with tame texts: the rule count must not move.
          const tame: Matrix = {
            ...hostile,
            rows: hostile.rows.map((r, i) => ({
              ...r,
              flow: `f${i}`,
              ref: `r${i}`,
              legs: r.legs.map((l) => ({
                ...l,
                source: { ...l.source, role: `s${i}` },
                destination: { ...l.destination, role: `d${i}` },
              })),
            })),
          };
          expect(count(target, hostile)).toBe(count(target, tame));
        }),
        { numRuns: 25, seed: 11 },
      );
    });
  },
);

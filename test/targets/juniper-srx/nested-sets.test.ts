import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import { parseSrxConfig } from '../../../src/targets/juniper-srx/parse/index.js';

/** 2^40 paths: a walk per path would never end (the test's timeout stops it), a walk per set is instant. */
const DEPTH = 40;
/** Sets S0/T0 … each holding both sets of the next level: 2 × DEPTH sets, 2^DEPTH paths from S0 to the leaves. */
const diamond = (set: (name: string, member: string) => string, leaf: (name: string) => string): string[] => {
  const lines: string[] = [];
  for (let k = 0; k < DEPTH; k++)
    for (const a of ['S', 'T']) for (const b of ['S', 'T']) lines.push(set(`${a}${k}`, `${b}${k + 1}`));
  lines.push(leaf(`S${DEPTH}`), leaf(`T${DEPTH}`));
  return lines;
};
const policy = (source: string, application: string) => [
  'set security zones security-zone trust interfaces ge-0/0/1.0',
  'set security zones security-zone untrust interfaces ge-0/0/0.0',
  `set security policies from-zone untrust to-zone trust policy p match source-address ${source}`,
  'set security policies from-zone untrust to-zone trust policy p match destination-address any',
  `set security policies from-zone untrust to-zone trust policy p match application ${application}`,
  'set security policies from-zone untrust to-zone trust policy p then permit',
];
const decided = (lines: string[]) => {
  const r = parseSrxConfig({ path: 'srx.conf', text: lines.join('\n') });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  const p = parsePacket('tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone untrust to-zone trust');
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(r.value, p.value);
  return { verdict: d.kind === 'decided' ? d.action : d.kind };
};

// Nested sets were walked once per path: sets sharing members (a diamond) took 2^depth steps — 22 levels took
// seconds, 40 would never end. Timings: bench/parse-scaling.bench.ts.
describe('Junos nested sets resolve in time linear in their number', () => {
  it('address-sets nested as a diamond', () => {
    const lines = [
      'set security address-book global address h 10.1.2.3/32',
      ...diamond(
        (n, m) => `set security address-book global address-set ${n} address-set ${m}`,
        (n) => `set security address-book global address-set ${n} address h`,
      ),
      ...policy('S0', 'junos-https'),
    ];
    expect(decided(lines).verdict).toBe('accept');
  });

  it('application-sets nested as a diamond', () => {
    const lines = [
      ...diamond(
        (n, m) => `set applications application-set ${n} application-set ${m}`,
        (n) => `set applications application-set ${n} application junos-https`,
      ),
      ...policy('any', 'S0'),
    ];
    expect(decided(lines).verdict).toBe('accept');
  });
});

import { expect } from 'vitest';
import type { Matrix } from '../../src/model/matrix.js';
import type { TargetOutput } from '../../src/targets/generate/target.js';
import { generate } from '../../src/targets/index.js';
import type { Lab, LabAddresses } from './netns.js';
import { type ExpectedProbe, listenPorts, probesFor } from './netns-flows.js';

/** Generate for `target`, load into the lab's firewall, probe every row and its near misses; returns the probes. */
export async function proveInKernel(
  lab: Lab,
  labAddresses: LabAddresses,
  m: Matrix,
  target: 'nftables' | 'iptables',
): Promise<ExpectedProbe[]> {
  const result = generate(m, { firewall: 'fw', target });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  await loadGenerated(lab, target, result.value);
  const probes = probesFor(m, 'fw', labAddresses);
  await lab.listen(listenPorts(probes));
  const got = await lab.probe(probes);
  const mismatches = probes
    .filter((p, i) => got[i] !== p.expected)
    .map((p) => `${p.proto} ${p.src} -> ${p.dst}:${p.port} (${p.why}) expected ${p.expected ? 'permit' : 'drop'}`);
  expect(mismatches).toEqual([]);
  return probes;
}

/** Load a generated nftables or iptables output (ipset, iptables and ip6tables files) into a lab's firewall. */
export async function loadGenerated(
  lab: Pick<Lab, 'loadNft' | 'loadIptables'>,
  target: 'nftables' | 'iptables',
  out: TargetOutput,
): Promise<void> {
  const find = (ext: string) => out.artifacts.find((a) => a.path.endsWith(ext))?.content;
  // A missing file must fail the test: an empty ruleset loaded in its place would let every packet through.
  const file = (ext: string): string => {
    const content = find(ext);
    if (content === undefined)
      throw new Error(`no ${ext} artifact among ${out.artifacts.map((a) => a.path).join(', ')}`);
    return content;
  };
  if (target === 'nftables') return lab.loadNft(file('.nft'));
  const ipset = find('.ipset');
  return lab.loadIptables({ v4: file('.iptables'), v6: file('.ip6tables'), ...(ipset ? { ipset } : {}) });
}

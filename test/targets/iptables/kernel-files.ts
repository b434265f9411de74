import { formatIssue } from '../../../src/model/issues.js';
import { parseIptables } from '../../../src/targets/iptables/parse/index.js';
import { type Agreement, agreeWithKernel } from '../../support/kernel-agree.js';
import type { OracleLab } from '../../support/netns-oracle.js';
import type { Sampled } from './parse-sampler.js';

/** The files a kernel case loads: iptables-restore input, ip6tables-restore input (empty filter table if absent), ipsets. */
export interface KernelFiles {
  readonly v4: string;
  readonly v6?: string;
  readonly ipset?: string;
}

/**
 * One kernel case: the files read by our reader and loaded into the lab's firewall as the tools load them, then each
 * sampled packet sent through it and decided by `evaluate` (a packet arriving where none was predicted is a mismatch).
 */
export async function agreeOnFiles(
  lab: OracleLab | undefined,
  name: string,
  files: KernelFiles,
  samples: readonly Sampled[],
): Promise<Agreement> {
  const v6 = files.v6 ?? '*filter\nCOMMIT\n';
  const r = parseIptables([
    { file: `${name}.v4`, text: files.v4, kind: 'iptables' },
    ...(files.v6 === undefined ? [] : [{ file: `${name}.v6`, text: v6, kind: 'ip6tables' as const }]),
    ...(files.ipset === undefined ? [] : [{ file: `${name}.ipset`, text: files.ipset, kind: 'ipset' as const }]),
  ]);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  if (!lab) throw new Error('the kernel lab did not start');
  await lab.loadIptables({ v4: files.v4, v6, ...(files.ipset === undefined ? {} : { ipset: files.ipset }) });
  return agreeWithKernel(lab, r.value.ruleset, samples, { everyArrival: true });
}

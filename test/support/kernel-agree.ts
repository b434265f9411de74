import { evaluate, parsePacket, type Ruleset } from '../../src/ruleset/index.js';
import type { Sampled } from '../targets/iptables/parse-sampler.js';
import type { OracleLab } from './netns-oracle.js';

/** Packets per batch sent through one interface pair, and pairs tried per ruleset (each costs a rename). */
const PER_BATCH = 150;
const MAX_PAIRS = 8;

export interface Agreement {
  readonly sent: number;
  readonly accepted: number;
  readonly indeterminate: number;
  readonly mismatches: string[];
}

/**
 * The kernel as the oracle of a reader: every sampled packet `evaluate` decides on the parsed ruleset is sent
 * through the lab (whose firewall holds the same file) and must arrive exactly when evaluate accepts it. Packets
 * evaluate calls indeterminate are counted, not sent.
 */
export async function agreeWithKernel(
  lab: OracleLab,
  ruleset: Ruleset,
  samples: readonly Sampled[],
): Promise<Agreement> {
  const decided: { s: Sampled; accept: boolean }[] = [];
  let indeterminate = 0;
  for (const s of samples) {
    const p = parsePacket(s.packet);
    if (!p.ok) throw new Error(`${s.packet}: ${p.message}`);
    const d = evaluate(ruleset, p.value);
    if (d.kind === 'indeterminate') indeterminate++;
    else decided.push({ s, accept: d.action === 'accept' });
  }
  const pairs = new Map<string, { s: Sampled; accept: boolean }[]>();
  for (const x of decided) pairs.set(`${x.s.in} ${x.s.out}`, [...(pairs.get(`${x.s.in} ${x.s.out}`) ?? []), x]);
  const chosen = [...pairs].sort((a, b) => b[1].length - a[1].length).slice(0, MAX_PAIRS);
  const mismatches: string[] = [];
  for (const [pair, list] of chosen) {
    const [inName, outName] = pair.split(' ') as [string, string];
    for (let i = 0; i < list.length; i += PER_BATCH) {
      const chunk = list.slice(i, i + PER_BATCH);
      const got = await lab.send(
        inName,
        outName,
        chunk.map((x) => x.s.probe),
      );
      chunk.forEach((x, k) => {
        if (got[k] !== x.accept) {
          mismatches.push(
            `${x.s.packet}: kernel ${got[k] ? 'forwards' : 'drops'}, evaluate ${x.accept ? 'accepts' : 'drops'}`,
          );
        }
      });
    }
  }
  const sent = chosen.flatMap(([, list]) => list);
  return { sent: sent.length, accepted: sent.filter((x) => x.accept).length, indeterminate, mismatches };
}

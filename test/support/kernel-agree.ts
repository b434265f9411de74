import { type CidrSet, parseCidrBounds } from '../../src/net/cidr-set.js';
import { formatIpv4 } from '../../src/net/ipv4.js';
import { formatIpv6 } from '../../src/net/ipv6.js';
import { evaluate, type NatTarget, parsePacket, type Ruleset } from '../../src/ruleset/index.js';
import type { Sampled } from '../targets/iptables/parse-sampler.js';
import { type OracleLab, type OracleProbe, probeKey } from './netns-oracle.js';

/** Packets per batch sent through one interface pair, and pairs tried per ruleset (each costs a rename). */
const PER_BATCH = 150;
const MAX_PAIRS = 8;

export interface Agreement {
  readonly sent: number;
  readonly accepted: number;
  /** Packets sent whose destination evaluate translated (DNAT) before filtering. */
  readonly translated: number;
  readonly indeterminate: number;
  readonly mismatches: string[];
}

/**
 * The kernel as the oracle of a reader: every sampled packet `evaluate` decides on the parsed ruleset is sent
 * through the lab (whose firewall holds the same file) and must arrive exactly when evaluate accepts it. Packets
 * evaluate calls indeterminate are counted, not sent. A packet evaluate translates must arrive where the translation
 * sends it (at one of the places, for a small range the kernel picks from). With `everyArrival`, whatever else
 * arrives is a mismatch too (the kernel forwarded a probe somewhere evaluate does not send it).
 */
export async function agreeWithKernel(
  lab: OracleLab,
  ruleset: Ruleset,
  samples: readonly Sampled[],
  options: { readonly everyArrival?: boolean } = {},
): Promise<Agreement> {
  const decided: Decided[] = [];
  let indeterminate = 0;
  for (const s of samples) {
    const p = parsePacket(s.packet);
    if (!p.ok) throw new Error(`${s.packet}: ${p.message}`);
    const d = evaluate(ruleset, p.value);
    const arrivals = d.kind === 'decided' ? arrivalsOf(s.probe, d.translatedBy?.rule.translate) : undefined;
    if (d.kind === 'indeterminate' || !arrivals) indeterminate++;
    else decided.push({ s, accept: d.action === 'accept', arrivals, translated: d.translatedBy !== undefined });
  }
  const pairs = new Map<string, Decided[]>();
  // Two probes translated to one arrival cannot be told apart at the sink: the later ones are not sent.
  const arrivals = new Set<string>();
  for (const x of decided) {
    const keys = x.arrivals.map((a) => `${x.s.in} ${x.s.out} ${probeKey(a)}`);
    if (keys.some((k) => arrivals.has(k))) continue;
    for (const k of keys) arrivals.add(k);
    pairs.set(`${x.s.in} ${x.s.out}`, [...(pairs.get(`${x.s.in} ${x.s.out}`) ?? []), x]);
  }
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
        chunk.map((x) => x.arrivals),
      );
      chunk.forEach((x, k) => {
        if (got[k] !== x.accept) {
          mismatches.push(
            `${x.s.packet}: kernel ${got[k] ? 'forwards' : 'drops'}, evaluate ${x.accept ? 'accepts' : 'drops'}`,
          );
        }
      });
      // A probe the kernel forwards elsewhere than evaluate says (a translation misread while evaluate drops it)
      // arrives under no key of the batch.
      if (options.everyArrival) {
        const predicted = new Set(chunk.flatMap((x) => [x.s.probe, ...x.arrivals].map(probeKey)));
        for (const key of lab.lastArrivals()) {
          if (!predicted.has(key)) mismatches.push(`${key} (${pair}): arrived where evaluate sends no probe`);
        }
      }
    }
  }
  const sent = chosen.flatMap(([, list]) => list);
  return {
    sent: sent.length,
    accepted: sent.filter((x) => x.accept).length,
    translated: sent.filter((x) => x.translated).length,
    indeterminate,
    mismatches,
  };
}

interface Decided {
  readonly s: Sampled;
  readonly accept: boolean;
  /** The probe as the sink may receive it (after the destination translation evaluate applied): any of these. */
  readonly arrivals: readonly OracleProbe[];
  readonly translated: boolean;
}

/** Alternatives a translation to several places may pick beyond which a probe is not sent. */
const MAX_ALTERNATIVES = 16;

/**
 * The probe as each destination (and port) the translation may give it: one for a translation to one address,
 * each of them for a small range (the kernel picks one); undefined when there are too many to look for.
 */
function arrivalsOf(probe: OracleProbe, translate: NatTarget | undefined): OracleProbe[] | undefined {
  if (!translate) return [probe];
  const family = probe.dst.includes(':') ? 6 : 4;
  const addresses = translate.addresses ? addressesOf(translate.addresses, family) : [probe.dst];
  const ports =
    translate.ports && probe.proto !== 'icmp'
      ? translate.ports.size > MAX_ALTERNATIVES
        ? undefined
        : translate.ports.toRanges().flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i))
      : [probe.dport];
  if (!addresses || !ports || addresses.length * ports.length > MAX_ALTERNATIVES) return undefined;
  return addresses.flatMap((dst) => ports.map((dport) => ({ ...probe, dst, dport })));
}

function addressesOf(set: CidrSet, family: 4 | 6): string[] | undefined {
  const own = set.family(family);
  if (own.size(family) > BigInt(MAX_ALTERNATIVES)) return undefined;
  const out: string[] = [];
  for (const r of own.toRanges()) {
    const first = parseCidrBounds(r.first);
    const last = parseCidrBounds(r.last);
    if (!first.ok || !last.ok) return undefined;
    const w = Uint32Array.from(first.value.first);
    for (let n = 0; n <= MAX_ALTERNATIVES; n++) {
      out.push(family === 4 ? formatIpv4(w[0] as number) : formatIpv6(w));
      if (w.every((x, i) => x === last.value.first[i])) break;
      for (let i = w.length - 1; i >= 0; i--) {
        w[i] = ((w[i] as number) + 1) >>> 0;
        if (w[i] !== 0) break;
      }
    }
  }
  return out;
}

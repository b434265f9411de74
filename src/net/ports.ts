import { closest } from '../util/did-you-mean.js';
import { ICMP_TYPES, ICMPV6_TYPES } from './icmp.js';
import { didYouMeanWords, type ParseResult, parsed, rejected, words } from './result.js';
import { PORTED_PROTOCOLS, type PortRange, PROTOCOLS, type Protocol } from './types.js';

export interface PortSpec {
  readonly protocol: Protocol;
  /** Sorted, merged; empty for protocols without ports. */
  readonly ports: PortRange[];
  readonly icmpType?: number;
}

/** A space between digits that groups thousands (`50 000`, `50\u00A0000`, `50\u202F000`), as French text writes. */
const THOUSANDS = /(\d)[ \u00A0\u2009\u202F](?=\d{3}(?!\d))/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * `tcp/443`, `udp/3478`, `tcp/80,443`, `tcp/50 000-59 999`, `tcp/any` (1–65535), `icmp`, `icmp/echo-request`,
 * `icmp/8`, `icmpv6/128`, `esp`, `gre`, `ah`, `ip`, `sctp/…`. Case-insensitive. A ported protocol without
 * ports is an error rather than "all ports": silently widening a rule is the bug this tool exists to prevent.
 */
export function parsePortSpec(text: string): ParseResult<PortSpec> {
  // `trim` also removes the no-break spaces (U+00A0, U+202F) the source documents leave at the edges.
  const spec = text.trim();
  const slash = spec.indexOf('/');
  const name = (slash < 0 ? spec : spec.slice(0, slash)).trim().toLowerCase();
  const rest = slash < 0 ? undefined : spec.slice(slash + 1).trim();
  if (!(PROTOCOLS as readonly string[]).includes(name)) {
    const guess = closest(name, PROTOCOLS);
    return rejected(
      words(`protocole inconnu "${name}" dans "${text}"`, `unknown protocol "${name}" in "${text}"`),
      guess === undefined
        ? words(`un parmi ${PROTOCOLS.join(', ')}`, `one of ${PROTOCOLS.join(', ')}`)
        : didYouMeanWords(guess),
    );
  }
  const protocol = name as Protocol;
  if (PORTED_PROTOCOLS.has(protocol)) {
    if (rest === undefined || rest === '') {
      return rejected(
        words(`"${text}" ne donne aucun port`, `"${text}" names no port`),
        words(
          `écrivez "${protocol}/443", une plage "${protocol}/1024-65535" ou "${protocol}/any"`,
          `write "${protocol}/443", a range "${protocol}/1024-65535" or "${protocol}/any"`,
        ),
      );
    }
    const ports = parsePortList(rest, text);
    return ports.ok ? parsed({ protocol, ports: ports.value }) : ports;
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    if (rest === undefined) return parsed({ protocol, ports: [] });
    const icmpType = parseIcmpType(protocol, rest, text);
    return icmpType.ok ? parsed({ protocol, ports: [], icmpType: icmpType.value }) : icmpType;
  }
  if (rest !== undefined)
    return rejected(
      words(`"${protocol}" n’a pas de ports, reçu "${text}"`, `"${protocol}" has no ports, got "${text}"`),
      words(`écrivez "${protocol}" seul`, `write "${protocol}" alone`),
    );
  return parsed({ protocol, ports: [] });
}

function parseIcmpType(protocol: 'icmp' | 'icmpv6', rest: string, text: string): ParseResult<number> {
  const names = protocol === 'icmp' ? ICMP_TYPES : ICMPV6_TYPES;
  const key = rest.toLowerCase();
  const named = names[key];
  if (named !== undefined) return parsed(named);
  if (/^\d{1,3}$/.test(key) && Number(key) <= 255) return parsed(Number(key));
  const guess = closest(key, Object.keys(names));
  return rejected(
    words(`type ${protocol} inconnu "${rest}" dans "${text}"`, `unknown ${protocol} type "${rest}" in "${text}"`),
    guess === undefined
      ? words(
          'un numéro de type de 0 à 255 ou un nom tel que echo-request',
          'a type number 0 to 255 or a name such as echo-request',
        )
      : didYouMeanWords(guess),
  );
}

/** `80,443`, `50 000-59 999`, `any`: ranges sorted and merged. */
export function parsePortList(list: string, text = list): ParseResult<PortRange[]> {
  const clean = list.replace(THOUSANDS, '$1').replace(DASHES, '-');
  if (clean.trim().toLowerCase() === 'any') return parsed([{ from: 1, to: 65535 }]);
  const ranges: PortRange[] = [];
  for (const raw of clean.split(/[,;]/)) {
    const item = raw.trim().replace(/[\u00A0\u202F]/g, '');
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(item);
    if (!m) {
      const why =
        item === ''
          ? words('un port vide', 'an empty port')
          : words(`"${item}" n’est ni un port ni une plage`, `"${item}" is not a port or a range`);
      return rejected(
        words(`${why.fr} dans "${text}"`, `${why.en} in "${text}"`),
        words(
          'les ports sont des nombres de 1 à 65535, séparés par des virgules ; les plages s’écrivent 1024-65535',
          'ports are numbers 1 to 65535, separated by commas; ranges as 1024-65535',
        ),
      );
    }
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (const p of [from, to]) {
      if (p < 1 || p > 65535)
        return rejected(
          words(`port ${p} hors limites dans "${text}"`, `port ${p} out of range in "${text}"`),
          words('un port va de 1 à 65535', 'a port is 1 to 65535'),
        );
    }
    if (from > to)
      return rejected(
        words(`la plage ${from}-${to} est à l’envers dans "${text}"`, `range ${from}-${to} is reversed in "${text}"`),
        didYouMeanWords(`${to}-${from}`),
      );
    ranges.push({ from, to });
  }
  return parsed(mergePortRanges(ranges));
}

/** Sorted, with overlapping and adjacent ranges merged (a new list; the ranges themselves are shared). */
export const mergePortRanges = (ranges: readonly PortRange[]): PortRange[] => mergePortRangesInPlace(ranges.slice());

/** `ranges` merged, as `mergePortRanges`, but the very list when it already is (sorted, apart): nothing allocated. */
export function mergedPortRanges(ranges: readonly PortRange[]): readonly PortRange[] {
  for (let i = 1; i < ranges.length; i++) {
    if ((ranges[i] as PortRange).from <= (ranges[i - 1] as PortRange).to + 1) return mergePortRanges(ranges);
  }
  return ranges;
}

/**
 * `mergePortRanges` on a list of the caller's own, which it reorders and shortens: a printer groups the ports of
 * every rule (tens of thousands), and the copy, `sort`'s own work array and a new object per range were a third of
 * what generate allocated at 10k terms. A range is copied only where two merge.
 */
export function mergePortRangesInPlace(ranges: PortRange[]): PortRange[] {
  const n = ranges.length;
  if (n < 2) return ranges;
  if (n <= 16) insertionSort(ranges);
  else ranges.sort(byStart);
  let last = ranges[0] as PortRange;
  let kept = 1;
  for (let i = 1; i < n; i++) {
    const r = ranges[i] as PortRange;
    if (r.from <= last.to + 1) {
      if (r.to > last.to) {
        last = { from: last.from, to: r.to };
        ranges[kept - 1] = last;
      }
    } else {
      ranges[kept++] = r;
      last = r;
    }
  }
  ranges.length = kept;
  return ranges;
}

const byStart = (a: PortRange, b: PortRange): number => a.from - b.from || a.to - b.to;

/** A rule's few ranges, sorted where they are: no work array, and already sorted lists cost one pass. */
function insertionSort(ranges: PortRange[]): void {
  for (let i = 1; i < ranges.length; i++) {
    const r = ranges[i] as PortRange;
    let j = i - 1;
    while (j >= 0 && byStart(ranges[j] as PortRange, r) > 0) {
      ranges[j + 1] = ranges[j] as PortRange;
      j--;
    }
    ranges[j + 1] = r;
  }
}

/** `443` or `50000-59999`: plain digits, never locale grouping (fr-FR would insert U+202F). */
export const formatPortRange = (r: PortRange): string => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`);

/** `443`, `80,443`, `50000-59999`. */
export const formatPortRanges = (ranges: readonly PortRange[]): string => ranges.map(formatPortRange).join(',');

/**
 * The inverse of `parsePortSpec`: `tcp/443`, `tcp/80,443`, `udp/50000-59999`, `icmp/8`, `icmp`, `esp`. What
 * messages print, so a reader can paste it back into a catalog.
 */
export function formatPortSpec(s: {
  readonly protocol: Protocol;
  readonly ports: readonly PortRange[];
  readonly icmpType?: number;
}): string {
  if (s.icmpType !== undefined) return `${s.protocol}/${s.icmpType}`;
  return s.ports.length === 0 ? s.protocol : `${s.protocol}/${formatPortRanges(s.ports)}`;
}

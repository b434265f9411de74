/**
 * Accept rules laid out in chains (nftables, iptables): the base chain jumps by interface pair to a zone chain, the
 * zone chain by source to a source chain, and the source chain to one chain per matrix row holding the row's
 * destinations and services. A row with three sources, two destinations and two services is then 3 jumps and 4
 * rules, not 12 flat ones; a packet walks its zone's sources, then only the rows of its own source. On the 10k-term
 * Aerleon policy this halves the rules the kernel loads and the set names it resolves (bench/README.md, "chains").
 *
 * Every rule of a chain is an accept or a jump to accepts only, so the order of rules and jumps decides nothing: the
 * layout lets through exactly the (zone, source, rest) triples it was given, no more and no fewer.
 */

/** Where a rule is dispatched: the text that matches it (`''`: everything) and the parts its chain is named from. */
export interface Dispatch {
  readonly match: string;
  readonly name: readonly string[];
}

/** One line of a laid-out chain: `match` then either a jump to another chain or the rule's own `rest`. */
export type ChainLine =
  | { readonly match: string; readonly jump: string }
  | { readonly match: string; readonly rest: string };

export interface LaidChain {
  /** What the chain holds: one interface pair, one source within it, or one matrix row. */
  readonly kind: 'zone' | 'source' | 'row';
  readonly name: string;
  readonly lines: readonly ChainLine[];
}

/** The base chain's lines (after its own header rules), then every other chain: zones, sources, rows. */
export interface ChainLayout {
  readonly base: readonly ChainLine[];
  readonly chains: readonly LaidChain[];
}

interface RowRests {
  readonly key: string;
  readonly name: readonly string[];
  /** In first-seen order (repeats dropped when laid out). */
  readonly rests: string[];
  /** Set when laid out: the row's distinct rests, maybe shared with rows of the same key. */
  content?: RowContent;
}

interface RowContent {
  readonly rests: readonly string[];
  shared: boolean;
  name?: string;
}

interface SourceRows {
  readonly name: readonly string[];
  readonly rows: Map<string, RowRests>;
}

interface ZoneSources {
  readonly name: readonly string[];
  readonly sources: Map<string, SourceRows>;
}

/**
 * Collects printed rules as (zone, source, row, rest) and lays them out. `namer` gives chain names (one namespace:
 * the platform's chain names); rows of one key (label) with the same rests are one chain, jumped to from every
 * source. Rests are only compared within a row key: their text ends with the row's comment, so rests of two rows
 * never coincide, and no table of every rest is kept (at 100k terms such tables cost more than the printing).
 */
export class ChainLayoutBuilder {
  private readonly zones = new Map<string, ZoneSources>();
  /** Every row by key, in first-seen order: the rows a shared chain may serve. */
  private readonly byKey = new Map<string, RowRests[]>();
  private last?: { readonly zone: string; readonly source: string; readonly rowKey: string; readonly row: RowRests };

  constructor(private readonly namer: (parts: readonly string[], identity: string) => string) {}

  /** `row` is keyed by `rowKey` (the rule's label): rules of one row share a chain. */
  add(zone: Dispatch, source: Dispatch, rowKey: string, rowName: readonly string[], rest: string): void {
    // A rule's lines come one after another: the row of the previous line, when it is the same, is found without
    // looking it up again.
    const last = this.last;
    if (last && last.zone === zone.match && last.source === source.match && last.rowKey === rowKey) {
      last.row.rests.push(rest);
      return;
    }
    let z = this.zones.get(zone.match);
    if (!z) {
      z = { name: zone.name, sources: new Map() };
      this.zones.set(zone.match, z);
    }
    let s = z.sources.get(source.match);
    if (!s) {
      s = { name: source.name, rows: new Map() };
      z.sources.set(source.match, s);
    }
    let r = s.rows.get(rowKey);
    if (!r) {
      r = { key: rowKey, name: rowName, rests: [] };
      s.rows.set(rowKey, r);
      const siblings = this.byKey.get(rowKey);
      if (siblings) siblings.push(r);
      else this.byKey.set(rowKey, [r]);
    }
    this.last = { zone: zone.match, source: source.match, rowKey, row: r };
    r.rests.push(rest);
  }

  /** `add` with the rest given as its parts, joined by spaces, empty ones left out. */
  addParts(
    zone: Dispatch,
    source: Dispatch,
    rowKey: string,
    rowName: readonly string[],
    parts: readonly string[],
  ): void {
    let rest = '';
    for (const part of parts) if (part !== '') rest = rest === '' ? part : `${rest} ${part}`;
    this.add(zone, source, rowKey, rowName, rest);
  }

  layout(): ChainLayout {
    // Per row key, each distinct content once: rows with the same rests (several sources of one row) share it.
    for (const rows of this.byKey.values()) {
      if (rows.length === 1) {
        const r = rows[0] as RowRests;
        r.content = { rests: distinct(r.rests), shared: false };
        continue;
      }
      const byText = new Map<string, RowContent>();
      for (const r of rows) {
        const rests = distinct(r.rests);
        const text = rests.join('\n');
        let content = byText.get(text);
        if (content) content.shared = true;
        else {
          content = { rests, shared: false };
          byText.set(text, content);
        }
        r.content = content;
      }
    }
    const base: ChainLine[] = [];
    const zoneChains: LaidChain[] = [];
    const sourceChains: LaidChain[] = [];
    const rowChains: LaidChain[] = [];
    /** What a source does for one row: its single rule inline, or a jump to the row's chain. */
    const rowEntry = (r: RowRests): ChainLine => {
      const content = r.content as RowContent;
      if (content.rests.length === 1 && !content.shared) return { match: '', rest: content.rests[0] as string };
      if (content.name === undefined) {
        content.name = this.namer(r.name, `row\u0000${rowChains.length}`);
        rowChains.push({ kind: 'row', name: content.name, lines: content.rests.map((rest) => ({ match: '', rest })) });
      }
      return { match: '', jump: content.name };
    };
    const withMatch = (match: string, line: ChainLine): ChainLine =>
      'jump' in line ? { match, jump: line.jump } : { match, rest: line.rest };
    for (const [zoneMatch, z] of this.zones) {
      const zoneName = zoneMatch === '' ? '' : this.namer(z.name, `zone\u0000${zoneMatch}`);
      const zoneLines: ChainLine[] = [];
      for (const [sourceMatch, s] of z.sources) {
        const entries = [...s.rows.values()].map(rowEntry);
        if (sourceMatch === '' || entries.length === 1) {
          for (const entry of entries) zoneLines.push(withMatch(sourceMatch, entry));
          continue;
        }
        const name = this.namer([...z.name, 'from', ...s.name], `source\u0000${sourceChains.length}`);
        sourceChains.push({ kind: 'source', name, lines: entries });
        zoneLines.push({ match: sourceMatch, jump: name });
      }
      if (zoneMatch === '') {
        base.push(...zoneLines);
        continue;
      }
      zoneChains.push({ kind: 'zone', name: zoneName, lines: zoneLines });
      base.push({ match: zoneMatch, jump: zoneName });
    }
    return { base, chains: [...zoneChains, ...sourceChains, ...rowChains] };
  }
}

/** The rests in order, each once (a row usually has a handful: a scan beats a set). */
function distinct(rests: readonly string[]): readonly string[] {
  if (rests.length < 2) return rests;
  const out: string[] = [];
  for (const rest of rests) if (!out.includes(rest)) out.push(rest);
  return out;
}

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
  readonly name: readonly string[];
  /** Ids of the row's rests (see `ChainLayoutBuilder.restIds`), in first-seen order, each once. */
  readonly rests: number[];
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
 * the platform's chain names); row chains with the same rests are one chain, jumped to from every source.
 */
export class ChainLayoutBuilder {
  private readonly zones = new Map<string, ZoneSources>();
  /** Each distinct rest once, by id: rows compare by ids, and a rest's text is kept (and flattened) once. */
  private readonly restIds = new Map<string, number>();
  private readonly restTexts: string[] = [];
  private last?: { readonly zone: string; readonly source: string; readonly rowKey: string; readonly row: RowRests };
  /** `addParts`' parts, by number. */
  private readonly partIds = new Map<string, number>();

  constructor(private readonly namer: (parts: readonly string[], identity: string) => string) {}

  /** `row` is keyed by `rowKey` (the rule's label): rules of one row share a chain. */
  add(zone: Dispatch, source: Dispatch, rowKey: string, rowName: readonly string[], rest: string): void {
    let id = this.restIds.get(rest);
    if (id === undefined) {
      id = this.restTexts.length;
      this.restIds.set(rest, id);
      this.restTexts.push(rest);
    }
    this.addId(zone, source, rowKey, rowName, id);
  }

  /**
   * `add` with the rest given as its parts (joined by spaces, empty ones left out), for printers that reuse the
   * parts across rules: the rest is looked up part by part, each part a string already seen, and its text is
   * built once, not once per rule (80k rules of the 10k-term policy share 40k rests).
   */
  addParts(
    zone: Dispatch,
    source: Dispatch,
    rowKey: string,
    rowName: readonly string[],
    parts: readonly string[],
  ): void {
    // Each part by a small number, the rest by the numbers of its parts: no rest text is built or hashed twice.
    let key = '';
    for (const part of parts) {
      let n = this.partIds.get(part);
      if (n === undefined) {
        n = this.partIds.size;
        this.partIds.set(part, n);
      }
      key += `${n},`;
    }
    let id = this.restIds.get(key);
    if (id === undefined) {
      id = this.restTexts.length;
      this.restIds.set(key, id);
      this.restTexts.push(parts.filter((part) => part !== '').join(' '));
    }
    this.addId(zone, source, rowKey, rowName, id);
  }

  private addId(zone: Dispatch, source: Dispatch, rowKey: string, rowName: readonly string[], id: number): void {
    // A rule's lines come one after another: the row of the previous line, when it is the same, is found without
    // looking it up again.
    const last = this.last;
    let r: RowRests | undefined;
    if (last && last.zone === zone.match && last.source === source.match && last.rowKey === rowKey) r = last.row;
    else {
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
      r = s.rows.get(rowKey);
      if (!r) {
        r = { name: rowName, rests: [] };
        s.rows.set(rowKey, r);
      }
      this.last = { zone: zone.match, source: source.match, rowKey, row: r };
    }
    // A row holds a few rests: a scan is cheaper than a set per row.
    if (!r.rests.includes(id)) r.rests.push(id);
  }

  layout(): ChainLayout {
    const texts = this.restTexts;
    // A row's content is its rests: the same content under several sources (or zones) is one chain.
    const contentUses = new Map<string, number>();
    const contentOf = new Map<RowRests, string>();
    for (const z of this.zones.values())
      for (const s of z.sources.values())
        for (const r of s.rows.values()) {
          const content = r.rests.join(',');
          contentOf.set(r, content);
          contentUses.set(content, (contentUses.get(content) ?? 0) + 1);
        }
    const base: ChainLine[] = [];
    const zoneChains: LaidChain[] = [];
    const sourceChains: LaidChain[] = [];
    const rowChains: LaidChain[] = [];
    const rowChainNames = new Map<string, string>();
    /** What a source does for one row: its single rule inline, or a jump to the row's chain. */
    const rowEntry = (r: RowRests): ChainLine => {
      const content = contentOf.get(r) as string;
      if (r.rests.length === 1 && contentUses.get(content) === 1)
        return { match: '', rest: texts[r.rests[0] as number] as string };
      let name = rowChainNames.get(content);
      if (name === undefined) {
        name = this.namer(r.name, `row\u0000${content}`);
        rowChainNames.set(content, name);
        rowChains.push({ kind: 'row', name, lines: r.rests.map((id) => ({ match: '', rest: texts[id] as string })) });
      }
      return { match: '', jump: name };
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
        const name = this.namer([...z.name, 'from', ...s.name], `source\u0000${zoneMatch}\u0000${sourceMatch}`);
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

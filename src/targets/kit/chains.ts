import { append } from '../../util/append.js';

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

/** One line of a zone or source chain (or of the base chain): `match` then a jump or a rule's own `rest`. */
export type ChainLine =
  | { readonly match: string; readonly jump: string }
  | { readonly match: string; readonly rest: string };

export type LaidChain =
  /** One interface pair, or one source within it: jumps, and rows of a single rule inline. */
  | { readonly kind: 'zone' | 'source'; readonly name: string; readonly lines: readonly ChainLine[] }
  /**
   * One matrix row (maybe shared by several sources): its rests as one text, joined by the builder's `lineBreak`. A
   * printer writes it whole (nftables) or with one `replaceAll` (iptables), and a large layout holds one string per
   * row rather than an object per rule.
   */
  | { readonly kind: 'row'; readonly name: string; readonly rests: string };

/** The base chain's lines (after its own header rules), then every other chain: zones, sources, rows. */
export interface ChainLayout {
  readonly base: readonly ChainLine[];
  readonly chains: readonly LaidChain[];
  /**
   * The chains in order, each let go as the next is taken: a printer that writes each as it comes holds only the
   * file's text, not the layout beside it. The layout's `chains` are empty after.
   */
  take(): Generator<LaidChain>;
}

/** The rests of one (zone, source, row key). */
interface Row {
  readonly key: string;
  readonly name: readonly string[];
  readonly zone: string;
  readonly source: string;
  /** Rests added since the row was last closed, in order (`undefined`: none). */
  open: string[] | undefined;
  /** The row's distinct rests once closed, joined by the builder's `lineBreak`, and how many they are. */
  text: string;
  count: number;
  /** Set when laid out: the row (this one or a sibling of the same key and text) whose chain this one uses. */
  chain?: Row;
  shared?: boolean;
  chainName?: string;
}

interface SourceRows {
  readonly name: readonly string[];
  readonly rows: Row[];
}

interface ZoneSources {
  readonly name: readonly string[];
  readonly sources: Map<string, SourceRows>;
}

/**
 * Collects printed rules as (zone, source, row, rest) and lays them out, once. `namer` gives chain names (one
 * namespace: the platform's chain names); rows of one key (label) with the same rests are one chain, jumped to from
 * every source. Rests are only compared within a row key: their text ends with the row's comment, so rests of two
 * rows never coincide, and no table of every rest is kept. A row's rests are joined into one text as soon as the
 * next row starts: at 100k terms the rule texts then die young instead of living through the layout (bench/README.md,
 * "Generate speed and memory").
 */
export class ChainLayoutBuilder {
  private readonly zones = new Map<string, ZoneSources>();
  /** Every row by key, in first-seen order: the rows a shared chain may serve (one row alone is not wrapped). */
  private readonly byKey = new Map<string, Row | Row[]>();
  private last: Row | undefined;

  /**
   * `lineBreak` joins a row's rests: a printer whose row lines only need an indent (nftables: `'\n\t\t'`) gets its
   * text ready to write, rather than copying every row's text again to indent it. A rest never contains it.
   */
  constructor(
    private readonly namer: (parts: readonly string[], identity: string) => string,
    private readonly lineBreak = '\n',
  ) {}

  /** `row` is keyed by `rowKey` (the rule's label): rules of one row share a chain. */
  add(zone: Dispatch, source: Dispatch, rowKey: string, rowName: readonly string[], rest: string): void {
    // A rule's lines come one after another: the row of the previous line, when it is the same, is found without
    // looking it up again.
    let row = this.last;
    if (row === undefined || row.key !== rowKey || row.zone !== zone.match || row.source !== source.match) {
      if (row !== undefined) this.close(row);
      row = this.row(zone, source, rowKey, rowName);
      this.last = row;
    }
    if (row.open === undefined) row.open = [rest];
    else row.open.push(rest);
  }

  /** `add` with the rest given as its parts, joined by spaces, empty ones left out. */
  addParts(
    zone: Dispatch,
    source: Dispatch,
    rowKey: string,
    rowName: readonly string[],
    parts: readonly string[],
  ): void {
    // Joined, not concatenated: one string in one piece (a chain of partial strings per rule adds up at 100k terms).
    this.add(zone, source, rowKey, rowName, parts.filter((part) => part !== '').join(' '));
  }

  private row(zone: Dispatch, source: Dispatch, key: string, name: readonly string[]): Row {
    const siblings = this.byKey.get(key);
    if (siblings !== undefined) {
      for (const r of Array.isArray(siblings) ? siblings : [siblings])
        if (r.zone === zone.match && r.source === source.match) return r;
    }
    const row: Row = { key, name, zone: zone.match, source: source.match, open: undefined, text: '', count: 0 };
    if (siblings === undefined) this.byKey.set(key, row);
    else if (Array.isArray(siblings)) siblings.push(row);
    else this.byKey.set(key, [siblings, row]);
    let z = this.zones.get(zone.match);
    if (!z) {
      z = { name: zone.name, sources: new Map() };
      this.zones.set(zone.match, z);
    }
    let s = z.sources.get(source.match);
    if (!s) {
      s = { name: source.name, rows: [] };
      z.sources.set(source.match, s);
    }
    s.rows.push(row);
    return row;
  }

  /** The layout of everything added; the builder is spent after it (its rows are the layout's). */
  layout(): ChainLayout {
    if (this.last !== undefined) this.close(this.last);
    this.last = undefined;
    // Per row key, each distinct content once: rows with the same rests (several sources of one row) share it.
    for (const rows of this.byKey.values()) {
      if (!Array.isArray(rows)) continue;
      const byText = new Map<string, Row>();
      for (const r of rows) {
        const first = byText.get(r.text);
        if (first) {
          first.shared = true;
          r.chain = first;
        } else byText.set(r.text, r);
      }
    }
    this.byKey.clear();
    const base: ChainLine[] = [];
    const zoneChains: LaidChain[] = [];
    const sourceChains: LaidChain[] = [];
    const rowChains: LaidChain[] = [];
    /** What a source does for one row: its single rule inline, or a jump to the row's chain. */
    const rowEntry = (match: string, r: Row): ChainLine => {
      const c = r.chain ?? r;
      if (c.count === 1 && !c.shared) return { match, rest: c.text };
      if (c.chainName === undefined) {
        c.chainName = this.namer(c.name, `row\u0000${rowChains.length}`);
        rowChains.push({ kind: 'row', name: c.chainName, rests: c.text });
      }
      return { match, jump: c.chainName };
    };
    for (const [zoneMatch, z] of this.zones) {
      const zoneName = zoneMatch === '' ? '' : this.namer(z.name, `zone\u0000${zoneMatch}`);
      const zoneLines: ChainLine[] = [];
      for (const [sourceMatch, s] of z.sources) {
        if (sourceMatch === '' || s.rows.length === 1) {
          for (const r of s.rows) zoneLines.push(rowEntry(sourceMatch, r));
          continue;
        }
        const entries = s.rows.map((r) => rowEntry('', r));
        const name = this.namer([...z.name, 'from', ...s.name], `source\u0000${sourceChains.length}`);
        sourceChains.push({ kind: 'source', name, lines: entries });
        zoneLines.push({ match: sourceMatch, jump: name });
      }
      if (zoneMatch === '') {
        append(base, zoneLines);
        continue;
      }
      zoneChains.push({ kind: 'zone', name: zoneName, lines: zoneLines });
      base.push({ match: zoneMatch, jump: zoneName });
    }
    this.zones.clear();
    return laidOut(base, [...zoneChains, ...sourceChains, ...rowChains]);
  }

  /**
   * Folds a row's open rests into its text, each rest once, in first-seen order (a row usually has a handful: a scan
   * beats a set). The text is one flat string, the very string of a sibling with the same rests (the sources of one
   * matrix row): the rest strings it was joined from, and the copy, are garbage at once.
   */
  private close(row: Row): void {
    const open = row.open;
    if (open === undefined) return;
    row.open = undefined;
    const rests = row.count === 0 ? [] : row.text.split(this.lineBreak);
    for (const rest of open) if (!rests.includes(rest)) rests.push(rest);
    const text = rests.join(this.lineBreak);
    row.text = text;
    row.count = rests.length;
    const siblings = this.byKey.get(row.key);
    if (!Array.isArray(siblings)) return;
    for (const s of siblings) {
      if (s !== row && s.text === text) {
        row.text = s.text;
        return;
      }
    }
  }
}

function laidOut(base: readonly ChainLine[], chains: LaidChain[]): ChainLayout {
  return {
    base,
    chains,
    *take() {
      chains.reverse();
      for (let chain = chains.pop(); chain !== undefined; chain = chains.pop()) yield chain;
    },
  };
}

/**
 * A rule's row name (`[catalog, flow]`, what a row chain is named from), one array for consecutive rules of one
 * flow: the layout keeps the name of every row.
 */
export function rowNames(): (catalog: string, flow: string) => readonly string[] {
  let last: readonly string[] = [];
  return (catalog, flow) => {
    if (last[0] !== catalog || last[1] !== flow) last = [catalog, flow];
    return last;
  };
}

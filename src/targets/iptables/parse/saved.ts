import type { PortSet } from '../../../net/port-set.js';
import type { ConnState, FinalAction, Provenance, Rule } from '../../../ruleset/types.js';
import type { Table } from './vocab.js';

/** A chain of one table as the file leaves it (after every -A, -I, -D, -R, -F of its block). */
export interface SavedChain {
  readonly name: string;
  readonly builtin: boolean;
  policy?: FinalAction;
  policyProvenance?: Provenance;
  readonly rules: SavedRule[];
}

/** A rule and the target name as written (the verdict says jump/continue; the target says which extension). */
export interface SavedRule {
  readonly rule: Rule;
  readonly target?: string;
  /** What, besides the rule, makes two rules identical to iptables (`-D CHAIN rule`: `identityOf`). */
  readonly written: { readonly matches: readonly string[]; readonly goto?: boolean; readonly args?: readonly string[] };
  /** `-m multiport --ports` sets (source or destination port in each), which `rule` cannot hold: see `rulesOf`. */
  readonly either?: readonly PortSet[];
  /** `--ctstate` lists with DNAT (a listed state, or translated), which `rule` cannot hold either. */
  readonly statesOr?: readonly (readonly ConnState[])[];
  /** `--ctproto`: the connection's protocols, which `rule` holds only state by state (see `rulesOf`). */
  readonly connection?: { readonly protocols: PortSet; readonly texts: readonly string[] };
}

export interface SavedFile {
  readonly file: string;
  readonly family: 4 | 6;
  readonly tables: Map<Table, Map<string, SavedChain>>;
  /** Lines saying that rules exist that this file does not show (legacy tables, a table iptables-nft cannot print). */
  readonly hidden: Provenance[];
}

/** Names the ruleset reserves for the chains it adds (the forward path and the "cannot tell" outcome). */
export const UNKNOWN_CHAIN = '@unknown';
export const FORWARD_PATH = '@forward';

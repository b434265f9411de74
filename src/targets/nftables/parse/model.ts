/**
 * An nftables ruleset as `nft -j list ruleset` describes it (libnftables JSON schema), whatever it was read from:
 * the JSON itself, or the text of `nft list ruleset` translated into the same shapes. Expressions stay as the JSON
 * objects; `line` is where the object starts in the file.
 */
export type NftValue = unknown;

export interface NftChain {
  readonly family: string;
  readonly table: string;
  readonly name: string;
  readonly type?: string;
  readonly hook?: string;
  readonly prio?: number;
  readonly policy?: string;
  /** The devices of a netdev chain (`device eth0`, `devices = { … }`); absent when the listing does not say. */
  readonly devices?: readonly string[];
  readonly line: number;
  /** The column, where the line alone does not tell objects apart (`nft -j` writes one line). */
  readonly column?: number;
}

export interface NftSet {
  readonly family: string;
  readonly table: string;
  readonly name: string;
  /** `ipv4_addr`, `inet_service`, or a list for concatenations. */
  readonly type: string | readonly string[];
  readonly flags: readonly string[];
  readonly elem: readonly NftValue[];
  /** A map (`map`, `vmap`): elements are `[key, value]` pairs. */
  readonly map?: string;
  readonly line: number;
  readonly column?: number;
}

export interface NftRule {
  readonly family: string;
  readonly table: string;
  readonly chain: string;
  readonly expr: readonly Record<string, NftValue>[];
  readonly comment?: string;
  readonly handle?: number;
  readonly line: number;
  readonly column?: number;
  /** The rule as written, for reports. */
  readonly text: string;
}

export interface NftTable {
  readonly family: string;
  readonly name: string;
  /** `flags dormant`: the table's chains see no packet. */
  readonly dormant?: boolean;
}

export interface NftDocument {
  readonly file: string;
  readonly chains: readonly NftChain[];
  readonly sets: readonly NftSet[];
  readonly rules: readonly NftRule[];
  /** `define NAME = value` of the text form (already substituted). */
  readonly tables: readonly NftTable[];
}

export const chainId = (family: string, table: string, chain: string): string => `${family} ${table} ${chain}`;
export const setId = (family: string, table: string, set: string): string => `${family} ${table} @${set}`;

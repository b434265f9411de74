import type { Text } from '../../model/text.js';
import type { DeltaCounts } from '../../targets/kit/delta.js';

/**
 * The change of one firewall's generated rules from OLD to NEW, as commands of its platform, and the reverse.
 * Every delta is ordered in two phases: first what only narrows (rules of OLD absent from NEW removed, addresses
 * taken out of shared objects), then what only widens (objects, addresses and rules of NEW added). After the first
 * phase the device lets through no more than OLD did (only OLD's remaining rules, each no wider than before); every
 * step of the second only adds NEW's rules and objects to rules that are all NEW's, so it never lets through more
 * than NEW. No intermediate state opens what neither version allows.
 */
export interface RuleDelta {
  readonly firewall: string;
  readonly platform: string;
  /** File name (no folder) and content of the commands that take OLD to NEW. */
  readonly apply: { readonly path: string; readonly content: string };
  readonly rollback: { readonly path: string; readonly content: string };
  readonly counts: DeltaCounts;
  /** Said in the document: what the delta cannot do itself (a full reload, a rule order to check). */
  readonly notes: readonly Text[];
}

export type { DeltaCounts, DeltaText } from '../../targets/kit/delta.js';
export { NO_COUNTS } from '../../targets/kit/delta.js';

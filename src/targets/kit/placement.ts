import type { z } from 'zod';
import { type Issue, issue } from '../../model/issues.js';
import { type Text, text } from '../../model/text.js';
import { safeText } from './escape.js';
import type { modeOption, placementOption } from './options.js';

/**
 * Beside the existing rules (`mode: coexist`) and where ours go (`placement`): the options the vendor targets share,
 * as their schemas parse them (kit/options.ts). A placement's neighbour is checked here, against the platform's names.
 */
export type Mode = z.output<typeof modeOption>;
export type Placement = { readonly at: 'top' | 'bottom' } | { readonly at: 'before' | 'after'; readonly rule: string };

/** Name parts our objects and rules start with in coexist mode: a reload deletes those, and only those. */
export const COEXIST_PREFIX = 'fm';

export interface CoexistOptions {
  readonly mode?: Mode;
  /** `top`, `bottom`, `before:<rule>` or `after:<rule>`. */
  readonly placement?: z.output<typeof placementOption>;
}

export interface CoexistChoice {
  readonly coexist: boolean;
  readonly placement?: Placement;
}

/**
 * `mode` and `placement` read; `ruleOk` says whether a neighbour rule name is valid on the platform, `ruleHint` (in
 * both languages) how to write one.
 */
export function coexistChoice(
  firewall: string,
  options: CoexistOptions,
  ruleOk: (name: string) => boolean,
  ruleHint: Text,
): { choice?: CoexistChoice; issues: Issue[] } {
  const issues: Issue[] = [];
  const where = (key: string) => ['firewalls', firewall, 'options', key];
  const { mode, placement } = options;
  let parsed: Placement | undefined;
  if (placement !== undefined) {
    const written = String(placement);
    const m = /^(before|after):(.+)$/.exec(written);
    if (written === 'top' || written === 'bottom') parsed = { at: written };
    else if (m && ruleOk(m[2] as string)) parsed = { at: m[1] as 'before' | 'after', rule: m[2] as string };
    else
      issues.push(
        issue(
          'invalid-value',
          where('placement'),
          text(
            `placement "${safeText(written, 60)}" ne vaut ni top, ni bottom, ni before:<règle>, ni after:<règle>`,
            `placement "${safeText(written, 60)}" is not top, bottom, before:<rule> or after:<rule>`,
          ),
          m ? ruleHint : text('par ex. placement: before:deny-all', 'e.g. placement: before:deny-all'),
        ),
      );
  }
  if (issues.length > 0) return { issues };
  return { choice: { coexist: mode === 'coexist', ...(parsed ? { placement: parsed } : {}) }, issues };
}

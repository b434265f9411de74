import { type Issue, issue } from '../../model/issues.js';
import { safeText } from './escape.js';

/**
 * Beside the existing rules (`mode: coexist`) and where ours go (`placement`): the options the vendor targets share.
 * Checked here so a mode or placement we do not know is an error, never the default in disguise.
 */
export type Mode = 'replace' | 'coexist';
export type Placement = { readonly at: 'top' | 'bottom' } | { readonly at: 'before' | 'after'; readonly rule: string };

/** Name parts our objects and rules start with in coexist mode: a reload deletes those, and only those. */
export const COEXIST_PREFIX = 'fm';

export interface CoexistOptions {
  readonly mode: Mode;
  /** `top`, `bottom`, `before:<rule>` or `after:<rule>`. */
  readonly placement: string;
}

export interface CoexistChoice {
  readonly coexist: boolean;
  readonly placement?: Placement;
}

/** `mode` and `placement` read and checked; `ruleOk` says whether a neighbour rule name is valid on the platform. */
export function coexistChoice(
  firewall: string,
  options: Partial<CoexistOptions>,
  ruleOk: (name: string) => boolean,
  ruleHint: string,
): { choice?: CoexistChoice; issues: Issue[] } {
  const issues: Issue[] = [];
  const where = (key: string) => ['firewalls', firewall, 'options', key];
  const { mode, placement } = options;
  if (mode !== undefined && mode !== 'replace' && mode !== 'coexist')
    issues.push(
      issue('invalid-value', where('mode'), `unknown mode "${safeText(String(mode), 40)}"`, 'use replace or coexist'),
    );
  let parsed: Placement | undefined;
  if (placement !== undefined) {
    const text = String(placement);
    const m = /^(before|after):(.+)$/.exec(text);
    if (text === 'top' || text === 'bottom') parsed = { at: text };
    else if (m && ruleOk(m[2] as string)) parsed = { at: m[1] as 'before' | 'after', rule: m[2] as string };
    else
      issues.push(
        issue(
          'invalid-value',
          where('placement'),
          `placement "${safeText(text, 60)}" is not top, bottom, before:<rule> or after:<rule>`,
          m ? ruleHint : 'e.g. placement: before:deny-all',
        ),
      );
  }
  if (issues.length > 0) return { issues };
  return { choice: { coexist: mode === 'coexist', ...(parsed ? { placement: parsed } : {}) }, issues };
}

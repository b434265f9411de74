import { type Issue, issue } from '../../model/issues.js';
import { stripAccents } from './names.js';
import type { FirewallRule } from './rules.js';

/**
 * Text placed inside a quoted comment or string of a generated config. Everything outside a conservative
 * whitelist becomes a space, so quotes, newlines, `;`, `#`, braces, backslashes and `$()` can never end the
 * string, start a new statement or be expanded by a shell: the config means the same whatever the names say.
 */
const SAFE_CHAR = /[A-Za-z0-9 _.,:/@+=()[\]<>*-]/;

/** Text made only of safe characters, which needs no per-character pass (the usual comment). */
const ALL_SAFE = /^[A-Za-z0-9 _.,:/@+=()[\]<>*-]*$/;

export function safeText(text: string, maxLength = 256): string {
  const ascii = ALL_SAFE.test(text) ? text : [...stripAccents(text)].map((c) => (SAFE_CHAR.test(c) ? c : ' ')).join('');
  // `$(` is harmless once `$` is gone; collapse the spaces the replacement left.
  return ascii.replace(/ {2,}/g, ' ').trim().slice(0, maxLength).trimEnd();
}

/** `"text"` with the text made safe; empty text gives `""`. */
export const quoted = (text: string, maxLength = 256): string => `"${safeText(text, maxLength)}"`;

/** A DNS name or `*.name` safe to place in any config: letters, digits, `-`, dots; no empty label. */
export const isHostPattern = (value: string): boolean =>
  value.length <= 253 &&
  /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(value);

/** A Linux interface name (`ip link`): 1–15 chars, no `/`, no whitespace, not `.` or `..`. `*` is the nft wildcard. */
export const isLinuxInterfaceName = (name: string): boolean =>
  /^[A-Za-z0-9_.@+*-]{1,15}$/.test(name) && name !== '.' && name !== '..';

/**
 * The rule's ingress and egress interfaces (`iifname`/`-i`, `oifname`/`-o`) that `valid` accepts. Any other name is
 * an issue and is left out of the result, so it never reaches the config.
 */
export function linuxInterfaces(
  rule: Pick<FirewallRule, 'fromInterface' | 'toInterface'>,
  firewall: string,
  issues: Issue[],
  valid: (name: string) => boolean = isLinuxInterfaceName,
): { readonly from?: string; readonly to?: string } {
  const checked = (name: string | undefined): string | undefined => {
    if (name === undefined || valid(name)) return name;
    issues.push(
      issue(
        'invalid-value',
        ['firewalls', firewall, 'interfaces'],
        `interface name "${safeText(name, 40)}" is not a valid Linux interface name`,
        'use 1 to 15 characters among letters, digits, "_", ".", "-"',
      ),
    );
    return undefined;
  };
  const from = checked(rule.fromInterface);
  const to = checked(rule.toInterface);
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

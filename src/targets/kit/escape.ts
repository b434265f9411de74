import { type Issue, issue } from '../../model/issues.js';
import { text } from '../../model/text.js';
import type { AllowRule } from '../../ruleset/firewall.js';
import { stripAccents } from './names.js';

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

/**
 * A site's interface name for Linux targets: a Linux name (`ip link`: 1–15 characters, no `/`, no whitespace, not
 * `.` or `..`), or such a name followed by `*` for every interface whose name starts with it (`eth*`, `vlan1*`).
 * One meaning on every target: nftables writes the wildcard `eth*`, iptables `eth+`. A trailing `+` is refused —
 * iptables reads it as a wildcard and nftables as a literal, so the site would mean two different things.
 */
export interface InterfacePattern {
  readonly name: string;
  readonly prefix: boolean;
}

const LINUX_INTERFACE = /^([A-Za-z0-9_.@+-]{0,14}[A-Za-z0-9_.@-])(\*)?$/;

export function parseInterfacePattern(text: string): InterfacePattern | undefined {
  const m = LINUX_INTERFACE.exec(text);
  if (!m || m[1] === '.' || m[1] === '..') return undefined;
  return { name: m[1] as string, prefix: m[2] !== undefined };
}

/**
 * The rule's ingress and egress interfaces (`iifname`/`-i`, `oifname`/`-o`), written by `write` (the target's
 * wildcard). Any name that is not a valid pattern is an issue and is left out of the result, so it never reaches
 * the config.
 */
function linuxInterfaces(
  rule: Pick<AllowRule, 'fromInterface' | 'toInterface' | 'fromZone' | 'toZone'>,
  firewall: string,
  issues: Issue[],
  write: (pattern: InterfacePattern) => string,
): { readonly from?: string; readonly to?: string } {
  const checked = (name: string | undefined, zone: string): string | undefined => {
    if (name === undefined) return undefined;
    const pattern = parseInterfacePattern(name);
    if (pattern) return write(pattern);
    issues.push(
      issue(
        'invalid-value',
        ['firewalls', firewall, 'interfaces', zone],
        text(
          `le nom d’interface "${safeText(name, 40)}" n’est ni un nom ni un préfixe d’interface Linux valide`,
          `interface name "${safeText(name, 40)}" is not a valid Linux interface name or prefix`,
        ),
        name.endsWith('+')
          ? text(
              `écrivez "${safeText(name.slice(0, -1), 40)}*" pour toutes les interfaces dont le nom commence par "${safeText(name.slice(0, -1), 40)}" ("+" est un joker pour iptables mais un caractère ordinaire pour nftables)`,
              `write "${safeText(name.slice(0, -1), 40)}*" for every interface whose name starts with "${safeText(name.slice(0, -1), 40)}" ("+" means a wildcard to iptables but a plain character to nftables)`,
            )
          : text(
              'utilisez de 1 à 15 caractères parmi lettres, chiffres, "_", ".", "-", "@", suivis éventuellement de "*" (toutes les interfaces dont le nom commence ainsi)',
              'use 1 to 15 characters among letters, digits, "_", ".", "-", "@", optionally followed by "*" (every interface whose name starts so)',
            ),
      ),
    );
    return undefined;
  };
  // One side named and the other not would match that side's interface only: wider than the site meant.
  const lacking =
    rule.fromInterface === undefined && rule.toInterface !== undefined
      ? rule.fromZone
      : rule.toInterface === undefined && rule.fromInterface !== undefined
        ? rule.toZone
        : undefined;
  if (lacking !== undefined) {
    issues.push(
      issue(
        'invalid-value',
        ['firewalls', firewall, 'interfaces'],
        text(
          `le pare-feu "${safeText(firewall, 40)}" ne nomme aucune interface pour la zone "${safeText(lacking, 40)}" : ses règles accepteraient donc n’importe quelle interface de ce côté`,
          `firewall "${safeText(firewall, 40)}" names no interface for zone "${safeText(lacking, 40)}", so its rules would match any interface on that side`,
        ),
        text(
          `ajoutez "${safeText(lacking, 40)}: <interface>" sous les interfaces du pare-feu (un pare-feu qui nomme des interfaces en nomme une pour chaque zone qu’il sépare)`,
          `add "${safeText(lacking, 40)}: <interface>" under the firewall's interfaces (a firewall that names interfaces names one for every zone it separates)`,
        ),
      ),
    );
  }
  const from = checked(rule.fromInterface, rule.fromZone);
  const to = checked(rule.toInterface, rule.toZone);
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/**
 * A rule's interface match in a target's words (`iifname "eth1" oifname "eth2"`, `-i eth1 -o eth2`), written once
 * per (ingress, egress) pair: every rule between the same two zones repeats it. A pair with an invalid name is not
 * kept, so its issue is reported for every rule that uses it.
 */
export function interfaceMatcher(
  firewall: string,
  write: (pattern: InterfacePattern) => string,
  match: (names: { readonly from?: string; readonly to?: string }) => string,
): (rule: Pick<AllowRule, 'fromInterface' | 'toInterface' | 'fromZone' | 'toZone'>, issues: Issue[]) => string {
  // By ingress then egress name, `undefined` included (a text key would confuse an absent name with "").
  const valid = new Map<string | undefined, Map<string | undefined, string>>();
  return (rule, issues) => {
    let byEgress = valid.get(rule.fromInterface);
    if (!byEgress) {
      byEgress = new Map();
      valid.set(rule.fromInterface, byEgress);
    }
    let text = byEgress.get(rule.toInterface);
    if (text === undefined) {
      const before = issues.length;
      text = match(linuxInterfaces(rule, firewall, issues, write));
      if (issues.length === before) byEgress.set(rule.toInterface, text);
    }
    return text;
  };
}

import { fail, type Issue, ok, type Result } from '../../../model/issues.js';
import { withoutByteOrderMark } from '../../../ruleset/config-file.js';
import type { Ruleset } from '../../../ruleset/types.js';
import { assemble } from './assemble.js';
import { readSaveFile, type SavedFile } from './file.js';
import { type IpSet, parseIpsetSave } from './ipset.js';

export { chainName } from './assemble.js';
export { FORWARD_PATH, UNKNOWN_CHAIN } from './file.js';

/** One file given to the reader: an iptables-save, ip6tables-save or `ipset save` output. */
export interface IptablesSource {
  readonly file: string;
  readonly text: string;
  /** Detected from the text when absent (`detectIptablesKind`). */
  readonly kind?: IptablesKind;
}

export type IptablesKind = 'iptables' | 'ip6tables' | 'ipset';

export interface IptablesConfig {
  /**
   * Entry and stages: the hook chains a forwarded packet walks (raw and mangle PREROUTING, mangle FORWARD, filter
   * FORWARD, security FORWARD, mangle POSTROUTING; those that can change its fate), nat PREROUTING as the NAT stage;
   * INPUT and OUTPUT by name; other tables' chains as `nat/PREROUTING`, `mangle/FORWARD`…
   */
  readonly ruleset: Ruleset;
  /** Rules the file leaves in its tables (after any -I, -D, -R, -F of a restore file), per file. */
  readonly rules: Readonly<Record<string, number>>;
  /** User chains declared, as `table/CHAIN` (filter's too), per file. */
  readonly userChains: Readonly<Record<string, readonly string[]>>;
}

/**
 * Reads what a Linux firewall holds (iptables-save, ip6tables-save, ipset save) into one ruleset for the
 * forwarding path. What the model does not interpret is kept on each rule as `opaque` with the reason; a broken
 * file gives every error at once, nothing half-read.
 */
export function parseIptables(given: readonly IptablesSource[]): Result<IptablesConfig> {
  const sources = given.map((s) => ({ ...s, text: withoutByteOrderMark(s.text) }));
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const sets = new Map<string, IpSet>();
  const kinds = sources.map((s) => s.kind ?? detectIptablesKind(s.text, s.file));
  sources.forEach((s, i) => {
    if (kinds[i] !== 'ipset') return;
    const r = parseIpsetSave(s.file, s.text);
    issues.push(...r.issues);
    for (const [name, set] of r.sets) sets.set(name, set);
  });
  changedByRules(sources, kinds, sets);
  const files: SavedFile[] = [];
  const seen = new Map<4 | 6, string>();
  sources.forEach((s, i) => {
    const kind = kinds[i];
    if (kind === 'ipset') return;
    const family = kind === 'ip6tables' ? 6 : 4;
    const other = seen.get(family);
    if (other !== undefined) {
      issues.push({
        code: 'invalid-value',
        severity: 'error',
        file: s.file,
        path: [],
        message: `a second ${kind}-save file (the first is ${other})`,
        hint: 'give one iptables-save and one ip6tables-save file',
      });
      return;
    }
    seen.set(family, s.file);
    const r = readSaveFile(s.file, s.text, family, sets.size > 0 ? sets : undefined);
    issues.push(...r.issues);
    warnings.push(...r.warnings);
    files.push(r.saved);
  });
  if (issues.length > 0) return fail(issues);
  const rules: Record<string, number> = {};
  const userChains: Record<string, string[]> = {};
  for (const f of files) {
    let n = 0;
    const users: string[] = [];
    for (const [table, chains] of f.tables) {
      for (const c of chains.values()) {
        n += c.rules.length;
        if (!c.builtin) users.push(`${table}/${c.name}`);
      }
    }
    rules[f.file] = n;
    userChains[f.file] = users;
  }
  return ok({ ruleset: assemble(files, sets), rules, userChains }, warnings);
}

/**
 * Sets a rule changes (`-j SET --add-set NAME`, `--del-set`): what they hold when a packet comes depends on the
 * packets before it, so each is read as not modelled (the saved contents still bound a set rules only delete from).
 */
function changedByRules(
  sources: readonly IptablesSource[],
  kinds: readonly IptablesKind[],
  sets: Map<string, IpSet>,
): void {
  sources.forEach((s, i) => {
    if (kinds[i] === 'ipset') return;
    const lines = s.text.split('\n');
    lines.forEach((line, n) => {
      for (const m of line.matchAll(/(?:^|\s)--(add|del)-set\s+"?([^\s"]+)"?/g)) {
        const set = sets.get(m[2] as string);
        const adds = m[1] === 'add';
        const told = set?.notModelled?.includes(adds ? ' added to by -j SET ' : ' by -j SET ');
        if (!set || told) continue;
        // Deleting only shrinks the set: the saved contents still bound what it matches.
        sets.set(set.name, {
          ...set,
          addressBound: set.addressBound && !adds,
          notModelled: `ipset ${set.name} is ${adds ? 'added to' : 'deleted from'} by -j SET (${s.file} line ${n + 1}): what it holds depends on earlier packets`,
        });
      }
    });
  });
}

/**
 * Which file this is: `ipset save` output starts with `create`; an ip6tables-save header names itself; else the
 * file name (`*.ip6tables`, `*.v6`), ICMPv6 or an IPv6 address after -s/-d tells. IPv4 when nothing does.
 */
export function detectIptablesKind(text: string, file = ''): IptablesKind {
  const head = withoutByteOrderMark(text).slice(0, 4096);
  if (/^(create|add) \S+ /m.test(head) && !/^\*/m.test(head)) return 'ipset';
  // iptables 1.8 names itself ip6tables-nft-save or ip6tables-legacy-save in the header.
  if (/ip6tables(-nft|-legacy)?-save/.test(head) || /ip6tables|\.v6$/.test(file)) return 'ip6tables';
  if (/ -p (ipv6-icmp|icmpv6|58) /.test(text)) return 'ip6tables';
  // A rule with an IPv6 address, added by -A (or -I, -R, -D, -C in a hand-written restore file).
  const added = /^(-[AIRDC]|--(append|insert|replace|delete|check)) .* -[sd] !? ?[0-9a-fA-F]*:[0-9a-fA-F:]*[/ ]/m;
  if (added.test(text)) return 'ip6tables';
  return 'iptables';
}

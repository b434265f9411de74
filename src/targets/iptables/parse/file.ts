import { closest, type Issue } from '../../../model/issues.js';
import type { CidrSet } from '../../../net/cidr-set.js';
import type { PortSet } from '../../../net/port-set.js';
import type { Provenance } from '../../../ruleset/types.js';
import { createChain, runCommand } from './commands.js';
import type { IpSet } from './ipset.js';
import { issueAt } from './issues.js';
import type { RuleEnvironment } from './rule.js';
import type { SavedChain, SavedFile } from './saved.js';
import { readSavedRule } from './saved-rule.js';
import type { Problem } from './values.js';
import { BUILTIN_CHAINS, TABLES, type Table } from './vocab.js';
import { isFamilyMarker, splitWords } from './words.js';

export { FORWARD_PATH, type SavedChain, type SavedFile, type SavedRule, UNKNOWN_CHAIN } from './saved.js';

/**
 * Reads one iptables-save or ip6tables-save file, or an iptables-restore input: `*table`, `:CHAIN POLICY [counters]`,
 * the commands (`-A CHAIN …`, and `-I`, `-D`, `-R`, `-C`, `-P`, `-F`, `-N`, `-X`, `-Z`: commands.ts), `COMMIT`,
 * comments. Tolerates what real dumps hold (trailing spaces, counters, the old `-s ! ADDR` negation, dotted masks);
 * refuses what iptables-restore refuses, every error at once.
 */
export function readSaveFile(
  file: string,
  text: string,
  family: 4 | 6,
  sets: ReadonlyMap<string, IpSet> | undefined,
): { saved: SavedFile; issues: Issue[]; warnings: Issue[] } {
  const issues: Issue[] = [];
  const warnings = new WarningList();
  const tables = new Map<Table, Map<string, SavedChain>>();
  const hidden: Provenance[] = [];
  const addresses = new Map<string, CidrSet | Problem>();
  const cache = new Map<string, PortSet | Problem>();
  const env = (where: (col: number) => { file: string; line: number; col: number }): RuleEnvironment => ({
    family,
    sets,
    addresses,
    cache,
    warn: (col, message, hint) => warnings.add(issueAt(where(col), message, hint, { severity: 'warning' })),
  });
  let table: Table | undefined;
  let chains: Map<string, SavedChain> | undefined;
  let tableLine = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] as string;
    const line = raw.trimEnd();
    const where = (col: number) => ({ file, line: n + 1, col });
    const fail = (col: number, message: string, hint?: string) => issues.push(issueAt(where(col), message, hint));
    const first = line.search(/\S/);
    if (first < 0) continue;
    const c = line[first];
    if (c === '#') {
      if (/iptables-legacy tables present|is incompatible, use 'nft' tool/.test(line)) {
        hidden.push({ file, line: n + 1, text: line.trim() });
        warnings.add(
          issueAt(where(first + 1), line.slice(first + 1).trim(), 'the rules it names are not in this file', {
            severity: 'warning',
          }),
        );
      }
      continue;
    }
    if (c === '*') {
      if (table) fail(first + 1, `table ${table} (line ${tableLine}) has no COMMIT before this table`, 'add COMMIT');
      const name = line.slice(first + 1).trim();
      if (!(TABLES as readonly string[]).includes(name)) {
        const near = closest(name, TABLES);
        fail(first + 2, `unknown table "${name}"`, near ? `did you mean "${near}"?` : `one of ${TABLES.join(', ')}`);
        table = undefined;
        chains = new Map();
        continue;
      }
      table = name as Table;
      tableLine = n + 1;
      if (tables.has(table)) fail(first + 1, `table ${table} appears twice`, 'merge the two sections');
      chains = new Map(BUILTIN_CHAINS[table].map((b) => [b, { name: b, builtin: true, rules: [] }]));
      tables.set(table, chains);
      continue;
    }
    if (!chains) {
      fail(first + 1, 'a line outside any table', 'start the table with *filter (or *nat, *mangle, *raw)');
      continue;
    }
    if (line.trim() === 'COMMIT') {
      table = undefined;
      chains = undefined;
      continue;
    }
    if (c === ':') {
      declareChain(line.slice(first + 1), first + 2, table, chains, where, fail);
      continue;
    }
    const split = splitWords(line);
    if ('unterminated' in split) {
      fail(split.unterminated, 'unterminated quote', 'close the quote with "');
      continue;
    }
    let words = split.words;
    if (/^\[\d+:\d+\]$/.test(words[0]?.text ?? '')) words = words.slice(1); // iptables-save -c
    // `-4 -A CHAIN …`: a line for one family only; iptables-restore skips the other family's.
    const marker = isFamilyMarker(words[0]) ? words[0] : undefined;
    if (marker) {
      words = words.slice(1);
      if (!words[0]) fail(marker.col, `${marker.text} needs a command after it`, 'write -4 -A CHAIN …');
      if (!words[0] || /^(-4|--ipv4)$/.test(marker.text) !== (family === 4)) continue;
    }
    const command = words[0];
    if (!command) continue;
    const provenance: Provenance = { file, line: n + 1, text: line.trim() };
    const done = runCommand(words, {
      table: table as Table,
      chains,
      provenance,
      fail,
      rule: (from) => {
        const r = readSavedRule(words, from, env(where), chains as Map<string, SavedChain>, table as Table, provenance);
        if (r && 'message' in r) return void fail(r.col, r.message, r.hint);
        return r;
      },
    });
    if (!done)
      fail(
        command.col,
        `unexpected "${command.text}"`,
        'iptables-restore lines are *table, :CHAIN, COMMIT and the commands -A, -I, -D, -R, -C, -P, -F, -N, -X, -Z',
      );
  }
  if (table)
    issues.push(issueAt({ file, line: tableLine, col: 1 }, `table ${table} has no COMMIT`, 'end it with COMMIT'));
  if (tables.size === 0 && issues.length === 0) {
    warnings.add(
      issueAt(
        { file, line: 1, col: 1 },
        'no table in this file: nothing filters, every packet passes',
        'was iptables-save run as root, on the firewall?',
        { severity: 'warning' },
      ),
    );
  }
  return { saved: { file, family, tables, hidden }, issues, warnings: warnings.list() };
}

function declareChain(
  rest: string,
  col: number,
  table: Table | undefined,
  chains: Map<string, SavedChain>,
  where: (col: number) => { file: string; line: number; col: number },
  fail: (col: number, message: string, hint?: string) => void,
): void {
  const [name = '', policy = '-'] = rest.trim().split(/\s+/);
  const existing = chains.get(name);
  if (existing?.builtin) {
    if (policy !== 'ACCEPT' && policy !== 'DROP') {
      fail(col + rest.indexOf(policy), `a built-in chain's policy is ACCEPT or DROP, not "${policy}"`);
      return;
    }
    existing.policy = policy === 'ACCEPT' ? 'accept' : 'drop';
    const w = where(col - 1);
    existing.policyProvenance = { file: w.file, line: w.line, text: `:${rest.trim()}` };
    return;
  }
  if (policy !== '-' && !existing) {
    fail(col + rest.indexOf(policy), `${name} is not a built-in chain of table ${table}, so its policy is "-"`);
    return;
  }
  createChain(name, col, chains, fail);
}

/** Warnings with the same message are reported once, with the count of the others. */
class WarningList {
  private readonly byMessage = new Map<string, { issue: Issue; more: number }>();
  add(issue: Issue): void {
    const seen = this.byMessage.get(issue.message);
    if (seen) seen.more++;
    else this.byMessage.set(issue.message, { issue, more: 0 });
  }
  list(): Issue[] {
    return [...this.byMessage.values()].map(({ issue, more }) =>
      more === 0 ? issue : { ...issue, message: `${issue.message} (and ${more} more line${more === 1 ? '' : 's'})` },
    );
  }
}

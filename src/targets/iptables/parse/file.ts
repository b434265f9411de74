import { closest, type Issue } from '../../../model/issues.js';
import type { CidrSet } from '../../../net/cidr-set.js';
import type { PortSet } from '../../../net/port-set.js';
import { type FinalAction, makeRule, type Provenance, type Rule, type Verdict } from '../../../ruleset/types.js';
import type { IpSet } from './ipset.js';
import { issueAt } from './issues.js';
import { natOf } from './nat.js';
import { type LocatedProblem, type RuleReading, readRule } from './rule.js';
import type { Problem } from './values.js';
import { BUILTIN_CHAINS, CONTINUE_TARGETS, TABLES, type Table, UNKNOWN_VERDICT_TARGETS } from './vocab.js';
import { isFamilyMarker, splitWords, type Word } from './words.js';

/** A chain of one table as the file declares it. */
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

/**
 * Reads one iptables-save or ip6tables-save file: `*table`, `:CHAIN POLICY [counters]`, `-A CHAIN …`, `COMMIT`,
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
    // `-4 -A CHAIN …`: the family marker read with the rule's options, after the chain.
    if (isFamilyMarker(words[0]) && words.length >= 3)
      words = [...words.slice(1, 3), words[0] as Word, ...words.slice(3)];
    const command = words[0];
    if (!command) continue;
    if (command.text === '-N' || command.text === '--new-chain') {
      const name = words[1];
      if (!name) fail(command.col, '-N needs a chain name');
      else if (chains.has(name.text)) fail(name.col, `chain ${name.text} is declared twice`);
      else chains.set(name.text, { name: name.text, builtin: false, rules: [] });
      continue;
    }
    if (command.text !== '-A' && command.text !== '--append') {
      fail(command.col, `unexpected "${command.text}"`, 'iptables-save lines are *table, :CHAIN, -A CHAIN …, COMMIT');
      continue;
    }
    const chainWord = words[1];
    const chain = chainWord ? chains.get(chainWord.text) : undefined;
    if (!chainWord || !chain) {
      const name = chainWord?.text ?? '';
      const near = closest(name, chains.keys());
      fail(
        chainWord?.col ?? command.col,
        `chain "${name}" is not declared in table ${table}`,
        near ? `did you mean "${near}"?` : `declare it with :${name} - [0:0] after *${table}`,
      );
      continue;
    }
    const reading = readRule(words, 2, {
      family,
      sets,
      addresses,
      cache,
      warn: (col, message, hint) => warnings.add(issueAt(where(col), message, hint, { severity: 'warning' })),
    });
    if ('message' in reading) {
      fail(reading.col, reading.message, reading.hint);
      continue;
    }
    if (reading.otherFamily) continue;
    const provenance: Provenance = { file, line: n + 1, text: line.trim() };
    const verdict = verdictOf(reading, chains, table as Table);
    if ('message' in verdict) {
      fail(verdict.col, verdict.message, verdict.hint);
      continue;
    }
    if (verdict.unknownTarget) {
      warnings.add(
        issueAt(
          where(verdict.unknownTarget),
          `target ${reading.target?.name} is not modelled: the packets it takes are read as "cannot tell"`,
          undefined,
          { severity: 'warning' },
        ),
      );
    }
    let rule = buildRule(reading, verdict.verdict, provenance);
    const nat = table === 'nat' && reading.target ? natOf(reading.target, family) : undefined;
    if (nat && 'message' in nat) {
      fail(reading.target?.col ?? 1, nat.message, nat.hint);
      continue;
    }
    if (nat)
      rule = {
        ...rule,
        translate: nat.translate,
        ...(nat.opaque ? { opaque: [...(rule.opaque ?? []), nat.opaque] } : {}),
      };
    chain.rules.push({
      rule,
      ...(reading.target ? { target: reading.target.name } : {}),
    });
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
  if (existing) {
    fail(col, `chain ${name} is declared twice`);
    return;
  }
  if (policy !== '-') {
    fail(col + rest.indexOf(policy), `${name} is not a built-in chain of table ${table}, so its policy is "-"`);
    return;
  }
  if (name.length > 28) fail(col, `chain name "${name}" is longer than 28 characters`);
  if (name === UNKNOWN_CHAIN || name === FORWARD_PATH) {
    fail(col, `chain name "${name}" is reserved by this reading`, 'rename the chain');
    return;
  }
  chains.set(name, { name, builtin: false, rules: [] });
}

/** The verdict a target gives: a decision, a jump to a declared chain, `continue`, or "cannot tell". */
function verdictOf(
  reading: RuleReading,
  chains: Map<string, SavedChain>,
  table: Table,
): { verdict: Verdict; unknownTarget?: number } | LocatedProblem {
  const t = reading.target;
  if (!t) return { verdict: { kind: 'continue' } }; // a counter: matches, decides nothing
  const chain = chains.get(t.name);
  if (chain) {
    if (chain.builtin) return { message: `cannot jump to the built-in chain ${t.name}`, col: t.col };
    return { verdict: t.goto ? { kind: 'goto', chain: t.name } : { kind: 'jump', chain: t.name } };
  }
  if (t.goto) return { message: `-g needs a chain of table ${table}; "${t.name}" is not declared`, col: t.col };
  switch (t.name) {
    case 'ACCEPT':
      return { verdict: { kind: 'accept' } };
    case 'DROP':
      return { verdict: { kind: 'drop' } };
    case 'REJECT':
      return { verdict: { kind: 'reject' } };
    case 'RETURN':
      return { verdict: { kind: 'return' } };
  }
  // NAT targets end the nat table's walk for this packet (the filter table comes after, on its own).
  if (table === 'nat' && /^(DNAT|SNAT|MASQUERADE|REDIRECT|NETMAP)$/.test(t.name))
    return { verdict: { kind: 'accept' } };
  if (CONTINUE_TARGETS.has(t.name)) return { verdict: { kind: 'continue' } };
  if (UNKNOWN_VERDICT_TARGETS.has(t.name)) return { verdict: { kind: 'jump', chain: UNKNOWN_CHAIN } };
  // An extension target this reading does not know (they are written in capitals, chains need a declaration).
  if (/^[A-Z][A-Z0-9_]*$/.test(t.name))
    return { verdict: { kind: 'jump', chain: UNKNOWN_CHAIN }, unknownTarget: t.col };
  const near = closest(t.name, chains.keys());
  return {
    message: `"${t.name}" is neither a declared chain of table ${table} nor a target`,
    hint: near ? `did you mean "${near}"?` : `declare it with :${t.name} - [0:0] after *${table}`,
    col: t.col,
  };
}

function buildRule(reading: RuleReading, verdict: Verdict, provenance: Provenance): Rule {
  const d = reading.draft;
  const opaque = [...d.opaque];
  if (verdict.kind === 'jump' && verdict.chain === UNKNOWN_CHAIN) {
    opaque.push(`-j ${reading.target?.name}: the packet's fate is decided by something this reading does not model`);
  }
  return makeRule({
    family: d.family,
    source: d.source,
    destination: d.destination,
    protocols: d.protocols,
    sourcePorts: d.sourcePorts,
    destinationPorts: d.destinationPorts,
    icmp: d.icmp,
    inInterface: d.inInterface,
    outInterface: d.outInterface,
    states: d.states,
    original: d.original,
    opaque: opaque.length > 0 ? opaque : undefined,
    verdict,
    provenance: d.comments.length > 0 ? { ...provenance, comment: d.comments.join(' ') } : provenance,
  });
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

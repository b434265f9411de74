import { closest } from '../../../model/issues.js';
import type { Provenance } from '../../../ruleset/types.js';
import { FORWARD_PATH, type SavedChain, type SavedRule, UNKNOWN_CHAIN } from './saved.js';
import { identityOf } from './saved-rule.js';
import type { Table } from './vocab.js';
import { isOption, type Word } from './words.js';

/**
 * The commands of an iptables-restore table block besides `:CHAIN`: what iptables-save writes (`-A`, and `-N` from
 * old versions) and what hand-written restore files use (`-I`, `-D`, `-R`, `-C`, `-P`, `-F`, `-X`, `-Z`), with the
 * semantics and refusals of iptables-legacy-restore: what the real tool refuses is an error here, never skipped.
 */
export interface CommandLine {
  readonly table: Table;
  readonly chains: Map<string, SavedChain>;
  /** The line, for the provenance of what it adds (a rule, a policy). */
  readonly provenance: Provenance;
  /** The rule written from `words[from]` on; undefined when it has a problem (reported) or is the other family's. */
  rule(from: number): SavedRule | undefined;
  fail(col: number, message: string, hint?: string): void;
}

type Command = (words: readonly Word[], line: CommandLine) => void;

const append: Command = (words, line) => {
  const chain = existing(words, 1, line);
  const rule = chain && line.rule(2);
  if (chain && rule) chain.rules.push(rule);
};

/** `-I CHAIN [n] rule`: before rule n (1, the first, when n is not given); n may be one past the last rule. */
const insert: Command = (words, line) => {
  const chain = existing(words, 1, line);
  if (!chain) return;
  const given = words[2] && /^\d+$/.test(words[2].text) ? words[2] : undefined;
  const n = given ? ruleNumber(given, chain.rules.length + 1, 'insertion', line) : 1;
  const rule = n !== undefined && line.rule(given ? 3 : 2);
  if (n !== undefined && rule) chain.rules.splice(n - 1, 0, rule);
};

/** `-R CHAIN n rule`: the new rule takes rule n's place (and its provenance is the -R line). */
const replace: Command = (words, line) => {
  const chain = existing(words, 1, line);
  if (!chain) return;
  const given = words[2] && /^\d+$/.test(words[2].text) ? words[2] : undefined;
  if (!given) return line.fail(words[2]?.col ?? words[0]?.col ?? 1, '-R needs the number of the rule to replace');
  const n = ruleNumber(given, chain.rules.length, 'replacement', line);
  const rule = n !== undefined && line.rule(3);
  if (n !== undefined && rule) chain.rules[n - 1] = rule;
};

/** `-D CHAIN n`, or `-D CHAIN rule`: the first rule identical to it. */
const remove: Command = (words, line) => {
  const chain = existing(words, 1, line);
  if (!chain) return;
  const given = words[2] && /^\d+$/.test(words[2].text) ? words[2] : undefined;
  if (given) {
    if (words[3]) return line.fail(words[3].col, `unexpected "${words[3].text}"`, '-D takes a rule number or a rule');
    const n = ruleNumber(given, chain.rules.length, 'deletion', line);
    if (n !== undefined) chain.rules.splice(n - 1, 1);
    return;
  }
  const at = identical(words, chain, line);
  if (at !== undefined) chain.rules.splice(at, 1);
};

/** `-C CHAIN rule`: that an identical rule is there (iptables-restore fails the file when not). */
const check: Command = (words, line) => {
  const chain = existing(words, 1, line);
  if (chain) identical(words, chain, line);
};

/** The place of the first rule of `chain` identical to the one written from `words[2]`; a missing one is an error. */
function identical(words: readonly Word[], chain: SavedChain, line: CommandLine): number | undefined {
  const rule = line.rule(2);
  if (!rule) return undefined;
  const wanted = identityOf(rule);
  const at = chain.rules.findIndex((r) => identityOf(r) === wanted);
  if (at >= 0) return at;
  line.fail(
    words[0]?.col ?? 1,
    `no rule of ${chain.name} is identical to this one`,
    'repeat every option of the rule, in its order, or delete it by number (-D CHAIN n)',
  );
  return undefined;
}

const policy: Command = (words, line) => {
  const chain = existing(words, 1, line);
  const value = words[2];
  if (!chain) return;
  if (!chain.builtin) return line.fail(words[1]?.col ?? 1, `${chain.name} is not a built-in chain: it has no policy`);
  if (!value || (value.text !== 'ACCEPT' && value.text !== 'DROP'))
    return line.fail(
      value?.col ?? words[1]?.col ?? 1,
      `a built-in chain's policy is ACCEPT or DROP, not "${value?.text ?? ''}"`,
    );
  if (!extraWords(words, 3, line)) return;
  chain.policy = value.text === 'ACCEPT' ? 'accept' : 'drop';
  chain.policyProvenance = line.provenance;
};

/** `-F [CHAIN]`: one chain's rules, or every chain's of the table. */
const flush: Command = (words, line) => {
  const chains = optionalChain(words, line);
  for (const chain of chains ?? []) chain.rules.length = 0;
};

const newChain: Command = (words, line) => {
  const name = words[1];
  if (!name) return line.fail(words[0]?.col ?? 1, '-N needs a chain name');
  if (extraWords(words, 2, line)) createChain(name.text, name.col, line.chains, line.fail);
};

/** `-X [CHAIN]`: a user chain (or every one of the table) that is empty and that no rule jumps to. */
const deleteChain: Command = (words, line) => {
  const chains = optionalChain(words, line);
  if (!chains) return;
  const named = words[1] !== undefined;
  for (const chain of chains) {
    if (chain.builtin) {
      if (named) return line.fail(words[1]?.col ?? 1, `${chain.name} is a built-in chain: it cannot be deleted`);
      continue;
    }
    const col = words[1]?.col ?? words[0]?.col ?? 1;
    if (chain.rules.length > 0)
      return line.fail(
        col,
        `chain ${chain.name} still holds ${chain.rules.length} rule${chain.rules.length === 1 ? '' : 's'}, so it cannot be deleted`,
        `flush it first: -F ${chain.name}`,
      );
    const by = referrer(line.chains, chain.name);
    if (by)
      return line.fail(
        col,
        `chain ${chain.name} is the target of a rule of ${by.chain}${by.line ? ` (line ${by.line})` : ''}, so it cannot be deleted`,
        'delete or replace the rules that jump to it first',
      );
  }
  for (const chain of chains) if (!chain.builtin) line.chains.delete(chain.name);
};

/** `-Z [CHAIN [n]]`: counters, which the ruleset does not hold; the chain and rule must exist all the same. */
const zero: Command = (words, line) => {
  const number = words[2];
  if (!number) {
    optionalChain(words, line);
    return;
  }
  const chain = existing(words, 1, line);
  if (!chain) return;
  if (!/^\d+$/.test(number.text))
    line.fail(number.col, `unexpected "${number.text}"`, '-Z takes a chain and a rule number');
  else if (ruleNumber(number, chain.rules.length, 'counter', line) !== undefined) extraWords(words, 3, line);
};

const COMMANDS: Readonly<Record<string, Command>> = {
  '-A': append,
  '--append': append,
  '-I': insert,
  '--insert': insert,
  '-R': replace,
  '--replace': replace,
  '-D': remove,
  '--delete': remove,
  '-C': check,
  '--check': check,
  '-P': policy,
  '--policy': policy,
  '-F': flush,
  '--flush': flush,
  '-N': newChain,
  '--new-chain': newChain,
  '-X': deleteChain,
  '--delete-chain': deleteChain,
  '-Z': zero,
  '--zero': zero,
};

/** Runs one command line of a table block; false when `words[0]` is not a command. */
export function runCommand(words: readonly Word[], line: CommandLine): boolean {
  const command = COMMANDS[words[0]?.text ?? ''];
  if (!command) return false;
  command(words, line);
  return true;
}

/** Declares a user chain (`:NAME - [0:0]` or `-N NAME`), refusing what iptables refuses. */
export function createChain(
  name: string,
  col: number,
  chains: Map<string, SavedChain>,
  fail: (col: number, message: string, hint?: string) => void,
): void {
  if (chains.has(name)) {
    fail(col, `chain ${name} is declared twice`);
    return;
  }
  if (name.length > 28) fail(col, `chain name "${name}" is longer than 28 characters`);
  if (name === UNKNOWN_CHAIN || name === FORWARD_PATH) {
    fail(col, `chain name "${name}" is reserved by this reading`, 'rename the chain');
    return;
  }
  chains.set(name, { name, builtin: false, rules: [] });
}

/** The chain named at `words[i]`; a missing one is reported with the nearest name. */
function existing(words: readonly Word[], i: number, line: CommandLine): SavedChain | undefined {
  const word = words[i];
  const chain = word && !isOption(word) ? line.chains.get(word.text) : undefined;
  if (chain) return chain;
  const name = word?.text ?? '';
  const near = closest(name, line.chains.keys());
  line.fail(
    word?.col ?? words[0]?.col ?? 1,
    word ? `chain "${name}" is not declared in table ${line.table}` : `${words[0]?.text} needs a chain name`,
    near ? `did you mean "${near}"?` : `declare it with :${name || 'CHAIN'} - [0:0] after *${line.table}`,
  );
  return undefined;
}

/** The chain `words[1]` names, or every chain of the table when it names none (-F, -X, -Z). */
function optionalChain(words: readonly Word[], line: CommandLine): SavedChain[] | undefined {
  if (!words[1]) return [...line.chains.values()];
  const chain = existing(words, 1, line);
  return chain && extraWords(words, 2, line) ? [chain] : undefined;
}

/** A rule number, 1 to `last`; iptables says "Index of insertion/deletion/replacement too big" beyond. */
function ruleNumber(word: Word, last: number, what: string, line: CommandLine): number | undefined {
  const n = Number(word.text);
  if (n >= 1 && n <= last) return n;
  const allowed = last === 0 ? 'the chain has no rule here' : `1 to ${last} here`;
  line.fail(
    word.col,
    `rule number ${word.text} is out of range for the ${what}: ${allowed}`,
    'rules are numbered from 1, counting the commands above this line',
  );
  return undefined;
}

function extraWords(words: readonly Word[], from: number, line: CommandLine): boolean {
  const extra = words[from];
  if (extra) line.fail(extra.col, `unexpected "${extra.text}" after ${words[0]?.text} ${words[from - 1]?.text}`);
  return !extra;
}

/** The first rule of the table that jumps or goes to `name`. */
function referrer(chains: ReadonlyMap<string, SavedChain>, name: string): { chain: string; line?: number } | undefined {
  for (const chain of chains.values()) {
    const rule = chain.rules.find(
      ({ rule: r }) => (r.verdict.kind === 'jump' || r.verdict.kind === 'goto') && r.verdict.chain === name,
    );
    if (rule)
      return {
        chain: chain.name,
        ...(rule.rule.provenance.line !== undefined ? { line: rule.rule.provenance.line } : {}),
      };
  }
  return undefined;
}

import type { Issue, Result } from '../../../model/issues.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';
import type { Ruleset } from '../../../ruleset/types.js';
import { lowerDocument } from './lower.js';
import type { NftDocument } from './model.js';
import { Script } from './script.js';
import { lineTokens, type Token, tokenize } from './tokens.js';

const FAMILIES = new Set(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);

/**
 * The text of `nft list ruleset`, or an `nft -f` script of `add`/`insert`/`flush`/`delete` commands (the form
 * iptables-restore-translate writes), as a neutral ruleset. `define`d variables are substituted; `include` is refused
 * (give the full listing instead).
 */
export function parseNftText(file: ConfigFile): Result<Ruleset> {
  const read = readNftText(file);
  if (!read.ok) return read;
  const lowered = lowerDocument(read.value);
  return lowered.ok ? { ...lowered, warnings: [...read.warnings, ...lowered.warnings] } : lowered;
}

/** The text as the JSON-shaped document, before lowering (tables, chains, sets, rules as written). */
export function readNftText(file: ConfigFile): Result<NftDocument> {
  const issues: Issue[] = [];
  const tokens = substituteDefines(tokenize(file.text), file.path, issues);
  const state = new Script(file.path, issues);
  let i = 0;
  const at = (t: Token | undefined) => t ?? { text: '', line: 0, col: 0 };
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    const line = lineTokens(tokens, i);
    i += line.length;
    const words = line.map((x) => x.text);
    const verb = words[0];
    if (verb === ';') continue;
    if (verb === 'table' && line[line.length - 1]?.text === '{') {
      const family = words.length === 4 ? (words[1] as string) : 'ip';
      const name = (words.length === 4 ? words[2] : words[1]) as string;
      if (!FAMILIES.has(family))
        issues.push(
          configIssue(
            file.path,
            t.line,
            `unknown table family "${family}"`,
            'use ip, ip6, inet, arp, bridge or netdev',
            t.col,
          ),
        );
      state.table(family, name);
      i = state.tableBlock(tokens, i, family, name);
      continue;
    }
    const [family, table, name] = [words[2] ?? '', words[3] ?? '', words[4] ?? ''];
    const objectVerb = verb === 'add' || verb === 'create' || verb === 'insert';
    if (
      verb === 'table' ||
      ((objectVerb || verb === 'delete' || verb === 'destroy' || verb === 'flush') && words[1] === 'table')
    ) {
      // `[add] table [FAMILY] NAME [{ flags dormant; }]`: the words before a block or the end.
      const head = words.slice(verb === 'table' ? 1 : 2);
      const end = head.findIndex((w) => w === '{' || w === ';');
      const named = end < 0 ? head : head.slice(0, end);
      const tFamily = named.length >= 2 ? (named[0] as string) : 'ip';
      const tName = (named.length >= 2 ? named[1] : named[0]) ?? '';
      if (verb === 'delete' || verb === 'destroy') state.deleteTable(tFamily, tName);
      else if (verb === 'flush') state.flushTable(tFamily, tName);
      else state.table(tFamily, tName, words.includes('dormant'));
    } else if (verb === 'flush' && words[1] === 'ruleset') state.reset();
    else if (objectVerb && words[1] === 'chain') {
      const brace = line.findIndex((x) => x.text === '{');
      state.chain(family, table, name, t.line, brace >= 0 ? line.slice(brace + 1, -1) : []);
    } else if ((verb === 'add' || verb === 'insert') && words[1] === 'rule') {
      let from = 5;
      if (words[5] === 'position' || words[5] === 'handle' || words[5] === 'index') from = 7;
      state.rule(family, table, name, line.slice(from), t.line, verb === 'insert');
    } else if (
      (objectVerb && (words[1] === 'set' || words[1] === 'map')) ||
      (verb === 'add' && words[1] === 'element')
    ) {
      const brace = line.findIndex((x) => x.text === '{');
      if (words[1] === 'element') state.elements(family, table, name, line.slice(brace));
      else state.set(family, table, name, words[1] === 'map', t.line, line.slice(brace + 1, -1));
    } else if (verb === 'include') {
      issues.push(
        configIssue(
          file.path,
          t.line,
          'include is not followed',
          'give the whole ruleset as nft list ruleset prints it',
          t.col,
        ),
      );
    } else {
      issues.push(
        configIssue(
          file.path,
          at(t).line,
          `unexpected "${words.slice(0, 3).join(' ')}"`,
          'expected table, add, insert, flush, delete or define',
          at(t).col,
        ),
      );
    }
  }
  if (issues.some((x) => x.severity === 'error')) return { ok: false, issues };
  return { ok: true, value: { file: file.path, ...state.document() }, warnings: issues };
}

function substituteDefines(tokens: Token[], file: string, issues: Issue[]): Token[] {
  const defines = new Map<string, Token[]>();
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === 'define' && !t.quoted) {
      const line = lineTokens(tokens, i);
      const name = line[1]?.text ?? '';
      defines.set(
        name,
        line.slice(3).map((x) => ({ ...x, eol: false })),
      );
      i += line.length - 1;
      continue;
    }
    if (t.text.startsWith('$') && !t.quoted) {
      const value = defines.get(t.text.slice(1));
      if (!value) {
        issues.push(configIssue(file, t.line, `${t.text} is not defined`, 'define it before use', t.col));
        continue;
      }
      const copy = value.map((x) => ({ ...x, line: t.line, col: t.col }));
      const last = copy[copy.length - 1];
      if (last && t.eol) last.eol = true;
      out.push(...copy);
      continue;
    }
    out.push(t);
  }
  return out;
}

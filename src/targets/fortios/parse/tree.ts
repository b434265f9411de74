import type { Issue } from '../../../model/issues.js';
import { configIssue } from '../../../ruleset/config-file.js';

/**
 * The FortiOS CLI as `show` and `show full-configuration` print it, as a tree: `config <path>` blocks holding
 * `edit <name>` … `next` entries or settings directly, `set`/`unset`/`append` settings, nested `config` blocks, `end`.
 * Strings are double-quoted with backslash escapes (`\"`, `\\`) or single-quoted, and may span lines (certificates).
 * A block opened twice (two `config firewall address`) merges; an entry edited twice is one entry, changed in place.
 */
export interface Setting {
  readonly values: readonly string[];
  readonly line: number;
  readonly col: number;
  /** Order of the command among the entry's commands (FortiOS resets some keys when `protocol` changes). */
  readonly seq: number;
}

export interface Entry {
  readonly name: string;
  readonly line: number;
  readonly settings: Map<string, Setting>;
  readonly blocks: Map<string, Block>;
}

export interface Block {
  readonly path: string;
  readonly line: number;
  /** Entries in the order they were first edited, by name (`edit 0` entries by `0#n`). */
  readonly entries: Map<string, Entry>;
  /** Settings of a block without entries (`config system global`). */
  readonly settings: Map<string, Setting>;
  readonly blocks: Map<string, Block>;
}

interface Word {
  readonly text: string;
  readonly line: number;
  readonly col: number;
  readonly quoted: boolean;
}

/** Commands of the text: each a list of words ending at an unquoted newline. */
function commands(text: string, file: string, issues: Issue[]): Word[][] {
  const out: Word[][] = [];
  let words: Word[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      if (words.length > 0) out.push(words);
      words = [];
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    // Every space the word scan below stops at (a BOM, a no-break space too), or it would read an empty word forever.
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const col = i - lineStart + 1;
    if (c === '#' && words.length === 0) {
      // A comment line (`#config-version=…`, an annotation): nothing to read.
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = { line, col };
      let value = '';
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i] as string;
        if (d === '\\' && c === '"' && i + 1 < n) {
          value += text[i + 1];
          if (text[i + 1] === '\n') {
            line++;
            lineStart = i + 2;
          }
          i += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        if (d === '\n') {
          line++;
          lineStart = i + 1;
        }
        value += d;
        i++;
      }
      if (!closed) {
        issues.push(
          configIssue(
            file,
            start.line,
            'unterminated string',
            `close it with ${c} (a ${c} inside is written \\${c})`,
            start.col,
          ),
        );
        break;
      }
      words.push({ text: value, line: start.line, col: start.col, quoted: true });
      continue;
    }
    let end = i;
    let value = '';
    while (end < n && !/[\s"']/.test(text[end] as string)) {
      if (text[end] === '\\' && end + 1 < n && text[end + 1] !== '\n') {
        value += text[end + 1];
        end += 2;
      } else {
        value += text[end];
        end++;
      }
    }
    words.push({ text: value, line, col, quoted: false });
    i = end;
  }
  if (words.length > 0) out.push(words);
  return out;
}

const newBlock = (path: string, line: number): Block => ({
  path,
  line,
  entries: new Map(),
  settings: new Map(),
  blocks: new Map(),
});

/** The whole text as a root block (top-level `config` blocks are its children); every error at once. */
export function readTree(text: string, file: string): { root: Block; issues: Issue[] } {
  const issues: Issue[] = [];
  const root = newBlock('', 0);
  // Open blocks and, for each, the entry being edited.
  const stack: { block: Block; entry?: Entry }[] = [{ block: root }];
  let seq = 0;
  for (const words of commands(text, file, issues)) {
    const [verb, ...args] = words as [Word, ...Word[]];
    const top = stack[stack.length - 1] as { block: Block; entry?: Entry };
    const settings = top.entry ? top.entry.settings : top.block.settings;
    const where = (message: string, hint?: string) =>
      issues.push(configIssue(file, verb.line, message, hint, verb.col));
    switch (verb.quoted ? '' : verb.text) {
      case 'config': {
        if (args.length === 0) {
          where('config without a section name', 'write config <section>, e.g. config firewall policy');
          break;
        }
        const path = args.map((w) => w.text).join(' ');
        const parent = top.entry ? top.entry.blocks : top.block.blocks;
        const block = parent.get(path) ?? newBlock(path, verb.line);
        parent.set(path, block);
        stack.push({ block });
        break;
      }
      case 'edit': {
        if (stack.length === 1) {
          where('edit outside a config block', 'open the section first with config <section>');
          break;
        }
        const name = args[0]?.text;
        if (name === undefined) {
          where('edit without a name', 'write edit <name> (or edit <number> for policies)');
          break;
        }
        if (top.entry) where(`edit ${name} inside edit ${top.entry.name}`, 'close the entry with next first');
        // `edit 0` asks for a new entry with the next free id (how scripts append policies): never a merge.
        const key = name === '0' && !args[0]?.quoted ? `0#${top.block.entries.size}` : name;
        const entry = top.block.entries.get(key) ?? {
          name,
          line: verb.line,
          settings: new Map<string, Setting>(),
          blocks: new Map<string, Block>(),
        };
        top.block.entries.set(key, entry);
        top.entry = entry;
        break;
      }
      case 'next':
        if (!top.entry) where('next outside an edit', 'next closes an edit <name> entry');
        else top.entry = undefined;
        break;
      case 'end':
        if (stack.length === 1) where('end without config', 'end closes a config <section> block');
        else stack.pop();
        break;
      case 'set':
      case 'append': {
        const key = args[0];
        if (stack.length === 1 || !key) {
          where(`${verb.text} ${stack.length === 1 ? 'outside a config block' : 'without a key'}`);
          break;
        }
        const values = args.slice(1).map((w) => w.text);
        const previous = settings.get(key.text);
        const all = verb.text === 'append' && previous ? [...previous.values, ...values] : values;
        settings.set(key.text, { values: all, line: verb.line, col: key.col, seq: seq++ });
        break;
      }
      case 'unset':
        if (args[0]) settings.delete(args[0].text);
        break;
      case 'delete':
      case 'move':
        // A script's reload (`delete <name>`) and placement (`move <id> before|after <id>`) of a block's entries.
        if (
          !top.entry &&
          stack.length > 1 &&
          entryCommand(
            top.block,
            verb.text,
            args.map((w) => w.text),
          )
        )
          break;
        where(`"${verb.text}" is not read here`, `${verb.text} needs the name of an entry of the open config block`);
        break;
      case 'select':
      case 'unselect':
      case 'clear':
      case 'purge':
        // Commands of interactive sessions that `show` never prints; their effect on lists is not modelled.
        where(`"${verb.text}" is not read`, 'give the configuration as show full-configuration prints it');
        break;
      default:
        where(`unexpected "${verb.text}"`, 'expected config, edit, set, unset, append, next or end');
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1] as { block: Block };
    issues.push(
      configIssue(file, open.block.line, `config ${open.block.path} is not closed`, 'end the block with end', 1),
    );
  }
  return { root, issues };
}

/** A block by path under the root, or inside a VDOM when the configuration has them. */
export const block = (root: Block, path: string): Block | undefined => root.blocks.get(path);

/** `delete NAME`, `move NAME before|after OTHER` on a block's entries; false when the entries are not there. */
function entryCommand(block: Block, verb: string, args: readonly string[]): boolean {
  const [name, where, other] = args;
  if (name === undefined) return false;
  if (verb === 'delete') {
    block.entries.delete(name);
    return true;
  }
  const moved = block.entries.get(name);
  if (!moved || other === undefined || !block.entries.has(other) || (where !== 'before' && where !== 'after'))
    return false;
  const order = [...block.entries].filter(([key]) => key !== name);
  const at = order.findIndex(([key]) => key === other) + (where === 'after' ? 1 : 0);
  order.splice(at, 0, [name, moved]);
  block.entries.clear();
  for (const [key, entry] of order) block.entries.set(key, entry);
  return true;
}

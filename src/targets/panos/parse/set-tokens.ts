import type { Issue } from '../../../model/issues.js';
import { configIssue, withoutByteOrderMark } from '../../../ruleset/config-file.js';

/** A word of a `set` command (quotes removed) or a `[ a b ]` list. */
export type SetItem = string | readonly string[];

export interface SetLine {
  readonly line: number;
  readonly text: string;
  readonly items: readonly SetItem[];
}

/**
 * The lines of a PAN-OS `set` configuration as items: words, `"quoted text"` or `'quoted text'` as one word, and
 * `[ a b ]` lists. Blank lines and `#` comments are skipped. Every malformed line is an issue.
 */
export function tokenizeSet(path: string, text: string): { lines: SetLine[]; issues: Issue[] } {
  const lines: SetLine[] = [];
  const issues: Issue[] = [];
  const body = withoutByteOrderMark(text);
  body.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const items: SetItem[] = [];
    let list: string[] | undefined;
    let listCol = 0;
    let i = 0;
    const push = (word: string) => (list ? list.push(word) : items.push(word));
    while (i < raw.length) {
      const c = raw[i] as string;
      // Every space the word scan below stops at (a no-break space too), or it would read an empty word forever.
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        let j = i + 1;
        let value = '';
        while (j < raw.length && raw[j] !== c) {
          if (c === '"' && raw[j] === '\\' && j + 1 < raw.length) j++;
          value += raw[j++];
        }
        if (j >= raw.length) {
          issues.push(configIssue(path, line, 'unterminated quoted text', `close it with ${c}`, i + 1));
          return;
        }
        push(value);
        i = j + 1;
        continue;
      }
      let j = i;
      while (j < raw.length && !/[\s"']/.test(raw[j] as string)) j++;
      const word = raw.slice(i, j);
      if (word === '[') {
        if (list) {
          issues.push(configIssue(path, line, 'a list inside a list', 'close the first list with ]', i + 1));
          return;
        }
        list = [];
        listCol = i + 1;
      } else if (word === ']') {
        if (!list) {
          issues.push(configIssue(path, line, '] without [', 'open the list with [', i + 1));
          return;
        }
        items.push(list);
        list = undefined;
      } else push(word);
      i = j;
    }
    if (list) {
      issues.push(configIssue(path, line, 'unclosed list', 'close it with ]', listCol));
      return;
    }
    lines.push({ line, text: trimmed, items });
  });
  return { lines, issues };
}

/** A list item's members, or the word alone. */
export const members = (item: SetItem | undefined): string[] =>
  item === undefined ? [] : typeof item === 'string' ? [item] : [...item];

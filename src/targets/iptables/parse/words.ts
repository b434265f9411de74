/** One argument of a rule line, as iptables-restore splits it, with the column it starts at (1-based). */
export interface Word {
  readonly text: string;
  readonly col: number;
  /** Written in quotes: always a value, never an option. */
  readonly quoted: boolean;
}

/**
 * Splits a line as iptables-restore does: spaces and tabs separate words; `"` opens and closes a quoted part (which
 * may sit inside a word); inside quotes a backslash escapes the next character. Returns the words, or the column
 * of an unterminated quote.
 */
export function splitWords(line: string): { words: Word[] } | { unterminated: number } {
  const words: Word[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      const d = line.charCodeAt(i);
      if (d === 32 || d === 9 || d === 13 || d === 34) break;
      i++;
    }
    if (i >= n || line.charCodeAt(i) !== 34) {
      words.push({ text: line.slice(start, i), col: start + 1, quoted: false });
      continue;
    }
    // A word with a quoted part: the slow path, character by character.
    let text = line.slice(start, i);
    let open = -1;
    for (; i < n; i++) {
      const ch = line[i] as string;
      if (open >= 0) {
        if (ch === '\\' && i + 1 < n) text += line[++i];
        else if (ch === '"') open = -1;
        else text += ch;
      } else if (ch === '"') open = i;
      else if (ch === ' ' || ch === '\t' || ch === '\r') break;
      else text += ch;
    }
    if (open >= 0) return { unterminated: open + 1 };
    words.push({ text, col: start + 1, quoted: true });
  }
  return { words };
}

/** An option word (`-s`, `--dport`, `-4`), as opposed to a value (`-1` is a number). */
export const isOption = (w: Word): boolean =>
  !w.quoted && w.text.length > 1 && w.text[0] === '-' && (!/^-\d/.test(w.text) || isFamilyMarker(w));

/** `-4`/`-6`: the rule is for iptables-restore or for ip6tables-restore only. */
export const isFamilyMarker = (w: Word | undefined): boolean =>
  w !== undefined && !w.quoted && /^(-4|-6|--ipv4|--ipv6)$/.test(w.text);

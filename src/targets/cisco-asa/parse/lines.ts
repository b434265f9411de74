import { withoutByteOrderMark } from '../../../ruleset/config-file.js';

/** One word of a configuration line and the 1-based column it starts at. */
export interface Token {
  readonly text: string;
  readonly col: number;
}

/** A command of the running-config: its line number, whether it is a sub-command (indented), its words. */
export interface Line {
  readonly no: number;
  readonly indented: boolean;
  readonly tokens: readonly Token[];
  /** The line as written, without its end-of-line spaces. */
  readonly text: string;
}

/**
 * The commands of a running-config. Comments (`!`, `:`), blank lines and the `exit` lines some tools write after a
 * sub-mode are dropped; a byte-order mark and CR line ends are tolerated.
 */
export function commandLines(text: string): Line[] {
  const out: Line[] = [];
  const raw = withoutByteOrderMark(text).split('\n');
  raw.forEach((full, i) => {
    const line = full.replace(/\r$/, '').replace(/\s+$/, '');
    const body = line.trimStart();
    if (body === '' || body.startsWith('!') || body.startsWith(':') || body === 'exit') return;
    const tokens: Token[] = [];
    for (const m of line.matchAll(/\S+/g)) tokens.push({ text: m[0], col: (m.index ?? 0) + 1 });
    out.push({ no: i + 1, indented: /^\s/.test(line), tokens, text: body });
  });
  return out;
}

/** Column of the pager's prompt in a captured line (`<--- More --->`, `--More--`), if the line holds one. */
export function pagerResidue(line: Line): number | undefined {
  const t = line.tokens;
  const at = t.findIndex(
    (w, k) => w.text === '--More--' || (w.text === '<---' && t[k + 1]?.text === 'More' && t[k + 2]?.text === '--->'),
  );
  return at < 0 ? undefined : t[at]?.col;
}

/** Reads a line's words one at a time; `at` is where an error points (the word read last, or the line's end). */
export class Cursor {
  private i: number;
  constructor(
    readonly line: Line,
    from = 0,
  ) {
    this.i = from;
  }
  peek(ahead = 0): string | undefined {
    return this.line.tokens[this.i + ahead]?.text;
  }
  next(): string | undefined {
    return this.line.tokens[this.i++]?.text;
  }
  get done(): boolean {
    return this.i >= this.line.tokens.length;
  }
  /** Column of the next word (or just past the line's end). */
  get col(): number {
    return this.line.tokens[this.i]?.col ?? this.line.text.length + 1 + (this.line.indented ? 1 : 0);
  }
  /** Column of the word read last. */
  get lastCol(): number {
    return this.line.tokens[this.i - 1]?.col ?? 1;
  }
  rest(): string {
    return this.line.tokens
      .slice(this.i)
      .map((t) => t.text)
      .join(' ');
  }
}

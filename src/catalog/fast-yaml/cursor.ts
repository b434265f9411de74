import { DECLINE, readEscape } from './scalars.js';

export const LF = 0x0a;
export const SPACE = 0x20;
export const HASH = 0x23;
export const COLON = 0x3a;
export const DASH = 0x2d;
export const COMMA = 0x2c;
export const EOF = -1;

export const isFlowIndicator = (c: number): boolean =>
  c === COMMA || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
export const isBlankOrEnd = (c: number): boolean => c === SPACE || c === LF || Number.isNaN(c);
/** Characters that cannot start a plain scalar here (those with a meaning we do not read, or that need care). */
export const PLAIN_FORBIDDEN_START = new Uint8Array(128);
for (const c of ',[]{}#&*!|>\'"%@`') PLAIN_FORBIDDEN_START[c.charCodeAt(0)] = 1;
export const cannotStartPlain = (c: number): boolean => c < 128 && PLAIN_FORBIDDEN_START[c] === 1;

/**
 * The reader's position in the text and what every context shares: blank and comment lines, line ends,
 * quoted scalars. The flow and block readers extend it (one class in the end, so one object shape).
 */
export class Cursor {
  pos = 0;
  /** Column of the next content line after a node (pos is on its first character), EOF at the end. */
  next = EOF;
  /** Where the line of the last content found by `skipToContent` starts: node columns without a search back. */
  lineStart = 0;

  constructor(readonly text: string) {}

  at(offset = 0): number {
    return this.text.charCodeAt(this.pos + offset);
  }

  /**
   * From the start of a line: skips blank and comment lines, stops on the first content character and
   * returns its column (EOF at the end). Document markers and directives decline.
   */
  skipToContent(allowMarker = false): number {
    const { text } = this;
    for (;;) {
      const start = this.pos;
      let p = start;
      while (text.charCodeAt(p) === SPACE) p++;
      const c = text.charCodeAt(p);
      if (Number.isNaN(c)) {
        this.pos = p;
        return EOF;
      }
      if (c === LF) {
        this.pos = p + 1;
        continue;
      }
      if (c === HASH) {
        const eol = text.indexOf('\n', p);
        this.pos = eol < 0 ? text.length : eol + 1;
        continue;
      }
      this.pos = p;
      this.lineStart = start;
      if (p === start) {
        const marker = text.startsWith('---', p) || text.startsWith('...', p);
        if (c === 0x25 || (marker && isBlankOrEnd(text.charCodeAt(p + 3)) && !allowMarker)) throw DECLINE;
      }
      return p - start;
    }
  }

  /** After a node on its line: only spaces and a comment may follow; moves to the next content line. */
  endOfLine(): void {
    // Text and position in locals, no helper calls: this runs once per line, mostly before Turbofan has it.
    const { text } = this;
    let p = this.pos;
    let c = text.charCodeAt(p);
    while (c === SPACE) c = text.charCodeAt(++p);
    if (c === HASH) {
      if (text.charCodeAt(p - 1) !== SPACE) throw DECLINE; // `"x"#c`: a comment needs a space before it
      const eol = text.indexOf('\n', p);
      p = eol < 0 ? text.length : eol + 1;
    } else if (c === LF) p++;
    else if (!Number.isNaN(c)) throw DECLINE;
    this.pos = p;
    this.next = this.skipToContent();
  }

  /** The column of pos, on the line of the last content found (nodes after `key:` or `-` on one line). */
  column(): number {
    return this.pos - this.lineStart;
  }

  /** `'…'` or `"…"` starting at pos; lines inside must be indented more than `parent`. */
  quoted(parent: number): string {
    const { text } = this;
    const double = this.at() === 0x22;
    const quote = double ? 0x22 : 0x27;
    let out = '';
    let p = this.pos + 1;
    let run = p;
    for (;;) {
      const c = text.charCodeAt(p);
      if (Number.isNaN(c)) throw DECLINE;
      if (c === quote) {
        if (!double && text.charCodeAt(p + 1) === quote) {
          out += text.slice(run, p + 1);
          p += 2;
          run = p;
          continue;
        }
        out += text.slice(run, p);
        this.pos = p + 1;
        return out;
      }
      if (double && c === 0x5c) {
        out += text.slice(run, p);
        const escaped = readEscape(text, p + 1);
        out += escaped.value;
        p = escaped.end;
        run = p;
        continue;
      }
      if (c === LF) {
        // Folding: spaces around the break go, one break is a space, each empty line a newline (the blank-line walk is
        // written out as in `plainInBlock`, which is hot: see there).
        let end = p;
        while (end > run && text.charCodeAt(end - 1) === SPACE) end--;
        out += text.slice(run, end);
        let breaks = 0;
        let col = 0;
        p++;
        for (;;) {
          col = 0;
          while (text.charCodeAt(p) === SPACE) {
            p++;
            col++;
          }
          if (text.charCodeAt(p) !== LF) break;
          breaks++;
          p++;
        }
        if (col <= parent || Number.isNaN(text.charCodeAt(p))) throw DECLINE;
        if (col === 0 && (text.startsWith('---', p) || text.startsWith('...', p))) throw DECLINE;
        out += breaks === 0 ? ' ' : '\n'.repeat(breaks);
        run = p;
        continue;
      }
      p++;
    }
  }
}

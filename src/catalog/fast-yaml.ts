import { DECLINE, readEscape, resolvePlain } from './fast-yaml-scalars.js';

/**
 * A reader for the YAML subset catalogs and sites are written in: block mappings and sequences, flow
 * collections, plain / quoted / `|` `>` block scalars, comments, one optional `---`. It walks the string once
 * (no token list, no event list) and builds the plain values directly, typed as js-yaml 5's core schema does.
 * Anything outside the subset (anchors, tags, directives, several documents, complex or duplicate keys, tabs,
 * odd indentation, any syntax error) returns `undefined`: the caller then uses js-yaml, which also reports
 * the error. It never guesses.
 */
export function readFastYaml(input: string): { value: unknown } | undefined {
  const text = normalized(input);
  if (text === undefined) return undefined;
  try {
    return { value: new Reader(text).document() };
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}

/** Control characters (other than LF), tabs, stray BOMs and non-characters are left to js-yaml. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNUSUAL_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function normalized(input: string): string | undefined {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes('\r')) text = text.replaceAll('\r\n', '\n');
  if (UNUSUAL_CHARS.test(text) || LONE_SURROGATE.test(text)) return undefined;
  return text;
}

const LF = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;
const EOF = -1;
const NO_ITEMS: unknown[] = [];
const NO_ENTRIES: Record<string, unknown> = {};

const isFlowIndicator = (c: number): boolean => c === COMMA || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
const isBlankOrEnd = (c: number): boolean => c === SPACE || c === LF || Number.isNaN(c);
/** Characters that cannot start a plain scalar here (those with a meaning we do not read, or that need care). */
const PLAIN_FORBIDDEN_START = new Set([...',[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

class Reader {
  private pos = 0;
  /** Column of the next content line after a node (pos is on its first character), EOF at the end. */
  private next = EOF;

  constructor(private readonly text: string) {}

  private at(offset = 0): number {
    return this.text.charCodeAt(this.pos + offset);
  }

  document(): unknown {
    let indent = this.skipToContent(true);
    if (indent === 0 && this.text.startsWith('...', this.pos)) throw DECLINE;
    if (indent === 0 && this.text.startsWith('---', this.pos) && isBlankOrEnd(this.at(3))) {
      this.pos += 3;
      this.endOfLine();
      indent = this.skipToContent(false);
    }
    if (indent === EOF) throw DECLINE; // empty: js-yaml decides what that is
    const value = this.blockNode(indent, -1, false);
    if (this.next !== EOF) throw DECLINE;
    return value;
  }

  /**
   * From the start of a line: skips blank and comment lines, stops on the first content character and
   * returns its column (EOF at the end). Document markers and directives decline.
   */
  private skipToContent(allowMarker = false): number {
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
      if (p === start) {
        const marker = text.startsWith('---', p) || text.startsWith('...', p);
        if (c === 0x25 || (marker && isBlankOrEnd(text.charCodeAt(p + 3)) && !allowMarker)) throw DECLINE;
      }
      return p - start;
    }
  }

  /** After a node on its line: only spaces and a comment may follow; moves to the next content line. */
  private endOfLine(): void {
    const { text } = this;
    while (this.at() === SPACE) this.pos++;
    const c = this.at();
    if (c === HASH) {
      if (text.charCodeAt(this.pos - 1) !== SPACE) throw DECLINE; // `"x"#c`: a comment needs a space before it
      const eol = text.indexOf('\n', this.pos);
      this.pos = eol < 0 ? text.length : eol + 1;
    } else if (c === LF) this.pos++;
    else if (!Number.isNaN(c)) throw DECLINE;
    this.next = this.skipToContent();
  }

  private column(): number {
    return this.pos - this.text.lastIndexOf('\n', this.pos - 1) - 1;
  }

  /**
   * A node whose first character is at `pos`, in column `col`, inside a block collection indented `parent`.
   * `inline`: it follows `key: ` on the same line, where no block collection may start.
   */
  private blockNode(col: number, parent: number, inline: boolean): unknown {
    const c = this.at();
    if (c === DASH && isBlankOrEnd(this.at(1))) {
      if (inline) throw DECLINE;
      return this.blockSequence(col);
    }
    if (c === 0x7c || c === 0x3e) return this.blockScalar(parent); // | >
    if (c === 0x5b || c === 0x7b) {
      const value = this.flowCollection(parent);
      this.endOfLine();
      return value;
    }
    let key: string;
    if (c === 0x22 || c === 0x27) {
      const line = this.pos;
      const value = this.quoted(parent);
      const end = this.pos;
      while (this.at() === SPACE) this.pos++;
      if (!(this.at() === COLON && isBlankOrEnd(this.at(1)))) {
        this.pos = end;
        this.endOfLine();
        return value;
      }
      if (this.text.lastIndexOf('\n', end) > line) throw DECLINE; // multi-line key
      key = value;
    } else {
      const scalar = this.plainInBlock(parent);
      if (scalar.key === undefined) return scalar.value;
      key = scalar.key;
    }
    if (inline) throw DECLINE; // `a: b: c`
    return this.blockMapping(col, key);
  }

  private blockMapping(indent: number, firstKey: string): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let key = firstKey;
    for (;;) {
      this.pos++; // the colon
      if (key === '__proto__' || Object.hasOwn(map, key)) throw DECLINE; // js-yaml reports duplicates
      map[key] = this.valueAfterIndicator(indent, true);
      if (this.next < indent) return map;
      if (this.next > indent) throw DECLINE;
      key = this.blockKey(indent);
    }
  }

  /** A key at the start of an entry line of a mapping indented `indent`. */
  private blockKey(indent: number): string {
    const c = this.at();
    if (c === 0x22 || c === 0x27) {
      const line = this.pos;
      const key = this.quoted(indent);
      if (this.text.lastIndexOf('\n', this.pos) > line) throw DECLINE;
      while (this.at() === SPACE) this.pos++;
      if (this.at() === COLON && isBlankOrEnd(this.at(1))) return key;
      throw DECLINE;
    }
    const scalar = this.plainInBlock(indent);
    if (scalar.key === undefined) throw DECLINE;
    return scalar.key;
  }

  private blockSequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      this.pos++; // the dash
      items.push(this.valueAfterIndicator(indent, false));
      if (this.next < indent) return items;
      if (this.next > indent) throw DECLINE;
      if (!(this.at() === DASH && isBlankOrEnd(this.at(1)))) return items; // a key of the parent mapping
    }
  }

  /** The value after `key:` or `-` of a collection indented `indent`: on the same line, or below it. */
  private valueAfterIndicator(indent: number, inMapping: boolean): unknown {
    while (this.at() === SPACE) this.pos++;
    const c = this.at();
    if (c !== HASH && c !== LF && !Number.isNaN(c)) {
      return this.blockNode(this.column(), indent, inMapping);
    }
    this.endOfLine();
    const col = this.next;
    if (col > indent) return this.blockNode(col, indent, false);
    // `key:` followed by `- item` lines at the key's own indentation.
    if (inMapping && col === indent && this.at() === DASH && isBlankOrEnd(this.at(1))) return this.blockSequence(col);
    return null;
  }

  /**
   * A plain scalar in block context: either a key (followed by `: `, returned as `key`) or a value, possibly
   * continued on more-indented lines.
   */
  private plainInBlock(parent: number): { key?: string; value?: unknown } {
    const first = this.plainLine();
    if (this.at() === COLON) {
      const key = resolvePlain(first);
      if (typeof key !== 'string' || key.length === 0) throw DECLINE; // keys like `1:` or `null:`
      return { key };
    }
    let value = first;
    while (this.at() === LF) {
      // Continuation lines: more indented than the parent, no comment in between.
      let p = this.pos + 1;
      let breaks = 0;
      let col = 0;
      for (;;) {
        col = 0;
        while (this.text.charCodeAt(p) === SPACE) {
          p++;
          col++;
        }
        if (this.text.charCodeAt(p) !== LF) break;
        breaks++;
        p++;
      }
      const c = this.text.charCodeAt(p);
      if (col <= parent || Number.isNaN(c) || c === HASH) break;
      if (col === 0 || PLAIN_FORBIDDEN_START.has(c) || c === DASH || c === COLON || c === 0x3f) throw DECLINE;
      this.pos = p;
      const more = this.plainLine();
      if (this.at() === COLON) throw DECLINE;
      value += breaks === 0 ? ` ${more}` : '\n'.repeat(breaks) + more;
      if (this.at() !== LF) break;
    }
    this.endOfLine();
    return { value: resolvePlain(value) };
  }

  /**
   * One line of a plain scalar in block context; stops before `: `, ` #` or the line end (trailing spaces
   * dropped). Indicators it cannot read decline.
   */
  private plainLine(): string {
    const { text } = this;
    const start = this.pos;
    const c0 = text.charCodeAt(start);
    if (PLAIN_FORBIDDEN_START.has(c0)) throw DECLINE;
    if ((c0 === DASH || c0 === COLON || c0 === 0x3f) && isBlankOrEnd(text.charCodeAt(start + 1))) throw DECLINE;
    let p = start;
    let end = start;
    for (;;) {
      const c = text.charCodeAt(p);
      if (Number.isNaN(c) || c === LF) break;
      if (c === COLON && isBlankOrEnd(text.charCodeAt(p + 1))) break;
      if (c === HASH && text.charCodeAt(p - 1) === SPACE) break;
      p++;
      if (c !== SPACE) end = p;
    }
    // Before a comment, stop at the last character so `endOfLine` sees the space the comment needs.
    this.pos = text.charCodeAt(p) === HASH ? end : p;
    return text.slice(start, end);
  }

  /** `|` or `>` with optional `-` chomping; explicit indentation and `+` decline. */
  private blockScalar(parent: number): string {
    const { text } = this;
    const folded = this.at() === 0x3e;
    this.pos++;
    let strip = false;
    if (this.at() === DASH) {
      strip = true;
      this.pos++;
    }
    if (!isBlankOrEnd(this.at()) && this.at() !== HASH) throw DECLINE;
    this.toNextLine();
    const lines: string[] = [];
    let indent = -1;
    let leadingBlank = 0;
    while (this.pos < text.length) {
      const start = this.pos;
      let p = start;
      while (text.charCodeAt(p) === SPACE) p++;
      const spaces = p - start;
      const eol = text.indexOf('\n', p);
      const lineEnd = eol < 0 ? text.length : eol;
      if (p === lineEnd) {
        if (indent < 0) leadingBlank = Math.max(leadingBlank, spaces);
        lines.push(indent >= 0 && spaces > indent ? text.slice(start + indent, lineEnd) : '');
      } else {
        if (indent < 0) {
          // An empty block scalar, or blank lines deeper than the text: left to js-yaml.
          if (spaces <= parent || spaces < leadingBlank) throw DECLINE;
          indent = spaces;
        } else if (spaces < indent) break;
        lines.push(text.slice(start + indent, lineEnd));
      }
      this.pos = eol < 0 ? text.length : eol + 1;
    }
    if (indent < 0) throw DECLINE;
    if (folded && lines.some((line) => line.charCodeAt(0) === SPACE)) throw DECLINE; // more-indented lines
    this.next = this.skipToContent();
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const body = folded ? fold(lines) : lines.join('\n');
    return strip ? body : `${body}\n`;
  }

  private toNextLine(): void {
    while (this.at() === SPACE) this.pos++;
    if (this.at() === HASH && this.text.charCodeAt(this.pos - 1) !== SPACE) throw DECLINE;
    const eol = this.text.indexOf('\n', this.pos);
    this.pos = eol < 0 ? this.text.length : eol + 1;
  }

  /** `'…'` or `"…"` starting at pos; lines inside must be indented more than `parent`. */
  private quoted(parent: number): string {
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
        // Folding: spaces around the break go, one break is a space, each empty line a newline.
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

  /** `[…]` or `{…}` starting at pos, possibly over several lines indented more than `parent`. */
  private flowCollection(parent: number): unknown {
    const isMap = this.at() === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    this.pos++;
    this.flowSpace(parent);
    if (this.at() === close) {
      this.pos++;
      return isMap ? {} : [];
    }
    // Only the one that is returned is allocated (the other is a shared, never-filled placeholder).
    const items: unknown[] = isMap ? NO_ITEMS : [];
    const map: Record<string, unknown> = isMap ? {} : NO_ENTRIES;
    for (;;) {
      if (isMap) {
        const key = this.flowKey();
        if (key === '__proto__' || Object.hasOwn(map, key)) throw DECLINE;
        this.flowSpace(parent);
        map[key] = this.flowNode(parent);
      } else {
        items.push(this.flowNode(parent));
      }
      this.flowSpace(parent);
      const c = this.at();
      this.pos++;
      if (c === close) return isMap ? map : items;
      if (c !== COMMA) throw DECLINE; // `[a: b]`, a missing comma, the end of the text
      this.flowSpace(parent);
      if (this.at() === close) throw DECLINE; // a trailing comma
    }
  }

  /** A flow mapping key and its `: ` (on one line). */
  private flowKey(): string {
    const c = this.at();
    let key: string;
    if (c === 0x22 || c === 0x27) {
      const line = this.pos;
      key = this.quoted(Number.MAX_SAFE_INTEGER - 1);
      if (this.text.lastIndexOf('\n', this.pos) > line) throw DECLINE;
      while (this.at() === SPACE) this.pos++;
    } else {
      const plain = this.plainInFlow();
      if (typeof resolvePlain(plain) !== 'string') throw DECLINE; // keys like `1:` or `null:`
      key = plain;
    }
    if (!(this.at() === COLON && (this.at(1) === SPACE || this.at(1) === LF))) throw DECLINE;
    this.pos++;
    return key;
  }

  private flowNode(parent: number): unknown {
    const c = this.at();
    if (c === 0x5b || c === 0x7b) return this.flowCollection(parent);
    if (c === 0x22 || c === 0x27) return this.quoted(parent);
    const plain = this.plainInFlow();
    return resolvePlain(plain);
  }

  /** A plain scalar inside a flow collection, on one line (the caller declines what follows if not `,` `]` `}`). */
  private plainInFlow(): string {
    const { text } = this;
    const start = this.pos;
    const c0 = text.charCodeAt(start);
    if (PLAIN_FORBIDDEN_START.has(c0)) throw DECLINE;
    const c1 = text.charCodeAt(start + 1);
    if ((c0 === DASH || c0 === COLON || c0 === 0x3f) && (isBlankOrEnd(c1) || isFlowIndicator(c1))) throw DECLINE;
    let p = start;
    let end = start;
    for (;;) {
      const c = text.charCodeAt(p);
      if (Number.isNaN(c) || c === LF || isFlowIndicator(c)) break;
      if (c === COLON) {
        const after = text.charCodeAt(p + 1);
        if (isBlankOrEnd(after)) break;
        if (isFlowIndicator(after)) throw DECLINE;
      }
      if (c === HASH && text.charCodeAt(p - 1) === SPACE) break;
      p++;
      if (c !== SPACE) end = p;
    }
    if (end === start) throw DECLINE;
    this.pos = end;
    return text.slice(start, end);
  }

  /** Spaces, line breaks and comments inside a flow collection; continuation lines indented more than `parent`. */
  private flowSpace(parent: number): void {
    const { text } = this;
    for (;;) {
      const c = this.at();
      if (c === SPACE) this.pos++;
      else if (c === HASH) {
        if (text.charCodeAt(this.pos - 1) !== SPACE && text.charCodeAt(this.pos - 1) !== LF) throw DECLINE;
        const eol = text.indexOf('\n', this.pos);
        this.pos = eol < 0 ? text.length : eol;
      } else if (c === LF) {
        this.pos++;
        let col = 0;
        while (this.at() === SPACE) {
          this.pos++;
          col++;
        }
        const d = this.at();
        if (d !== LF && col <= parent) throw DECLINE;
        if (col === 0 && (text.startsWith('---', this.pos) || text.startsWith('...', this.pos))) throw DECLINE;
      } else return;
    }
  }
}

/** `>` folding for lines that are not more indented: a single break is a space, empty lines are newlines. */
function fold(lines: readonly string[]): string {
  let out = '';
  let breaks = 0;
  let started = false;
  for (const line of lines) {
    if (line === '') {
      breaks++;
      continue;
    }
    if (!started) out += '\n'.repeat(breaks);
    else out += breaks === 0 ? ' ' : '\n'.repeat(breaks);
    out += line;
    breaks = 0;
    started = true;
  }
  return out;
}

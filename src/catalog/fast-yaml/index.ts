import { blockScalar } from './block-scalar.js';
import { COLON, cannotStartPlain, DASH, EOF, HASH, isBlankOrEnd, LF, PLAIN_FORBIDDEN_START, SPACE } from './cursor.js';
import { FlowReader } from './flow.js';
import { DECLINE, resolvePlain } from './scalars.js';

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
    return { value: new BlockReader(text).document() };
  } catch (e) {
    // A stack overflow cannot happen within the depth limits below; if it ever does, js-yaml decides.
    if (e === DECLINE || e instanceof RangeError) return undefined;
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

/**
 * js-yaml refuses more than 100 nested collections (with a position); the fast reader leaves it anything that
 * could come near: block collections start in columns 0–49 (so at most 50 levels), flow ones nest at most 49 deep.
 */
const MAX_BLOCK_COLUMN = 49;

/** What `plainInBlock` returns for a key (never a value: values are strings, numbers, booleans or null). */
const KEY = Symbol('key');

/** Block mappings and sequences, and the plain scalars in them; the whole document. */
class BlockReader extends FlowReader {
  /** The key `plainInBlock` read when it returned `KEY`. */
  private key = '';
  /** Plain key → the plain key that followed it in the last mapping that had it (see `nextBlockKey`). */
  private readonly keyAfter = new Map<string, string>();

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
   * A node whose first character is at `pos`, in column `col`, inside a block collection indented `parent`.
   * `inline`: it follows `key: ` on the same line, where no block collection may start.
   */
  private blockNode(col: number, parent: number, inline: boolean): unknown {
    const { text } = this;
    const c = text.charCodeAt(this.pos);
    if (c === DASH && isBlankOrEnd(text.charCodeAt(this.pos + 1))) {
      if (inline || col > MAX_BLOCK_COLUMN) throw DECLINE;
      return this.blockSequence(col);
    }
    if (c === 0x7c || c === 0x3e) return blockScalar(this, parent); // | >
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
      const value = this.plainInBlock(parent);
      if (value !== KEY) return value;
      key = this.key;
    }
    if (inline || col > MAX_BLOCK_COLUMN) throw DECLINE; // `a: b: c`; or too deep
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
      key = this.nextBlockKey(indent, key);
    }
  }

  /**
   * The key of the next entry, `previous` the one before it. Mappings of a list repeat their keys in the same
   * order: the key that followed `previous` last time is tried first (no scan, no new string to look up).
   */
  private nextBlockKey(indent: number, previous: string): string {
    const { text } = this;
    const p = this.pos;
    const guess = this.keyAfter.get(previous);
    if (guess !== undefined && text.startsWith(guess, p)) {
      const end = p + guess.length;
      const after = text.charCodeAt(end + 1);
      if (text.charCodeAt(end) === COLON && (after === SPACE || after === LF || Number.isNaN(after))) {
        this.pos = end;
        return guess;
      }
    }
    const c = text.charCodeAt(p);
    const key = this.blockKey(indent);
    // Only plain keys are guessed: a quoted key like `"1"` must not let `1:` through.
    if (c !== 0x22 && c !== 0x27) this.keyAfter.set(previous, key);
    return key;
  }

  /** A key at the start of an entry line of a mapping indented `indent`. */
  private blockKey(indent: number): string {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x22 || c === 0x27) {
      const line = this.pos;
      const key = this.quoted(indent);
      if (this.text.lastIndexOf('\n', this.pos) > line) throw DECLINE;
      while (this.at() === SPACE) this.pos++;
      if (this.at() === COLON && isBlankOrEnd(this.at(1))) return key;
      throw DECLINE;
    }
    if (this.plainInBlock(indent) !== KEY) throw DECLINE;
    return this.key;
  }

  /** Items collected on the shared stack, as in `flowCollection`, into an array of their exact length. */
  private blockSequence(indent: number): unknown[] {
    const { stack, text } = this;
    const base = stack.length;
    for (;;) {
      this.pos++; // the dash
      stack.push(this.valueAfterIndicator(indent, false));
      if (this.next > indent) throw DECLINE;
      // Less indented, or a key of the parent mapping at the same indentation: the sequence ends.
      const p = this.pos;
      if (this.next < indent || !(text.charCodeAt(p) === DASH && isBlankOrEnd(text.charCodeAt(p + 1)))) {
        const items = stack.slice(base);
        stack.length = base;
        return items;
      }
    }
  }

  /** The value after `key:` or `-` of a collection indented `indent`: on the same line, or below it. */
  private valueAfterIndicator(indent: number, inMapping: boolean): unknown {
    const { text } = this;
    let p = this.pos;
    let c = text.charCodeAt(p);
    while (c === SPACE) c = text.charCodeAt(++p);
    this.pos = p;
    if (c !== HASH && c !== LF && !Number.isNaN(c)) return this.blockNode(p - this.lineStart, indent, inMapping);
    this.endOfLine();
    const col = this.next;
    if (col > indent) return this.blockNode(col, indent, false);
    // `key:` followed by `- item` lines at the key's own indentation.
    p = this.pos;
    if (inMapping && col === indent && text.charCodeAt(p) === DASH && isBlankOrEnd(text.charCodeAt(p + 1))) {
      return this.blockSequence(col);
    }
    return null;
  }

  /**
   * A plain scalar in block context: either a key followed by `: ` (`KEY` returned, the key in `this.key`:
   * no object per scalar to say which) or a value, possibly continued on more-indented lines.
   */
  private plainInBlock(parent: number): unknown {
    const { text } = this;
    const first = this.plainLine();
    if (text.charCodeAt(this.pos) === COLON) {
      const key = resolvePlain(first);
      if (typeof key !== 'string' || key.length === 0) throw DECLINE; // keys like `1:` or `null:`
      this.key = key;
      return KEY;
    }
    let value = first;
    while (text.charCodeAt(this.pos) === LF) {
      // Continuation lines: more indented than the parent, no comment in between. The blank-line walk is written out
      // here and in `quoted` on purpose: this runs after every plain value that ends a line. Folded into shared
      // helpers (with the plain-start check of `plainLine`), the first 10k-flow read took 91 → 114 ms (medians of 11).
      let p = this.pos + 1;
      let breaks = 0;
      let col = 0;
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
      const c = text.charCodeAt(p);
      if (col <= parent || Number.isNaN(c) || c === HASH) break;
      if (col === 0 || cannotStartPlain(c) || c === DASH || c === COLON || c === 0x3f) throw DECLINE;
      this.pos = p;
      const more = this.plainLine();
      if (text.charCodeAt(this.pos) === COLON) throw DECLINE;
      value += breaks === 0 ? ` ${more}` : '\n'.repeat(breaks) + more;
      if (text.charCodeAt(this.pos) !== LF) break;
    }
    this.endOfLine();
    return resolvePlain(value);
  }

  /**
   * One line of a plain scalar in block context; stops before `: `, ` #` or the line end (trailing spaces
   * dropped). Indicators it cannot read decline.
   */
  private plainLine(): string {
    const { text } = this;
    const start = this.pos;
    const c0 = text.charCodeAt(start);
    if (c0 < 128 && PLAIN_FORBIDDEN_START[c0] === 1) throw DECLINE;
    if (c0 === DASH || c0 === COLON || c0 === 0x3f) {
      const c1 = text.charCodeAt(start + 1);
      if (c1 === SPACE || c1 === LF || Number.isNaN(c1)) throw DECLINE;
    }
    let p = start;
    let end = start;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === LF || Number.isNaN(c)) break;
      if (c === COLON) {
        const after = text.charCodeAt(p + 1);
        if (after === SPACE || after === LF || Number.isNaN(after)) break;
      } else if (c === HASH && text.charCodeAt(p - 1) === SPACE) break;
      p++;
      if (c !== SPACE) end = p;
    }
    // Before a comment, stop at the last character so `endOfLine` sees the space the comment needs.
    this.pos = text.charCodeAt(p) === HASH ? end : p;
    return text.slice(start, end);
  }
}

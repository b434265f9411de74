import {
  COLON,
  COMMA,
  Cursor,
  DASH,
  HASH,
  isBlankOrEnd,
  isFlowIndicator,
  LF,
  PLAIN_FORBIDDEN_START,
  SPACE,
} from './cursor.js';
import { DECLINE, resolvePlain } from './scalars.js';

/** A run of characters that never end a flow plain scalar, separated by spaces (ends on a non-space). */
const FLOW_WORDS = /[^\n:#,[\]{} ]+(?: +[^\n:#,[\]{} ]+)*/y;

const MAX_FLOW_DEPTH = 48;

/** Flow collections (`[…]`, `{…}`) and the plain scalars inside them. */
export class FlowReader extends Cursor {
  /** Items of the sequences being read, nested ones above their parent's (see `flowCollection`). */
  protected readonly stack: unknown[] = [];
  /** How many flow collections `flowNode` is inside. */
  private flowDepth = 0;
  /** Plain flow key → the plain key that followed it last time (flow scalars stop earlier than block ones). */
  private readonly flowKeyAfter = new Map<string, string>();

  /** `[…]` or `{…}` starting at pos, possibly over several lines indented more than `parent`. */
  flowCollection(parent: number): unknown {
    const { text } = this;
    const isMap = text.charCodeAt(this.pos) === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    this.pos++;
    this.flowSpace(parent);
    if (text.charCodeAt(this.pos) === close) {
      this.pos++;
      return isMap ? {} : [];
    }
    if (isMap) {
      const map: Record<string, unknown> = {};
      let key = this.flowKey();
      for (;;) {
        if (key === '__proto__' || Object.hasOwn(map, key)) throw DECLINE;
        this.flowSpace(parent);
        map[key] = this.flowNode(parent);
        if (this.flowSeparator(parent, close)) return map;
        key = this.nextFlowKey(key);
      }
    }
    // Items go on a stack shared by all sequences, then into an array of their exact length: an array grown
    // by `push` keeps room for 17 items, and the parsed value is kept, copied by each young-generation GC.
    const { stack } = this;
    const base = stack.length;
    for (;;) {
      stack.push(this.flowNode(parent));
      if (this.flowSeparator(parent, close)) {
        const items = stack.slice(base);
        stack.length = base;
        return items;
      }
    }
  }

  /** After an entry: the closing bracket (true) or a `,` and more entries (false). */
  private flowSeparator(parent: number, close: number): boolean {
    const { text } = this;
    let c = text.charCodeAt(this.pos);
    if (c === SPACE || c === LF || c === HASH) {
      this.flowSpace(parent);
      c = text.charCodeAt(this.pos);
    }
    this.pos++;
    if (c === close) return true;
    if (c !== COMMA) throw DECLINE; // `[a: b]`, a missing comma, the end of the text
    c = text.charCodeAt(this.pos);
    if (c === SPACE || c === LF || c === HASH) {
      this.flowSpace(parent);
      c = text.charCodeAt(this.pos);
    }
    if (c === close) throw DECLINE; // a trailing comma
    return false;
  }

  /** The key after `previous` in a flow mapping: guessed first, as `nextBlockKey` does for block mappings. */
  private nextFlowKey(previous: string): string {
    const { text } = this;
    const p = this.pos;
    const guess = this.flowKeyAfter.get(previous);
    if (guess !== undefined && text.startsWith(guess, p)) {
      const end = p + guess.length;
      const after = text.charCodeAt(end + 1);
      if (text.charCodeAt(end) === COLON && (after === SPACE || after === LF)) {
        this.pos = end + 1;
        return guess;
      }
    }
    const c = text.charCodeAt(p);
    const key = this.flowKey();
    if (c !== 0x22 && c !== 0x27) this.flowKeyAfter.set(previous, key); // never a quoted key (`"1"`)
    return key;
  }

  /** A flow mapping key and its `: ` (on one line). */
  private flowKey(): string {
    const { text } = this;
    const c = text.charCodeAt(this.pos);
    let key: string;
    if (c === 0x22 || c === 0x27) {
      const line = this.pos;
      key = this.quoted(Number.MAX_SAFE_INTEGER - 1);
      if (this.text.lastIndexOf('\n', this.pos) > line) throw DECLINE;
      while (text.charCodeAt(this.pos) === SPACE) this.pos++;
    } else {
      const plain = this.plainInFlow();
      if (typeof resolvePlain(plain) !== 'string') throw DECLINE; // keys like `1:` or `null:`
      key = plain;
    }
    const p = this.pos;
    const after = text.charCodeAt(p + 1);
    if (!(text.charCodeAt(p) === COLON && (after === SPACE || after === LF))) throw DECLINE;
    this.pos = p + 1;
    return key;
  }

  private flowNode(parent: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x5b || c === 0x7b) {
      // Nested collections: deep ones are js-yaml's to refuse (see MAX_BLOCK_COLUMN in index.ts).
      if (++this.flowDepth > MAX_FLOW_DEPTH) throw DECLINE;
      const value = this.flowCollection(parent);
      this.flowDepth--;
      return value;
    }
    if (c === 0x22 || c === 0x27) return this.quoted(parent);
    const plain = this.plainInFlow();
    return resolvePlain(plain);
  }

  /** A plain scalar inside a flow collection, on one line (the caller declines what follows if not `,` `]` `}`). */
  private plainInFlow(): string {
    const { text } = this;
    const start = this.pos;
    // The start check is written out here and in `plainLine` (block) on purpose: it runs once per scalar.
    const c0 = text.charCodeAt(start);
    if (c0 < 128 && PLAIN_FORBIDDEN_START[c0] === 1) throw DECLINE;
    if (c0 === DASH || c0 === COLON || c0 === 0x3f) {
      const c1 = text.charCodeAt(start + 1);
      if (isBlankOrEnd(c1) || isFlowIndicator(c1)) throw DECLINE;
    }
    // Most scalars are words separated by single spaces, ended by `,` `]` `}` or a key's `: `: a sticky pattern
    // finds that run in native code from the first call (the loop below runs in the interpreter for a while).
    FLOW_WORDS.lastIndex = start;
    if (FLOW_WORDS.test(text)) {
      const wordsEnd = FLOW_WORDS.lastIndex;
      let q = wordsEnd;
      let c = text.charCodeAt(q);
      while (c === SPACE) c = text.charCodeAt(++q);
      const ends =
        c === COMMA || c === 0x5d || c === 0x7d || c === LF || Number.isNaN(c)
          ? true
          : c === COLON && q === wordsEnd
            ? isBlankOrEnd(text.charCodeAt(q + 1))
            : false;
      if (ends) {
        this.pos = wordsEnd;
        return text.slice(start, wordsEnd);
      }
    }
    // Anything else (`a:b`, `x#y`, `a :b`, a comment, `[` `{` inside): character by character.
    let p = start;
    let end = start;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c > COLON) {
        if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) break;
      } else {
        if (c === COMMA || c === LF || Number.isNaN(c)) break; // NaN: the end of the text
        if (c === COLON) {
          const after = text.charCodeAt(p + 1);
          if (after === SPACE || after === LF || Number.isNaN(after)) break;
          if (after === COMMA || after === 0x5b || after === 0x5d || after === 0x7b || after === 0x7d) throw DECLINE;
        } else if (c === HASH && text.charCodeAt(p - 1) === SPACE) break;
      }
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
      const c = text.charCodeAt(this.pos);
      if (c === SPACE) this.pos++;
      else if (c === HASH) {
        if (text.charCodeAt(this.pos - 1) !== SPACE && text.charCodeAt(this.pos - 1) !== LF) throw DECLINE;
        const eol = text.indexOf('\n', this.pos);
        this.pos = eol < 0 ? text.length : eol;
      } else if (c === LF) {
        this.pos++;
        let col = 0;
        while (text.charCodeAt(this.pos) === SPACE) {
          this.pos++;
          col++;
        }
        const d = text.charCodeAt(this.pos);
        if (d !== LF && col <= parent) throw DECLINE;
        if (col === 0 && (text.startsWith('---', this.pos) || text.startsWith('...', this.pos))) throw DECLINE;
      } else return;
    }
  }
}

import {
  COLON,
  COMMA,
  Cursor,
  cannotStartPlain,
  DASH,
  HASH,
  isBlankOrEnd,
  isFlowIndicator,
  LF,
  SPACE,
} from './fast-yaml-cursor.js';
import { DECLINE, resolvePlain } from './fast-yaml-scalars.js';

/** Flow collections (`[…]`, `{…}`) and the plain scalars inside them. */
export class FlowReader extends Cursor {
  /** Items of the sequences being read, nested ones above their parent's (see `flowCollection`). */
  protected readonly stack: unknown[] = [];

  /** `[…]` or `{…}` starting at pos, possibly over several lines indented more than `parent`. */
  flowCollection(parent: number): unknown {
    const isMap = this.at() === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    this.pos++;
    this.flowSpace(parent);
    if (this.at() === close) {
      this.pos++;
      return isMap ? {} : [];
    }
    if (isMap) {
      const map: Record<string, unknown> = {};
      for (;;) {
        const key = this.flowKey();
        if (key === '__proto__' || Object.hasOwn(map, key)) throw DECLINE;
        this.flowSpace(parent);
        map[key] = this.flowNode(parent);
        if (this.flowSeparator(parent, close)) return map;
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
    this.flowSpace(parent);
    const c = this.at();
    this.pos++;
    if (c === close) return true;
    if (c !== COMMA) throw DECLINE; // `[a: b]`, a missing comma, the end of the text
    this.flowSpace(parent);
    if (this.at() === close) throw DECLINE; // a trailing comma
    return false;
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
    if (cannotStartPlain(c0)) throw DECLINE;
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

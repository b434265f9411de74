/**
 * A strict reader of the HCL subset the cloud targets write (terraform is not installed here, so this is the
 * syntax check): top-level comments, blocks with quoted labels, `key = value` lines where a value is a string, an
 * integer, a reference (`var.x`, `aws_security_group.web.id`), a bare type keyword, a list of strings, or a
 * one-line object. Strings may not start an interpolation (`${`) or a directive (`%{`) and may only use the escapes
 * HCL defines. Anything else throws.
 */
export type HclValue =
  | { readonly str: string }
  | { readonly num: number }
  | { readonly ref: string }
  | { readonly list: readonly string[] }
  | { readonly obj: Readonly<Record<string, HclValue>> };

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly attrs: Readonly<Record<string, HclValue>>;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters are what must be refused.
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

class Reader {
  at = 0;
  constructor(
    readonly text: string,
    readonly line: number,
  ) {}
  fail(what: string): never {
    throw new Error(`line ${this.line}: ${what} at ${JSON.stringify(this.text.slice(this.at, this.at + 30))}`);
  }
  eat(s: string): void {
    if (!this.text.startsWith(s, this.at)) this.fail(`expected ${JSON.stringify(s)}`);
    this.at += s.length;
  }
  ident(): string {
    const m = IDENT.exec(this.text.slice(this.at));
    if (!m) this.fail('expected an identifier');
    this.at += m[0].length;
    return m[0];
  }
  string(): string {
    this.eat('"');
    let out = '';
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) this.fail('unterminated string');
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c === '\\') {
        const e = this.text[this.at + 1];
        const simple: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.at += 2;
        } else if (e === 'u' && /^[0-9a-f]{4}$/i.test(this.text.slice(this.at + 2, this.at + 6))) {
          out += String.fromCharCode(Number.parseInt(this.text.slice(this.at + 2, this.at + 6), 16));
          this.at += 6;
        } else this.fail('bad escape');
        continue;
      }
      if ((c === '$' || c === '%') && this.text[this.at + 1] === c && this.text[this.at + 2] === '{') {
        out += `${c}{`;
        this.at += 3;
        continue;
      }
      if ((c === '$' || c === '%') && this.text[this.at + 1] === '{') this.fail('template sequence in a string');
      if (CONTROL_CHAR.test(c)) this.fail('raw control character in a string');
      out += c;
      this.at++;
    }
  }
  value(): HclValue {
    const c = this.text[this.at];
    if (c === '"') return { str: this.string() };
    if (c === '[') {
      this.eat('[');
      const list: string[] = [];
      while (this.text[this.at] !== ']') {
        if (list.length > 0) this.eat(', ');
        list.push(this.string());
      }
      this.eat(']');
      return { list };
    }
    if (c === '{') {
      if (this.text.startsWith('{}', this.at)) {
        this.at += 2;
        return { obj: {} };
      }
      this.eat('{ ');
      const obj: Record<string, HclValue> = {};
      for (let first = true; this.text[this.at] !== '}'; first = false) {
        if (!first) this.eat(', ');
        const key = this.text[this.at] === '"' ? this.string() : this.ident();
        if (key in obj) this.fail(`duplicate key ${key}`);
        this.eat(' = ');
        obj[key] = this.value();
        if (this.text[this.at] === ' ') this.at++;
      }
      this.eat('}');
      return { obj };
    }
    const num = /^-?\d+/.exec(this.text.slice(this.at));
    if (num) {
      this.at += num[0].length;
      return { num: Number(num[0]) };
    }
    const parts = [this.ident()];
    while (this.text[this.at] === '.') {
      this.at++;
      parts.push(this.ident());
    }
    return { ref: parts.join('.') };
  }
  end(): void {
    if (this.at !== this.text.length) this.fail('trailing text');
  }
}

export function parseHcl(text: string): HclBlock[] {
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('no final line break');
  const blocks: HclBlock[] = [];
  let current: { type: string; labels: string[]; attrs: Record<string, HclValue> } | undefined;
  lines.forEach((line, i) => {
    const r = new Reader(line, i + 1);
    if (current === undefined) {
      if (line === '' || (/^# /.test(line) && !CONTROL_CHAR.test(line))) return;
      const type = r.ident();
      const labels: string[] = [];
      while (r.text.startsWith(' "', r.at)) {
        r.eat(' ');
        labels.push(r.string());
      }
      r.eat(' {');
      r.end();
      current = { type, labels, attrs: {} };
      return;
    }
    if (line === '}') {
      blocks.push(current);
      current = undefined;
      return;
    }
    r.eat('  ');
    const key = r.ident();
    if (key in current.attrs) r.fail(`duplicate attribute ${key}`);
    while (r.text[r.at] === ' ') r.at++;
    r.eat('= ');
    current.attrs[key] = r.value();
    r.end();
  });
  if (current) throw new Error('unterminated block');
  return blocks;
}

export const str = (v: HclValue | undefined): string | undefined => (v && 'str' in v ? v.str : undefined);
export const num = (v: HclValue | undefined): number | undefined => (v && 'num' in v ? v.num : undefined);
export const ref = (v: HclValue | undefined): string | undefined => (v && 'ref' in v ? v.ref : undefined);
export const list = (v: HclValue | undefined): readonly string[] | undefined => (v && 'list' in v ? v.list : undefined);

import { fail, ok, type Result } from '../../model/issues.js';
import { type ConfigFile, configIssue } from '../../ruleset/config-file.js';

/**
 * A reader of the HCL subset people write in Terraform files (the cloud targets' readers share it; `hcl.ts` is the
 * writer): blocks with labels, `key = value` attributes, strings with HCL's escapes, numbers, booleans, `null`,
 * lists, objects, references (`var.vpc_id`, `aws_security_group.web.id`) and heredocs; `#`, `//` and `/* *\/`
 * comments; any whitespace. What it does not evaluate (an interpolation, a function call, an operator) is an error at
 * its line and column, never a guess: a value Terraform computes is not a value this reader can know.
 */
export type HclValue =
  | { readonly kind: 'string'; readonly value: string; readonly at: HclPos }
  | { readonly kind: 'number'; readonly value: number; readonly at: HclPos }
  | { readonly kind: 'bool'; readonly value: boolean; readonly at: HclPos }
  | { readonly kind: 'null'; readonly at: HclPos }
  | { readonly kind: 'list'; readonly items: readonly HclValue[]; readonly at: HclPos }
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, HclValue>; readonly at: HclPos }
  | { readonly kind: 'ref'; readonly path: string; readonly at: HclPos };

export interface HclPos {
  readonly line: number;
  readonly col: number;
}

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly attributes: ReadonlyMap<string, HclValue>;
  readonly blocks: readonly HclBlock[];
  readonly at: HclPos;
}

class HclError extends Error {
  constructor(
    readonly at: HclPos,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', n: '\n', r: '\r', t: '\t' };

class Reader {
  private at = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  pos(): HclPos {
    return { line: this.line, col: this.at - this.lineStart + 1 };
  }

  private fail(message: string, hint?: string): never {
    throw new HclError(this.pos(), message, hint);
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.at + offset];
  }

  private advance(): string {
    const c = this.text[this.at++] as string;
    if (c === '\n') {
      this.line++;
      this.lineStart = this.at;
    }
    return c;
  }

  /** Skips spaces and comments; with `newlines`, line breaks too. Returns whether a line break was crossed. */
  private skip(newlines: boolean): boolean {
    let crossed = false;
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') this.advance();
      else if (c === '\n' && newlines) {
        crossed = true;
        this.advance();
      } else if (c === '#' || (c === '/' && this.peek(1) === '/')) {
        while (this.peek() !== undefined && this.peek() !== '\n') this.advance();
      } else if (c === '/' && this.peek(1) === '*') {
        const start = this.pos();
        this.advance();
        this.advance();
        while (!(this.peek() === '*' && this.peek(1) === '/')) {
          if (this.peek() === undefined) throw new HclError(start, 'unterminated /* comment', 'close it with */');
          this.advance();
        }
        this.advance();
        this.advance();
      } else return crossed;
    }
  }

  private ident(): string {
    const c = this.peek();
    if (c === undefined || !IDENT_START.test(c)) this.fail(`expected a name, found ${describe(c)}`);
    let out = '';
    while (this.peek() !== undefined && IDENT_PART.test(this.peek() as string)) out += this.advance();
    return out;
  }

  private string(): string {
    const start = this.pos();
    this.advance();
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '\n') throw new HclError(start, 'unterminated string', 'close it with "');
      if (c === '"') {
        this.advance();
        return out;
      }
      if (c === '\\') {
        this.advance();
        const e = this.peek() ?? '';
        if (e in SIMPLE_ESCAPES) {
          out += SIMPLE_ESCAPES[e];
          this.advance();
        } else if (e === 'u' || e === 'U') {
          const width = e === 'u' ? 4 : 8;
          const hex = this.text.slice(this.at + 1, this.at + 1 + width);
          if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex))
            this.fail(`bad \\${e} escape`, `write \\${e} and ${width} hex digits`);
          const code = Number.parseInt(hex, 16);
          if (code > 0x10ffff) this.fail(`\\${e}${hex} is beyond Unicode`);
          out += String.fromCodePoint(code);
          for (let k = 0; k <= width; k++) this.advance();
        } else this.fail(`unknown escape \\${e}`, 'HCL knows \\\\ \\" \\n \\r \\t \\uNNNN \\UNNNNNNNN');
        continue;
      }
      if ((c === '$' || c === '%') && this.peek(1) === c && this.peek(2) === '{') {
        out += `${c}{`;
        this.advance();
        this.advance();
        this.advance();
        continue;
      }
      if ((c === '$' || c === '%') && this.peek(1) === '{') {
        const what = c === '$' ? 'an interpolation $' : 'a template directive %';
        this.fail(`${what}{…} is computed by Terraform`, 'write the literal value (or $${ for a literal ${)');
      }
      out += this.advance();
    }
  }

  private heredoc(): string {
    const start = this.pos();
    this.advance();
    this.advance();
    const indented = this.peek() === '-';
    if (indented) this.advance();
    const marker = this.ident();
    this.skip(false);
    if (this.peek() !== '\n') this.fail('a heredoc marker ends its line');
    this.advance();
    const lines: string[] = [];
    for (;;) {
      if (this.peek() === undefined) throw new HclError(start, `unterminated heredoc <<${marker}`);
      let line = '';
      while (this.peek() !== undefined && this.peek() !== '\n') line += this.advance();
      if (this.peek() === '\n') this.advance();
      if (line.trim() === marker) break;
      if (/[$%]\{/.test(line.replace(/\$\$\{|%%\{/g, '')))
        this.fail('an interpolation in a heredoc is computed by Terraform');
      lines.push(line.replace(/\r$/, ''));
    }
    if (indented) {
      const margin = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
      return lines.map((l) => l.slice(Number.isFinite(margin) ? margin : 0)).join('\n') + (lines.length ? '\n' : '');
    }
    return lines.join('\n') + (lines.length ? '\n' : '');
  }

  value(): HclValue {
    this.skip(false);
    const at = this.pos();
    const c = this.peek();
    if (c === '"') return { kind: 'string', value: this.string(), at };
    if (c === '<' && this.peek(1) === '<') return { kind: 'string', value: this.heredoc(), at };
    if (c === '[') return { kind: 'list', items: this.list(), at };
    if (c === '{') return { kind: 'object', entries: this.object(), at };
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 40));
    if (num) {
      for (let k = 0; k < num[0].length; k++) this.advance();
      return { kind: 'number', value: Number(num[0]), at };
    }
    if (c !== undefined && IDENT_START.test(c)) {
      const parts = [this.ident()];
      for (;;) {
        if (this.peek() === '.' && IDENT_START.test(this.peek(1) ?? '')) {
          this.advance();
          parts.push(this.ident());
        } else if (this.peek() === '[' && /\d/.test(this.peek(1) ?? '')) {
          let index = '';
          this.advance();
          while (/\d/.test(this.peek() ?? '')) index += this.advance();
          if (this.peek() !== ']') this.fail('expected ]');
          this.advance();
          parts.push(`[${index}]`);
        } else break;
      }
      this.skip(false);
      if (this.peek() === '(')
        this.fail(`function ${parts.join('.')}() is computed by Terraform`, 'write the literal value');
      const path = parts.join('.').replace(/\.\[/g, '[');
      if (path === 'true' || path === 'false') return { kind: 'bool', value: path === 'true', at };
      if (path === 'null') return { kind: 'null', at };
      return { kind: 'ref', path, at };
    }
    this.fail(`expected a value, found ${describe(c)}`);
  }

  private list(): HclValue[] {
    this.advance();
    const items: HclValue[] = [];
    for (;;) {
      this.skip(true);
      if (this.peek() === ']') {
        this.advance();
        return items;
      }
      items.push(this.value());
      this.skip(true);
      if (this.peek() === ',') this.advance();
      else if (this.peek() !== ']') this.fail(`expected , or ] in a list, found ${describe(this.peek())}`);
    }
  }

  private object(): Map<string, HclValue> {
    this.advance();
    const entries = new Map<string, HclValue>();
    for (;;) {
      this.skip(true);
      if (this.peek() === '}') {
        this.advance();
        return entries;
      }
      const keyAt = this.pos();
      const key = this.peek() === '"' ? this.string() : this.ident();
      this.skip(false);
      if (this.peek() !== '=' && this.peek() !== ':') this.fail('expected = after an object key');
      this.advance();
      if (entries.has(key)) throw new HclError(keyAt, `key "${key}" given twice`);
      entries.set(key, this.value());
      this.skip(false);
      if (this.peek() === ',') this.advance();
      else if (this.peek() !== '}' && this.peek() !== '\n') {
        this.fail(`expected , or } in an object, found ${describe(this.peek())}`);
      }
    }
  }

  /** A body: attributes and blocks until `}` (nested) or the end of the text (top level). */
  body(nested: boolean): { attributes: Map<string, HclValue>; blocks: HclBlock[] } {
    const attributes = new Map<string, HclValue>();
    const blocks: HclBlock[] = [];
    for (;;) {
      this.skip(true);
      const c = this.peek();
      if (c === undefined) {
        if (nested) this.fail('unterminated block', 'close it with }');
        return { attributes, blocks };
      }
      if (c === '}') {
        if (!nested) this.fail('} without a block to close');
        this.advance();
        return { attributes, blocks };
      }
      const at = this.pos();
      const name = this.ident();
      this.skip(false);
      if (this.peek() === '=' && this.peek(1) !== '=') {
        this.advance();
        if (attributes.has(name)) throw new HclError(at, `attribute ${name} given twice`);
        attributes.set(name, this.value());
        this.skip(false);
        const end = this.peek();
        if (end !== undefined && end !== '\n' && end !== '}') {
          this.fail(
            `unexpected ${describe(end)} after the value of ${name}`,
            'one attribute per line; operators are not read',
          );
        }
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        this.skip(false);
        if (this.peek() === '"') labels.push(this.string());
        else if (IDENT_START.test(this.peek() ?? '')) labels.push(this.ident());
        else break;
      }
      if (this.peek() !== '{') this.fail(`expected = or { after ${name}, found ${describe(this.peek())}`);
      this.advance();
      const inner = this.body(true);
      blocks.push({ type: name, labels, attributes: inner.attributes, blocks: inner.blocks, at });
    }
  }
}

const describe = (c: string | undefined): string => (c === undefined ? 'the end of the file' : JSON.stringify(c));

/** Every top-level block of a Terraform file, or the first error at its line and column. */
export function readHcl(file: ConfigFile): Result<HclBlock[]> {
  try {
    const body = new Reader(file.text).body(false);
    const stray = [...body.attributes.values()][0];
    if (stray)
      return fail([configIssue(file.path, stray.at.line, 'an attribute outside any block', undefined, stray.at.col)]);
    return ok(body.blocks);
  } catch (e) {
    if (!(e instanceof HclError)) throw e;
    return fail([configIssue(file.path, e.at.line, e.message, e.hint, e.at.col)]);
  }
}

/** Typed access to one attribute, with the file position for the reader's own errors. */
export const hclString = (v: HclValue | undefined): string | undefined => (v?.kind === 'string' ? v.value : undefined);
export const hclNumber = (v: HclValue | undefined): number | undefined => {
  if (v?.kind === 'number') return v.value;
  // Terraform converts "22" to 22 where a number is expected.
  if (v?.kind === 'string' && /^-?\d+$/.test(v.value.trim())) return Number(v.value);
  return undefined;
};
export const hclStrings = (v: HclValue | undefined): string[] | undefined =>
  v?.kind === 'list' && v.items.every((i) => i.kind === 'string')
    ? v.items.map((i) => (i as { value: string }).value)
    : undefined;
export const hclRef = (v: HclValue | undefined): string | undefined => (v?.kind === 'ref' ? v.path : undefined);

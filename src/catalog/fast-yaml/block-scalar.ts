import { type Cursor, DASH, HASH, isBlankOrEnd, SPACE } from './cursor.js';
import { DECLINE } from './scalars.js';

/**
 * `|` or `>` at the cursor with optional `-` chomping, in a collection indented `parent`; explicit
 * indentation and `+` decline. Leaves the cursor on the next content line (its column in `next`).
 */
export function blockScalar(r: Cursor, parent: number): string {
  const { text } = r;
  const folded = r.at() === 0x3e;
  r.pos++;
  let strip = false;
  if (r.at() === DASH) {
    strip = true;
    r.pos++;
  }
  if (!isBlankOrEnd(r.at()) && r.at() !== HASH) throw DECLINE;
  toNextLine(r);
  const lines: string[] = [];
  let indent = -1;
  let leadingBlank = 0;
  while (r.pos < text.length) {
    const start = r.pos;
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
    r.pos = eol < 0 ? text.length : eol + 1;
  }
  if (indent < 0) throw DECLINE;
  if (folded && lines.some((line) => line.charCodeAt(0) === SPACE)) throw DECLINE; // more-indented lines
  r.next = r.skipToContent();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const body = folded ? fold(lines) : lines.join('\n');
  return strip ? body : `${body}\n`;
}

/** Past the header's spaces and comment to the start of the next line. */
function toNextLine(r: Cursor): void {
  while (r.at() === SPACE) r.pos++;
  if (r.at() === HASH && r.text.charCodeAt(r.pos - 1) !== SPACE) throw DECLINE;
  const eol = r.text.indexOf('\n', r.pos);
  r.pos = eol < 0 ? r.text.length : eol + 1;
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

/** A place in a text: 1-based line and column (the column counts UTF-16 units, as editors do for this ASCII text). */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export type JsonScan =
  | { readonly ok: true; readonly elements: readonly TextPosition[] }
  | { readonly ok: false; readonly at: TextPosition; readonly message: string };

// What the scanner waits for next.
const VALUE = 0;
const VALUE_OR_END = 1; // just after `[`
const KEY = 2; // after `,` in an object
const KEY_OR_END = 3; // just after `{`
const COLON = 4;
const COMMA_OR_END = 5;
const DONE = 6;

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Checks a JSON text and finds where each element of its top-level `"nftables"` array starts, in one pass and
 * without building values (JSON.parse builds them, natively). `nft -j` writes everything on one line, so the
 * element's column is what tells rules apart. Errors carry the line and column JSON.parse does not always give
 * ("Unexpected token '}', … is not valid JSON" says no position).
 */
export function scanNftJson(text: string): JsonScan {
  // Containers open: true for an object; and where each was opened, for "never closed".
  const objects: boolean[] = [];
  const openedAt: number[] = [];
  let elements: TextPosition[] = [];
  let collectingDepth = 0; // the depth of the "nftables" array while inside it
  let topKey = '';
  let expect = VALUE;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  const here = (offset: number): TextPosition => ({ line, column: offset - lineStart + 1 });
  const fail = (offset: number, message: string): JsonScan => ({ ok: false, at: here(offset), message });
  const valueDone = () => {
    expect = objects.length === 0 ? DONE : COMMA_OR_END;
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 10) {
      line++;
      lineStart = ++i;
      continue;
    }
    switch (expect) {
      case DONE:
        return fail(i, 'text after the end of the JSON value');
      case COLON:
        if (c !== 58) return fail(i, `expected ":" after the property name, found ${shown(text, i)}`);
        expect = VALUE;
        i++;
        continue;
      case COMMA_OR_END: {
        const inObject = objects[objects.length - 1] === true;
        if (c === 44) {
          expect = inObject ? KEY : VALUE;
          i++;
          continue;
        }
        if (c === (inObject ? 125 : 93)) {
          if (objects.length === collectingDepth) collectingDepth = 0;
          objects.pop();
          openedAt.pop();
          i++;
          valueDone();
          continue;
        }
        return fail(i, `expected "," or "${inObject ? '}' : ']'}", found ${shown(text, i)}`);
      }
      case KEY:
      case KEY_OR_END: {
        if (c === 125 && expect === KEY_OR_END) {
          objects.pop();
          openedAt.pop();
          i++;
          valueDone();
          continue;
        }
        if (c !== QUOTE)
          return fail(
            i,
            c === 125 ? 'a comma before "}"' : `expected a property name in double quotes, found ${shown(text, i)}`,
          );
        const end = stringEnd(text, i);
        if (typeof end !== 'number') return fail(end.offset, end.message);
        if (objects.length === 1) topKey = keyText(text.slice(i + 1, end - 1));
        i = end;
        expect = COLON;
        continue;
      }
    }
    // A value (VALUE or VALUE_OR_END).
    if (c === 93 && expect === VALUE_OR_END) {
      if (objects.length === collectingDepth) collectingDepth = 0;
      objects.pop();
      openedAt.pop();
      i++;
      valueDone();
      continue;
    }
    if (objects.length === collectingDepth && collectingDepth > 0) elements.push(here(i));
    if (c === 123 || c === 91) {
      // The "nftables" array of the top object; a second one replaces the first, as in JSON.parse.
      if (c === 91 && objects.length === 1 && objects[0] === true && topKey === 'nftables') {
        collectingDepth = 2;
        elements = [];
      }
      objects.push(c === 123);
      openedAt.push(i);
      expect = c === 123 ? KEY_OR_END : VALUE_OR_END;
      i++;
      continue;
    }
    let end: number | { offset: number; message: string };
    if (c === QUOTE) end = stringEnd(text, i);
    else if (c === 45 || (c >= 48 && c <= 57)) end = numberEnd(text, i);
    else if (text.startsWith('true', i)) end = i + 4;
    else if (text.startsWith('false', i)) end = i + 5;
    else if (text.startsWith('null', i)) end = i + 4;
    else if (c === 93 && objects[objects.length - 1] === false) return fail(i, 'a comma before "]"');
    else return fail(i, `expected a value, found ${shown(text, i)}`);
    if (typeof end !== 'number') return fail(end.offset, end.message);
    i = end;
    valueDone();
  }
  if (expect === DONE) return { ok: true, elements };
  const open = openedAt[openedAt.length - 1];
  if (open === undefined) return fail(n, 'no JSON value in the file');
  const opened = positionOf(text, open);
  return fail(
    n,
    `the file ends inside the ${objects[objects.length - 1] ? '"{"' : '"["'} opened at ${opened.line}:${opened.column}`,
  );
}

/** The offset after a string's closing quote, or why the string is malformed. */
function stringEnd(text: string, start: number): number | { offset: number; message: string } {
  const n = text.length;
  for (let i = start + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
          return { offset: i, message: '"\\u" takes four hexadecimal digits' };
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else return { offset: i, message: `"\\${e ?? ''}" is not a JSON escape` };
    } else if (c < 32) return { offset: i, message: 'a control character (a line break?) inside a string' };
  }
  return { offset: start, message: 'this string is never closed' };
}

/** The offset after a JSON number (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or why it is malformed. */
function numberEnd(text: string, start: number): number | { offset: number; message: string } {
  const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  m.lastIndex = start;
  if (!m.exec(text)) return { offset: start, message: `expected a number, found ${shown(text, start)}` };
  const next = text.charCodeAt(m.lastIndex);
  if ((next >= 48 && next <= 57) || next === 46 || next === 101 || next === 69)
    return { offset: start, message: 'a malformed number' };
  return m.lastIndex;
}

/** A key as JSON.parse reads it (escapes are rare in keys: decoded only when present). */
const keyText = (raw: string): string => (raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw);

const shown = (text: string, i: number): string => JSON.stringify(text.slice(i, i + 12));

/** Line and column of an offset (for the rare error that points back). */
function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

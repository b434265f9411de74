/**
 * `when` expressions: which features a flow needs. Grammar (lowest precedence first):
 *   or  := and ('||' and)*
 *   and := not ('&&' not)*
 *   not := '!' not | atom
 *   atom := feature | '(' or ')'
 * Feature names use the id alphabet (`adfs-onprem`, `wifi.guest`).
 */
export type WhenAst =
  | { readonly kind: 'feature'; readonly name: string }
  | { readonly kind: 'not'; readonly operand: WhenAst }
  | { readonly kind: 'and' | 'or'; readonly left: WhenAst; readonly right: WhenAst };

/** A refusal says what was wrong in English (`message`) and French (`fr`), and where (`offset`, 0-based). */
export type WhenParse =
  | { readonly ok: true; readonly value: WhenAst }
  | { readonly ok: false; readonly message: string; readonly fr: string; readonly offset: number };

type Refusal = { message: string; fr: string; offset: number };

type Token = { readonly text: string; readonly offset: number };

const NAME = /[A-Za-z0-9_.-]/;

function tokenize(text: string): Token[] | Refusal {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t') {
      i++;
    } else if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      tokens.push({ text: text.slice(i, i + 2), offset: i });
      i += 2;
    } else if (ch === '!' || ch === '(' || ch === ')') {
      tokens.push({ text: ch, offset: i });
      i++;
    } else if (NAME.test(ch)) {
      const start = i;
      while (i < text.length && NAME.test(text[i] as string)) i++;
      tokens.push({ text: text.slice(start, i), offset: start });
    } else {
      return { message: `unexpected character "${ch}"`, fr: `caractère inattendu "${ch}"`, offset: i };
    }
  }
  return tokens;
}

class WhenSyntaxError {
  constructor(readonly refusal: Refusal) {}
}

/** What the parser expected, in both languages. */
type Expected = { readonly fr: string; readonly en: string };
const FEATURE_NAME: Expected = { fr: 'un nom de fonctionnalité', en: 'a feature name' };
const CLOSING: Expected = { fr: '")"', en: '")"' };
const OPERATOR_OR_END: Expected = { fr: '"&&", "||" ou la fin de l’expression', en: '"&&", "||" or end of expression' };

export function parseWhen(text: string): WhenParse {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { ok: false, ...tokens };
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (expected: Expected): never => {
    const t = peek();
    throw new WhenSyntaxError({
      message: `expected ${expected.en}, found ${t ? `"${t.text}"` : 'end of expression'}`,
      fr: `on attend ${expected.fr}, pas ${t ? `"${t.text}"` : 'la fin de l’expression'}`,
      offset: t?.offset ?? text.length,
    });
  };

  const parseOr = (): WhenAst => {
    let left = parseAnd();
    while (peek()?.text === '||') {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): WhenAst => {
    let left = parseNot();
    while (peek()?.text === '&&') {
      pos++;
      left = { kind: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): WhenAst => {
    if (peek()?.text === '!') {
      pos++;
      return { kind: 'not', operand: parseNot() };
    }
    return parseAtom();
  };
  const parseAtom = (): WhenAst => {
    const t = peek();
    if (t?.text === '(') {
      pos++;
      const inner = parseOr();
      if (peek()?.text !== ')') fail(CLOSING);
      pos++;
      return inner;
    }
    if (t && NAME.test(t.text[0] as string)) {
      pos++;
      return { kind: 'feature', name: t.text };
    }
    return fail(FEATURE_NAME);
  };

  try {
    const value = parseOr();
    if (pos < tokens.length) fail(OPERATOR_OR_END);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof WhenSyntaxError) return { ok: false, ...e.refusal };
    throw e;
  }
}

export function evalWhen(ast: WhenAst, isOn: (feature: string) => boolean): boolean {
  switch (ast.kind) {
    case 'feature':
      return isOn(ast.name);
    case 'not':
      return !evalWhen(ast.operand, isOn);
    case 'and':
      return evalWhen(ast.left, isOn) && evalWhen(ast.right, isOn);
    case 'or':
      return evalWhen(ast.left, isOn) || evalWhen(ast.right, isOn);
  }
}

/** Feature names an expression mentions, in order of appearance, without repeats. */
export function whenFeatures(ast: WhenAst): string[] {
  const names = new Set<string>();
  const walk = (n: WhenAst): void => {
    if (n.kind === 'feature') names.add(n.name);
    else if (n.kind === 'not') walk(n.operand);
    else {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(ast);
  return [...names];
}

/** Canonical text of an expression (fully parenthesised where needed), for documents and tests. */
export function formatWhen(ast: WhenAst): string {
  switch (ast.kind) {
    case 'feature':
      return ast.name;
    case 'not':
      return ast.operand.kind === 'feature' || ast.operand.kind === 'not'
        ? `!${formatWhen(ast.operand)}`
        : `!(${formatWhen(ast.operand)})`;
    case 'and':
    case 'or': {
      const op = ast.kind === 'and' ? ' && ' : ' || ';
      const side = (n: WhenAst): string =>
        (n.kind === 'and' || n.kind === 'or') && n.kind !== ast.kind ? `(${formatWhen(n)})` : formatWhen(n);
      return `${side(ast.left)}${op}${side(ast.right)}`;
    }
  }
}

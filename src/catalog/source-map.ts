import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { type Issue, issue, type YamlPath } from '../model/issues.js';
import { type Text, text } from '../model/text.js';

// `yaml` takes ~26 ms to load and is only needed once there is a problem to position (or a text the fast readers
// refused): loaded then, synchronously through its CommonJS build, since the parsers calling this are synchronous.
let yamlModule: typeof Yaml | undefined;
const yaml = (): typeof Yaml => {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlModule;
};

export interface Position {
  readonly line: number;
  readonly col: number;
  /** Set when a site is composed of several files (include, extends): the file the position is in. */
  readonly file?: string;
}

/** Where an issue points: the value at the path, or the key of the map entry at the path (unknown keys). */
export type Anchor = 'value' | 'key';

/**
 * A YAML text parsed with positions (the slow `yaml` Document API: only built when there is
 * something to report). Paths into the data map to 1-based line:col; a path that goes past what
 * exists points at the deepest node that does exist (the parent of a missing key).
 */
export interface SourceMap {
  readonly position: (path: YamlPath, anchor?: Anchor) => Position;
  /**
   * Syntax errors (including duplicate keys and undefined aliases), positioned: the first `MAX_SYNTAX_ERRORS`
   * of them; the first of those carries in `more` how many further ones were counted.
   */
  readonly syntaxIssues: readonly Issue[];
  /** The data as `yaml` reads it (used when the fast parser refused the text); throws on an alias bomb. */
  readonly toJS: () => unknown;
}

/**
 * One misplaced line can make every later line an error (a file indented one space too far: ~5 errors a line).
 * `yaml` builds an Error object, with its stack, for each: an 8 MB file took minutes and gigabytes. Only the first
 * ones are kept, the others are counted; they mostly follow from the first.
 */
export const MAX_SYNTAX_ERRORS = 100;

interface RawError {
  readonly offset: number;
  readonly code: string;
  readonly message: string;
  /** The text of an unexpected token, when the parser gave it. */
  readonly source?: string;
}

type ErrorSource = number | readonly number[] | { offset: number };
const sourceOffset = (s: ErrorSource): number =>
  typeof s === 'number' ? s : Array.isArray(s) ? (s[0] as number) : (s as { offset: number }).offset;

/** At most `MAX_SYNTAX_ERRORS` errors, counting the others. */
class ErrorList {
  readonly kept: RawError[] = [];
  more = 0;
  add(offset: number, code: string, message: string, source?: string): void {
    if (this.kept.length < MAX_SYNTAX_ERRORS)
      this.kept.push(source === undefined ? { offset, code, message } : { offset, code, message, source });
    else this.more++;
  }
}

type ComposeErrorHandler = (source: ErrorSource, code: string, message: string, warning?: boolean) => void;

/**
 * `yaml.parseDocument`, keeping the first errors only (see MAX_SYNTAX_ERRORS). The parser's error tokens and the
 * composer's errors arrive in two streams, each in file order: the first of each are kept, then merged.
 */
function parseCapped(text: string, lineCounter: Yaml.LineCounter): { doc: Document; errors: RawError[]; more: number } {
  const Y = yaml();
  const fromTokens = new ErrorList();
  const fromComposer = new ErrorList();
  const composer = new Y.Composer({ prettyErrors: false, uniqueKeys: true, version: '1.2' });
  // yaml 2's composer reports through this instance property (read each time it composes a document); replacing
  // it is how errors past the first ones are counted without being built, each an Error with its stack.
  // test/catalog/source-map.test.ts fails if a new version of yaml stops calling it.
  (composer as unknown as { onError: ComposeErrorHandler }).onError = (source, code, message, warning) => {
    if (!warning) fromComposer.add(sourceOffset(source), code, message);
  };
  // The composer only turns error tokens into errors: they are counted here instead.
  function* tokens(): Generator<Yaml.CST.Token> {
    for (const token of new Y.Parser(lineCounter.addNewLine).parse(text)) {
      if (token.type !== 'error') yield token;
      else {
        const message = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
        fromTokens.add(token.offset, 'UNEXPECTED_TOKEN', message, token.source || undefined);
      }
    }
  }
  let doc: Document | undefined;
  for (const next of composer.compose(tokens(), true, text.length)) {
    if (doc === undefined) doc = next;
    else {
      fromComposer.add(next.range[0], 'MULTIPLE_DOCS', 'Source contains multiple documents');
      break;
    }
  }
  const parsed = doc as Document; // compose(…, true) always yields one
  for (const e of parsed.errors) fromComposer.add(e.pos[0], e.code, e.message); // any made without onError
  const errors = [...fromTokens.kept, ...fromComposer.kept].sort((x, y) => x.offset - y.offset);
  const dropped = errors.splice(MAX_SYNTAX_ERRORS).length;
  return { doc: parsed, errors, more: fromTokens.more + fromComposer.more + dropped };
}

export function buildSourceMap(text: string): SourceMap {
  const lineCounter = new (yaml().LineCounter)();
  const { doc, errors, more } = parseCapped(text, lineCounter);
  const at = (offset: number): Position => lineCounter.linePos(offset);
  const duplicates = errors.some((e) => e.code === 'DUPLICATE_KEY') ? duplicateKeys(doc) : new Map();
  const issues = [...errors.map((e) => syntaxIssue(e, at, duplicates, text)), ...undefinedAliases(text, doc, at)];
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  const first = issues[0];
  if (first !== undefined && more > 0) issues[0] = { ...first, more };
  const lookup = pairLookup();
  return {
    position: (path, anchor = 'value') => at(offsetOf(doc, path, anchor, lookup)),
    syntaxIssues: issues,
    toJS: () => doc.toJS(),
  };
}

function syntaxIssue(
  e: RawError,
  at: (offset: number) => Position,
  duplicates: Map<number, DuplicateKey>,
  source: string,
): Issue {
  const linePos = (o: number): string => {
    const p = at(o);
    return `${p.line}:${p.col}`;
  };
  const place = { line: at(e.offset).line, col: at(e.offset).col };
  if (e.code === 'DUPLICATE_KEY') {
    const dup = duplicates.get(e.offset);
    const first = dup?.first === undefined ? undefined : linePos(dup.first);
    const message =
      dup === undefined
        ? text('clé en double dans un dictionnaire', 'duplicate key in a mapping')
        : text(
            `clé "${dup.key}" en double${first === undefined ? '' : ` (première à ${first})`}`,
            `duplicate key "${dup.key}"${first === undefined ? '' : ` (first at ${first})`}`,
          );
    const hint = afterComma(source, e.offset)
      ? text(
          'dans { … }, une virgule termine la valeur : les mots qui la suivent sont devenus une clé ; mettez la valeur entre guillemets, par ex. en: "DNS, NTP"',
          'inside { … } a comma ends a value, so the words after it became a key: quote the value, e.g. en: "DNS, NTP"',
        )
      : text(
          'une clé ne figure qu’une fois dans un dictionnaire : fusionnez les deux entrées ou renommez-en une',
          'each key may appear once in a mapping: merge the two entries or rename one',
        );
    return { ...issue('yaml-syntax', [], message, hint), ...place };
  }
  const kind = syntaxKind(e.code, e.message);
  const what = SYNTAX_WHAT_FR[kind] ?? `structure refusée (${e.code})`;
  const token = kind === 'unexpected' && e.source !== undefined ? ` : ${JSON.stringify(e.source)}` : '';
  const message = text(`erreur de syntaxe YAML : ${what}${token}`, `YAML syntax error: ${firstLine(e.message)}`);
  return { ...issue('yaml-syntax', [], message, SYNTAX_HINTS[kind]), ...place };
}

/** `*name` with no `&name` before it: `yaml` only finds out when converting, so look for them here. */
function undefinedAliases(source: string, doc: Document, at: (offset: number) => Position): Issue[] {
  if (!source.includes('*')) return [];
  const found: Issue[] = [];
  yaml().visit(doc, {
    Alias: (_, node) => {
      if (node.resolve(doc) !== undefined) return;
      const pos = at(node.range?.[0] ?? 0);
      const name = node.source;
      found.push({
        ...issue(
          'yaml-syntax',
          [],
          text(`alias "*${name}" non défini`, `undefined alias "*${name}"`),
          text(
            `un alias répète le nœud marqué "&${name}" plus haut dans le fichier : ajoutez cette ancre, ou mettez le texte entre guillemets si "*" est à prendre tel quel`,
            `an alias repeats the node marked "&${name}" earlier in the file: add that anchor, or quote the text if "*" is meant literally`,
          ),
        ),
        line: pos.line,
        col: pos.col,
      });
    },
  });
  return found;
}

const firstLine = (m: string): string => (m.split('\n')[0] ?? m).replace(/\s+at line \d+, column \d+:?$/, '');

/** What kind of syntax error the parser met: from its code, and for a few codes from its words. */
type SyntaxKind =
  | 'quote'
  | 'flow'
  | 'unexpected'
  | 'indent'
  | 'missing'
  | 'tab'
  | 'multiline-key'
  | 'documents'
  | 'escape'
  | 'scalar-start'
  | 'long-key'
  | 'tag'
  | 'other';

function syntaxKind(code: string, message: string): SyntaxKind {
  if (/quote/i.test(message)) return 'quote';
  if (/flow (map|sequence|collection)/i.test(message)) return 'flow';
  // What follows a misplaced line: the parser no longer knows which mapping or list a token belongs to.
  if (/^Unexpected .*(token|at node end)/.test(message)) return 'unexpected';
  switch (code) {
    case 'BAD_INDENT':
      return 'indent';
    case 'MISSING_CHAR':
      return 'missing';
    case 'TAB_AS_INDENT':
      return 'tab';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'multiline-key';
    case 'MULTIPLE_DOCS':
      return 'documents';
    case 'BAD_DQ_ESCAPE':
      return 'escape';
    case 'BAD_SCALAR_START':
      return 'scalar-start';
    case 'KEY_OVER_1024_CHARS':
      return 'long-key';
    case 'TAG_RESOLVE_FAILED':
    case 'MULTIPLE_TAGS':
    case 'MULTIPLE_ANCHORS':
    case 'BAD_PROP_ORDER':
      return 'tag';
    default:
      return 'other';
  }
}

/** What went wrong, in French; the English message is the parser's own. */
const SYNTAX_WHAT_FR: Partial<Record<SyntaxKind, string>> = {
  quote: 'texte entre guillemets non fermé',
  flow: 'liste [ … ] ou dictionnaire { … } mal écrit ou non fermé',
  unexpected: 'élément inattendu à cet endroit',
  indent: 'indentation incorrecte',
  missing: 'un caractère attendu manque (":" après une clé, "," entre deux éléments ?)',
  tab: 'tabulation dans l’indentation',
  'multiline-key': 'une clé s’étend sur plusieurs lignes',
  documents: 'le fichier contient plusieurs documents',
  escape: 'séquence d’échappement invalide entre guillemets doubles',
  'scalar-start': 'une valeur ne peut pas commencer par ce caractère sans guillemets',
  'long-key': 'clé de plus de 1024 caractères',
  tag: 'ancre ou étiquette YAML mal placée ou inconnue',
};

const QUOTE_SPECIALS = text(
  'mettez entre guillemets les valeurs qui contiennent ":", "#", "{", "[" ou commencent par "*", "&", "!", "%", "@"',
  'quote values that contain ":", "#", "{", "[" or start with "*", "&", "!", "%", "@"',
);
const SAME_COLUMN = text(
  'vérifiez l’indentation : les entrées d’un même dictionnaire ou d’une même liste commencent à la même colonne',
  'check the indentation: entries of one mapping or list start in the same column',
);

const SYNTAX_HINTS: Record<SyntaxKind, Text> = {
  quote: text(
    'fermez le texte avec le même guillemet que celui qui l’ouvre',
    'close the quoted text with the same quote character',
  ),
  flow: text(
    'fermez le { … } ou le [ … ] (il ne peut s’étendre sur plusieurs lignes qu’indenté plus loin que sa clé)',
    'close the { … } or [ … ] (it may span lines only when indented deeper than its key)',
  ),
  unexpected: text(
    'vérifiez l’indentation de cette ligne et des lignes au-dessus : les entrées d’un même dictionnaire ou d’une même liste commencent à la même colonne',
    'check the indentation of this line and of the lines above it: entries of one mapping or list start in the same column',
  ),
  indent: SAME_COLUMN,
  missing: SAME_COLUMN,
  tab: text('indentez avec des espaces, pas des tabulations', 'indent with spaces, not tabs'),
  'multiline-key': text(
    'une clé tient sur une ligne et se termine par ": " ; mettez entre guillemets les valeurs qui contiennent ": " ou "#"',
    'a key must fit on one line and end with ": "; quote values that contain ": " or "#"',
  ),
  documents: text(
    'un document par fichier : supprimez la ligne "---" ou coupez le fichier en deux',
    'one document per file: remove the "---" line or split the file',
  ),
  escape: QUOTE_SPECIALS,
  'scalar-start': QUOTE_SPECIALS,
  'long-key': QUOTE_SPECIALS,
  tag: QUOTE_SPECIALS,
  other: QUOTE_SPECIALS,
};

interface DuplicateKey {
  readonly key: string;
  readonly first?: number;
}

/** Every repeated key of every mapping, by the offset of the repetition: one walk, however many there are. */
function duplicateKeys(doc: Document): Map<number, DuplicateKey> {
  const found = new Map<number, DuplicateKey>();
  const Y = yaml();
  const walk = (root: unknown): void => {
    const stack = [root];
    while (stack.length > 0) {
      const node = stack.pop();
      if (Y.isMap(node)) {
        const seen = new Map<string, number | undefined>();
        for (const pair of node.items) {
          const text = keyText(pair.key) ?? '';
          const offset = rangeStart(pair.key);
          if (seen.has(text) && offset !== undefined) found.set(offset, { key: text, first: seen.get(text) });
          else seen.set(text, offset);
          stack.push(pair.value);
        }
      } else if (Y.isSeq(node)) {
        for (const item of node.items) stack.push(item);
      }
    }
  };
  walk(doc.contents);
  return found;
}

/** Finds a mapping's entry by key; each mapping indexed once, so positioning many issues stays linear. */
function pairLookup(): (map: Yaml.YAMLMap, key: string) => Pair | undefined {
  const indexes = new WeakMap<Yaml.YAMLMap, Map<string, Pair>>();
  return (map, key) => {
    let index = indexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items as Pair[]) {
        const text = keyText(pair.key);
        if (text !== undefined && !index.has(text)) index.set(text, pair);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
}

function offsetOf(
  doc: Document,
  path: YamlPath,
  anchor: Anchor,
  find: (map: Yaml.YAMLMap, key: string) => Pair | undefined,
): number {
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    const last = i === path.length - 1;
    if (yaml().isMap(node)) {
      const pair = find(node, String(segment));
      if (!pair) return best;
      if (last && anchor === 'key') return rangeStart(pair.key) ?? best;
      // A key with an empty value (`from:`) has an empty range at the end of the line: point at the key.
      best = (isEmpty(pair.value) ? undefined : rangeStart(pair.value)) ?? rangeStart(pair.key) ?? best;
      node = pair.value;
    } else if (yaml().isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return best;
      best = rangeStart(item) ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

function keyText(key: unknown): string | undefined {
  if (yaml().isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}

function isEmpty(node: unknown): boolean {
  return yaml().isScalar(node) && node.value === null && (node.range?.[0] ?? 0) === (node.range?.[1] ?? 0);
}

function rangeStart(node: unknown): number | undefined {
  if (!yaml().isNode(node)) return undefined;
  return (node as Node).range?.[0];
}

/** Whether the key at `offset` follows a comma on its line: `{ en: DNS, NTP }` read `NTP` as a key. */
function afterComma(text: string, offset: number): boolean {
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  return /\{[^}]*,\s*$/.test(before);
}

import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Issue, YamlPath } from '../model/issues.js';

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
  /** Syntax errors (including duplicate keys), all of them, positioned. */
  readonly syntaxIssues: readonly Issue[];
  /** The data as `yaml` reads it (used when the fast parser refused the text). */
  readonly toJS: () => unknown;
}

export function buildSourceMap(text: string): SourceMap {
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const at = (offset: number): Position => lineCounter.linePos(offset);
  return {
    position: (path, anchor = 'value') => at(offsetOf(doc, path, anchor)),
    syntaxIssues: doc.errors.map((e) => syntaxIssue(e.code, e.message, at(e.pos[0]), doc, e.pos[0], at)),
    toJS: () => doc.toJS(),
  };
}

function syntaxIssue(
  code: string,
  message: string,
  pos: Position,
  doc: Document,
  offset: number,
  at: (offset: number) => Position,
): Issue {
  const linePos = (o: number): string => {
    const p = at(o);
    return `${p.line}:${p.col}`;
  };
  const base = { code: 'yaml-syntax', severity: 'error', path: [], line: pos.line, col: pos.col } as const;
  if (code === 'DUPLICATE_KEY') {
    const dup = duplicateKeyAt(doc, offset);
    const first = dup?.first === undefined ? '' : ` (first at ${linePos(dup.first)})`;
    return {
      ...base,
      message: dup === undefined ? 'duplicate key in a mapping' : `duplicate key "${dup.key}"${first}`,
      hint: 'each key may appear once in a mapping: merge the two entries or rename one',
    };
  }
  return { ...base, message: `YAML syntax error: ${firstLine(message)}`, hint: syntaxHint(code, message) };
}

const firstLine = (m: string): string => (m.split('\n')[0] ?? m).replace(/\s+at line \d+, column \d+:?$/, '');

function syntaxHint(code: string, message: string): string {
  if (/quote/i.test(message)) return 'close the quoted text with the same quote character';
  if (/flow (map|sequence|collection)/i.test(message)) {
    return 'close the { … } or [ … ] (it may span lines only when indented deeper than its key)';
  }
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: entries of one mapping or list start in the same column';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key must fit on one line and end with ": "; quote values that contain ": " or "#"';
    default:
      return 'quote values that contain ":", "#", "{", "[" or start with "*", "&", "!", "%", "@"';
  }
}

/** The key of the pair starting at `offset`, and where the same key first appears in that mapping. */
function duplicateKeyAt(doc: Document, offset: number): { key: string; first?: number } | undefined {
  let found: { key: string; first?: number } | undefined;
  const walk = (node: unknown): void => {
    if (found !== undefined) return;
    if (yaml().isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        if (yaml().isNode(key) && key.range?.[0] === offset) {
          const text = keyText(key) ?? '';
          const first = node.items.find((p) => keyText(p.key) === text);
          found = { key: text, first: rangeStart(first?.key) };
          return;
        }
        walk(pair.value);
      }
    } else if (yaml().isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(doc.contents);
  return found;
}

function offsetOf(doc: Document, path: YamlPath, anchor: Anchor): number {
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    const last = i === path.length - 1;
    if (yaml().isMap(node)) {
      const pair = node.items.find((p: Pair) => keyText(p.key) === String(segment));
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

import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Every `import`/`export … from` and `import('…')` specifier of a TypeScript source (type-only ones excepted). */
export function specifiers(source: string): string[] {
  const out: string[] = [];
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(re)) {
    if (m[2]) continue; // `import type … from`: erased
    const spec = m[3] ?? m[4] ?? m[5];
    if (spec) out.push(spec);
  }
  return out;
}

/** One import of a source: its specifier, the line its `import`/`export` keyword is on, and whether it is erased. */
export interface ImportLine {
  readonly specifier: string;
  readonly line: number;
  /** `import type … from` or `export type … from`: gone from the JavaScript. */
  readonly typeOnly: boolean;
}

/** Every `import`/`export … from` and `import('…')` of a TypeScript source, type-only ones included and marked. */
export function importLines(source: string): ImportLine[] {
  const out: ImportLine[] = [];
  const re =
    /(?:^|\n)([ \t]*)(import|export)\s+(type\s+)?[^'";()=]*?from\s+['"]([^'"]+)['"]|(?:^|\n)([ \t]*)import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(re)) {
    const keyword = m.index + (m[0].startsWith('\n') ? 1 : 0) + (m[1] ?? m[5] ?? '').length;
    const line = source.slice(0, keyword).split('\n').length;
    out.push({ specifier: (m[4] ?? m[6] ?? m[7]) as string, line, typeOnly: Boolean(m[3]) });
  }
  return out;
}

export interface GraphProblem {
  readonly file: string;
  readonly specifier: string;
  /** The chain of files from the entry to `file`. */
  readonly via: readonly string[];
}

/**
 * The source files reachable from `entry` (relative `.js` specifiers resolved to the `.ts` files), and each import
 * `bad` says a browser bundle cannot have, with how the entry reaches it.
 */
export function walkImports(entry: string, root: string, bad: (specifier: string) => boolean) {
  const seen = new Map<string, readonly string[]>();
  const problems: GraphProblem[] = [];
  const queue: [string, readonly string[]][] = [[entry, []]];
  while (queue.length > 0) {
    const [file, via] = queue.shift() as [string, readonly string[]];
    if (seen.has(file)) continue;
    seen.set(file, via);
    const here = [...via, relative(root, file)];
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) queue.push([join(dirname(file), spec.replace(/\.js$/, '.ts')), here]);
      else if (bad(spec)) problems.push({ file: relative(root, file), specifier: spec, via });
    }
  }
  return { files: [...seen.keys()].map((f) => relative(root, f)), problems };
}

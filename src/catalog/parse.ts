import { load } from 'js-yaml';
import type { z } from 'zod';
import { Catalog } from '../model/catalog.js';
import { fail, type Issue, ok, type Result, type YamlPath } from '../model/issues.js';
import { Site } from '../model/site.js';
import { fastParse } from './fast-schema.js';
import { readFastYaml } from './fast-yaml.js';
import { type Repair, repair } from './repair.js';
import { buildSourceMap, type Position, type SourceMap } from './source-map.js';
import { validateCatalog } from './validate-catalog.js';
import { validateSite } from './validate-site.js';
import { fromZodIssues } from './zod-issues.js';

/** Finds the position of a path in the file; builds the (slow) source map on first use only. */
export type Locate = (path: YamlPath, at?: 'key' | 'value') => Position;

/** One YAML file read and checked against a schema, with a way to position later issues in it. */
export interface ParsedFile<T> {
  readonly file: string;
  /** Undefined when the YAML or the schema failed; `issues` then says why. */
  readonly value: T | undefined;
  readonly issues: Issue[];
  readonly locate: Locate;
  /** Gives `file`, `line`, `col` to issues whose path is in this file. */
  readonly place: (issues: readonly Issue[]) => Issue[];
  /**
   * When the schema failed: the file without what it refused, for the reference checks, and how to map their
   * issues back (see repair.ts).
   */
  readonly partial?: { readonly value: T; readonly repair: Repair };
}

/**
 * Fast path: the subset reader (`fast-yaml.ts`), else js-yaml (no positions), then zod. Only when something is wrong is the text re-parsed with
 * `yaml`'s Document API, which knows where every node is but is ~10× slower on large files.
 */
export function parseFile<S extends z.ZodType>(text: string, file: string, schema: S): ParsedFile<z.output<S>> {
  let map: SourceMap | undefined;
  const sourceMap = (): SourceMap => {
    map ??= buildSourceMap(text);
    return map;
  };
  const locate: Locate = (path, at) => sourceMap().position(path, at);
  const place = (issues: readonly Issue[]): Issue[] =>
    issues.map((i) => {
      if (i.line !== undefined) return { ...i, file: i.file ?? file };
      const pos = locate(i.path, i.at);
      return { ...i, file, line: pos.line, col: pos.col };
    });
  const done = (value: z.output<S> | undefined, issues: Issue[]): ParsedFile<z.output<S>> => ({
    file,
    value,
    issues: sortIssues(place(issues)),
    locate,
    place,
  });

  const fast = readFastYaml(text);
  let data: unknown = fast?.value;
  if (fast === undefined) {
    try {
      data = load(text, { filename: file });
    } catch {
      const syntax = sourceMap().syntaxIssues;
      if (syntax.length > 0) return done(undefined, [...syntax]);
      // The two parsers disagree on an edge case: trust the one that accepted the text.
      data = sourceMap().toJS();
    }
  }
  if (data === undefined || data === null) {
    return done(undefined, [
      {
        code: 'yaml-syntax',
        severity: 'error',
        path: [],
        message: 'the file is empty',
        hint: 'see the examples/ folder',
      },
    ]);
  }
  // The compiled check on the fast reader's fresh tree (no shared nodes), completed in place; zod otherwise.
  const quick = fast === undefined ? undefined : fastParse(schema, data);
  if (quick) return done(quick.value, []);
  const checked = schema.safeParse(data);
  if (checked.success) return done(checked.data, []);
  const schemaIssues = fromZodIssues(schema, data, checked.error.issues);
  // Check the rest of the file too: one typo should not hide the other problems.
  const repaired = repair(data, checked.error.issues);
  const retry = repaired ? schema.safeParse(repaired.data) : undefined;
  if (!repaired || !retry?.success) return done(undefined, schemaIssues);
  return { ...done(undefined, schemaIssues), partial: { value: retry.data, repair: repaired } };
}

export function sortIssues(issues: Issue[]): Issue[] {
  return issues.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      a.message.localeCompare(b.message),
  );
}

export function toResult<T>(value: T | undefined, issues: readonly Issue[]): Result<T> {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (errors.length > 0 || value === undefined) return fail(sortIssues([...errors, ...warnings]));
  return ok(value, sortIssues([...warnings]));
}

type Check<T> = (value: T, locate: Locate) => Issue[];

/** A catalog YAML text: syntax, schema, then cross-references, every problem positioned. */
export function parseCatalogText(text: string, file: string): Result<Catalog> {
  return checked(parseFile(text, file, Catalog), validateCatalog);
}

/** The checks on a site that need no catalog (zones, hosts, groups, firewalls, proxy). */
export const checkSiteAlone: Check<Site> = (site, locate) => validateSite(site, [], locate);

/** A site YAML text on its own: syntax, schema and `checkSiteAlone`. `loadSiteFile` adds the catalogs it names. */
export function parseSiteText(text: string, file: string): Result<Site> {
  return checked(parseFile(text, file, Site), checkSiteAlone);
}

function checked<T>(parsed: ParsedFile<T>, check: Check<T>): Result<T> {
  if (!parsed.value) return schemaFailure(parsed, check);
  return toResult(parsed.value, parsed.place(check(parsed.value, parsed.locate)));
}

/**
 * A file that failed its schema: the schema's issues, and the reference checks run on what could be kept of it
 * (see repair.ts), mapped back to the original positions.
 */
export function schemaFailure<R, T>(parsed: ParsedFile<T>, check: Check<T>): Result<R> {
  const partial = parsed.partial;
  if (!partial) return toResult<R>(undefined, parsed.issues);
  const { value, repair: r } = partial;
  const locate: Locate = (path, at) => parsed.locate(r.originalPath(path), at);
  const kept = parsed.place(check(value, locate).flatMap((i) => r.restore(i) ?? []));
  return toResult<R>(undefined, [...parsed.issues, ...kept]);
}

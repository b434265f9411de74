import { load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { Catalog, loadedCatalog } from '../model/catalog.js';
import { fail, type Issue, issue, ok, type Result, type YamlPath } from '../model/issues.js';
import { Site } from '../model/site.js';
import { FR_SPACE, text } from '../model/text.js';
import { fastParse } from './fast-schema.js';
import { readFastYaml } from './fast-yaml/index.js';
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

/** A YAML text read into plain data, with its place function; `data` is undefined when the YAML failed. */
export interface YamlText {
  readonly file: string;
  readonly data: unknown;
  /** Syntax problems, positioned. */
  readonly issues: Issue[];
  readonly locate: Locate;
  readonly place: (issues: readonly Issue[]) => Issue[];
  /** Read by the fast reader: a fresh tree (no shared nodes) the compiled schema check may complete in place. */
  readonly fresh: boolean;
}

/**
 * Fast path: the subset reader (`fast-yaml/`), else js-yaml (no positions). Only when something is wrong is the
 * text re-parsed with `yaml`'s Document API, which knows where every node is but is ~10× slower on large files.
 */
export function readYamlText(text: string, file: string): YamlText {
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
  const read = (data: unknown, issues: Issue[], fresh: boolean): YamlText => ({
    file,
    data,
    issues: place(issues),
    locate,
    place,
    fresh,
  });
  const fast = readFastYaml(text);
  if (fast !== undefined) return read(fast.value, [], true);
  const slow = readSlowly(text, file, sourceMap);
  return 'issues' in slow ? read(undefined, slow.issues, false) : read(slow.data, [], false);
}

/** One YAML file read and checked against a schema: `readYamlText`, then `checkData`. */
export function parseFile<S extends z.ZodType>(text: string, file: string, schema: S): ParsedFile<z.output<S>> {
  const read = readYamlText(text, file);
  if (read.issues.length > 0)
    return { file, value: undefined, issues: read.issues, locate: read.locate, place: read.place };
  return checkData(read, schema);
}

/** Plain data (of one file, or composed of several) checked against a schema; issues placed by `read.place`. */
export function checkData<S extends z.ZodType>(
  read: Pick<YamlText, 'file' | 'data' | 'locate' | 'place' | 'fresh'>,
  schema: S,
): ParsedFile<z.output<S>> {
  const { file, data, locate, place, fresh } = read;
  const done = (value: z.output<S> | undefined, issues: Issue[]): ParsedFile<z.output<S>> => ({
    file,
    value,
    issues: sortIssues(place(issues)),
    locate,
    place,
  });
  if (data === undefined || data === null) {
    return done(undefined, [
      issue(
        'yaml-syntax',
        [],
        text('le fichier est vide', 'the file is empty'),
        text('voyez le dossier examples/', 'see the examples/ folder'),
      ),
    ]);
  }
  // The compiled check on a fresh tree (no shared nodes), completed in place; zod otherwise.
  const quick = fresh ? fastParse(schema, data) : undefined;
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

/**
 * The text the fast reader declined: js-yaml (no positions), and on an error the positioned parse for every
 * syntax error with its place. Never throws: whatever the text, the answer is data or positioned issues.
 */
function readSlowly(text: string, file: string, sourceMap: () => SourceMap): { data: unknown } | { issues: Issue[] } {
  try {
    let refused: unknown;
    try {
      const data = load(text, { filename: file });
      return aliasBomb(text, data) ?? { data };
    } catch (e) {
      refused = e;
    }
    const refusal = jsYamlIssue(refused);
    // js-yaml's depth limit is ours too: `yaml` has none, and deeper data would overflow the stack further on.
    // …and so is its refusal of control characters, which `yaml` lets through into names and generated comments.
    if (refusal.kept) return { issues: [refusal.issue] };
    const syntax = sourceMap().syntaxIssues;
    if (syntax.length > 0) return { issues: [...syntax] };
    try {
      // The two parsers disagree on an edge case: trust the one that accepted the text.
      const data = sourceMap().toJS();
      return aliasBomb(text, data) ?? { data };
    } catch {
      return { issues: [refusal.issue] }; // `yaml` refused it too, while converting (too many aliases)
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { issues: [{ ...tooDeep, line: 1, col: 1 }] };
  }
}

const tooDeep: Issue = issue(
  'yaml-syntax',
  [],
  text('le YAML s’imbrique sur plus de 100 niveaux', 'the YAML nests more than 100 levels deep'),
  text(
    'un catalogue ou un site n’a besoin que de quelques niveaux : cherchez un "[" ou un "{" non fermé, ou une indentation qui ne cesse de croître',
    'catalogs and sites need a few levels only: look for an unclosed "[" or "{", or indentation that keeps growing',
  ),
);

/**
 * js-yaml's error, positioned by its mark; its depth limit and its refusal of control characters in our words, and
 * `kept` (those two are final: the positioned parse would not refuse them).
 */
function jsYamlIssue(e: unknown): { issue: Issue; kept: boolean } {
  if (!(e instanceof YAMLException)) throw e;
  const place = { line: (e.mark?.line ?? 0) + 1, col: (e.mark?.column ?? 0) + 1 };
  if (e.reason.startsWith('nesting exceeded maxDepth')) return { issue: { ...tooDeep, ...place }, kept: true };
  if (/null byte|non-printable/.test(e.reason)) {
    const control = issue(
      'yaml-syntax',
      [],
      text(
        'le fichier contient un caractère de contrôle (pas du texte imprimable)',
        'the file contains a control character (not printable text)',
      ),
      text(
        'supprimez-le : un fichier YAML ne contient que du texte imprimable (un fichier binaire, ou du texte copié depuis un terminal ?)',
        'remove it: YAML holds printable text only (a binary file, or text pasted from a terminal?)',
      ),
    );
    return { issue: { ...control, ...place }, kept: true };
  }
  const syntax = issue(
    'yaml-syntax',
    [],
    // js-yaml's reason has no French: quoted as the reader said it.
    text(`erreur de syntaxe YAML (js-yaml : « ${e.reason} »)`, `YAML syntax error: ${e.reason}`),
    text(
      'mettez entre guillemets les valeurs qui contiennent ":", "#", "{", "[" ou commencent par "*", "&", "!", "%", "@"',
      'quote values that contain ":", "#", "{", "[" or start with "*", "&", "!", "%", "@"',
    ),
  );
  return { issue: { ...syntax, ...place }, kept: false };
}

/** Nodes aliases may add to a document: past this, a few lines of `&a [*b, *b]` expand to billions. */
const MAX_ALIAS_GROWTH = 1_000_000;

/** An issue when aliases expand the data far beyond the text (js-yaml shares aliased nodes; walks would not). */
function aliasBomb(source: string, data: unknown): { issues: Issue[] } | undefined {
  if (!source.includes('*')) return undefined;
  const limit = source.length + MAX_ALIAS_GROWTH;
  const sizes = new Map<object, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    let n = 1;
    for (const child of Object.values(v)) {
      n += size(child);
      if (n > limit) break;
    }
    sizes.set(v, n);
    return n;
  };
  if (size(data) <= limit) return undefined;
  const alias = /(?:^|[\s[{,:])\*[^\s,[\]{}]/m.exec(source);
  const before = source.slice(0, alias === null ? 0 : alias.index + alias[0].indexOf('*'));
  const line = before.split('\n').length;
  const col = before.length - before.lastIndexOf('\n');
  const bomb = issue(
    'yaml-syntax',
    [],
    text(
      `les alias font grossir le document au-delà de ${limit.toLocaleString('fr').replace(/\s/g, FR_SPACE)} nœuds`,
      `aliases expand the document to more than ${limit.toLocaleString('en')} nodes`,
    ),
    text(
      'un alias (*nom) répète un nœud entier : ne répétez que de petits nœuds, et jamais des alias d’alias',
      'an alias (*name) repeats a whole node: repeat small nodes only, and never nest aliases of aliases',
    ),
  );
  return { issues: [{ ...bomb, line, col }] };
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
  const parsed = parseFile(text, file, Catalog);
  // A flow without `ref` is referenced by its id, and every `when` is parsed once: in the value and in what the
  // checks see.
  if (parsed.value) loadedCatalog(parsed.value);
  if (parsed.partial) loadedCatalog(parsed.partial.value);
  return checked(parsed as ParsedFile<Catalog>, validateCatalog);
}

/** The checks on a site that need no catalog (zones, hosts, groups, firewalls, proxy). */
export const checkSiteAlone: Check<Site> = (site, locate) => validateSite(site, [], locate);

/**
 * A site YAML text on its own: syntax, schema and `checkSiteAlone`. `loadSiteFile` adds the catalogs it names and
 * the files it includes and extends; a text alone has none to read, so `include` or `extends` is refused here rather
 * than ignored.
 */
export function parseSiteText(source: string, file: string): Result<Site> {
  return checked(parseFile(source, file, Site), (site, locate) => [
    ...(['include', 'extends'] as const)
      .filter((key) => site[key] !== undefined)
      .map((key) => ({
        ...issue(
          'invalid-value',
          [key],
          text(
            `un texte de site lu seul ne peut pas lire d’autres fichiers (${key})`,
            `a site text read alone cannot ${key} files`,
          ),
          text(
            'lisez le site depuis son fichier (loadSiteFile), qui les lit',
            'read the site from its file (loadSiteFile), which reads them',
          ),
        ),
        at: 'key' as const,
      })),
    ...checkSiteAlone(site, locate),
  ]);
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

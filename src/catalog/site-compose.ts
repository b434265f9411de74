import { type Issue, issue, issueText, type YamlPath } from '../model/issues.js';
import { type Text, text } from '../model/text.js';
import { type Locate, sortIssues, type YamlText } from './parse.js';
import { type Clash, isMap, type Origin, originAt, override, type Placed, unite } from './site-merge.js';
import type { Position } from './source-map.js';
import { pathText } from './zod-issues.js';

/**
 * A site made of several files: `include: [files…]` adds shared files (inventory, zones, firewalls, parameters),
 * `extends: base.yaml` lays the site over a base site. Pure: files come through `SiteFiles`. The result is the
 * combined data (without `include`/`extends`) and a way to place any path of it in the file that wrote it.
 */

/** The edge's side: how a reference resolves (relative to the file writing it) and how a file is read. */
export interface SiteFiles {
  /** The id (absolute path) `ref` names when written in the file `from`. */
  readonly resolve: (from: string, ref: string) => string;
  readonly read: (id: string) => { text: YamlText } | { issue: Issue };
}

export interface ComposedSite {
  /** The combined data; undefined when a file could not be read or combined (`issues` says why). */
  readonly data: unknown;
  readonly issues: Issue[];
  /** Every site file read, by id, the root first. */
  readonly files: readonly string[];
  /** The file (id) and in-file path where a path of the combined data was written. */
  readonly sourceOf: (path: YamlPath) => { id: string; path: YamlPath };
  readonly locate: Locate;
  readonly place: (issues: readonly Issue[]) => Issue[];
  /** The fast schema check may complete the data in place (every file read by the fast reader, none used twice). */
  readonly fresh: boolean;
}

interface FileEntry {
  readonly id: string;
  readonly text: YamlText;
}

/** One step of the chain of files being read: the file, and the entry of its parent that named it. */
interface Link {
  readonly file: number;
  readonly via?: { readonly from: number; readonly path: YamlPath; readonly kind: 'include' | 'extends' };
}

export function composeSite(rootId: string, files: SiteFiles): ComposedSite {
  const entries: FileEntry[] = [];
  const byId = new Map<string, number>();
  const issues: Issue[] = [];
  const clashes: Clash[] = [];
  const included = new Set<number>();
  const laid = new Set<number>();
  let reused = false;

  const where = (o: { file: number; path: YamlPath }, at: 'key' | 'value' = 'value'): Position => {
    const entry = entries[o.file] as FileEntry;
    return { ...entry.text.locate(o.path, at), file: entry.text.file };
  };
  const placeIn = (file: number, i: Issue): Issue => (entries[file] as FileEntry).text.place([i])[0] as Issue;
  const posText = (p: Position): string => `${p.file}:${p.line}:${p.col}`;

  const open = (id: string, link: Omit<Link, 'file'>): number | undefined => {
    const known = byId.get(id);
    if (known !== undefined) return known;
    const read = files.read(id);
    if ('issue' in read) {
      const via = link.via;
      if (via === undefined) issues.push(read.issue);
      else {
        const hint = text(
          `les chemins donnés par ${via.kind} sont relatifs au fichier qui les écrit`,
          `${via.kind} paths are relative to the file that writes them`,
        );
        const moved =
          read.issue.code === 'file-not-found'
            ? issue('file-not-found', via.path, issueText(read.issue).message, hint)
            : undefined;
        issues.push(moved ? placeIn(via.from, moved) : read.issue);
      }
      return undefined;
    }
    if (read.text.issues.length > 0) {
      issues.push(...read.text.issues);
      return undefined;
    }
    entries.push({ id, text: read.text });
    byId.set(id, entries.length - 1);
    return entries.length - 1;
  };

  /** A cycle closed by `via` back to `id`: named by the entry that closes it and the one that opened it. */
  const cycle = (stack: readonly Link[], again: number, via: NonNullable<Link['via']>): Issue => {
    const start = stack.findIndex((l) => l.file === again);
    const names = [...stack.slice(start).map((l) => entries[l.file]?.text.file), entries[again]?.text.file];
    const opened = stack[start + 1]?.via ?? via;
    const first = posText(where({ file: opened.from, path: opened.path }));
    return placeIn(
      via.from,
      issue(
        'include-cycle',
        via.path,
        text(
          `boucle de fichiers (${via.kind}) : ${names.join(' → ')} (la boucle commence à ${first})`,
          `${via.kind} cycle: ${names.join(' → ')} (the cycle starts at ${first})`,
        ),
        text(
          `un fichier ne peut pas s’inclure ni s’étendre lui-même, directement ou par d’autres : supprimez un de ces ${via.kind === 'include' ? 'include' : 'liens'}`,
          `a file cannot include or extend itself, directly or through others: remove one of these ${via.kind === 'include' ? 'includes' : 'links'}`,
        ),
      ),
    );
  };

  /** A file with what it includes (united) and, when it extends a base, laid over the base. */
  const layer = (file: number, stack: readonly Link[], fragment: boolean): Placed | undefined => {
    // A file laid twice (a base also included) shares its nodes: the schema check may then not complete in place.
    if (laid.has(file)) reused = true;
    laid.add(file);
    const data = (entries[file] as FileEntry).text.data;
    const origin: Origin = { file, path: [] };
    if (fragment && (data === null || data === undefined)) return undefined; // comments only: adds nothing
    if (fragment && !isMap(data)) {
      const message = text(
        'un fichier inclus contient des parties d’un site (zones:, hosts:, firewalls:…), pas une liste ni une valeur',
        'an included file holds parts of a site (zones:, hosts:, firewalls:…), not a list or a value',
      );
      const hint = text(
        'écrivez-le comme un dictionnaire, comme un fichier de site',
        'write it as a mapping, like a site file',
      );
      issues.push(placeIn(file, issue('invalid-value', [], message, hint)));
      return undefined;
    }
    if (!isMap(data)) return { value: data, origin };
    const own: Record<string, unknown> = {};
    const ownChildren = new Map<string | number, Origin>();
    for (const key of Object.keys(data)) {
      if (key === 'include' || key === 'extends') continue;
      Object.defineProperty(own, key, { value: data[key], enumerable: true, writable: true, configurable: true });
      ownChildren.set(key, { file, path: [key] });
    }
    let united: Placed | undefined;
    for (const [ref, path] of refs(data.include, ['include'], file)) {
      const next = follow(ref, path, file, 'include', stack);
      if (next === undefined || included.has(next)) continue;
      included.add(next);
      const part = layer(next, [...stack, { file: next, via: { from: file, path, kind: 'include' } }], true);
      if (part) united = unite(united, part, [], clashes);
    }
    const self: Placed = { value: own, origin: { file, path: [], children: ownChildren } };
    united = unite(united, self, [], clashes);
    if (data.extends === undefined) return united;
    if (fragment) {
      const message = text('un fichier inclus ne peut pas étendre un site', 'an included file cannot extend a site');
      const hint = text(
        'incluez la base depuis le fichier du site, ou écrivez extends dans le fichier du site',
        'include the base from the site file, or write extends in the site file',
      );
      issues.push(placeIn(file, { ...issue('invalid-value', ['extends'], message, hint), at: 'key' }));
      return united;
    }
    const [base] = refs(data.extends, ['extends'], file, true);
    if (base === undefined) return united;
    const next = follow(base[0], base[1], file, 'extends', stack);
    if (next === undefined) return united;
    const under = layer(next, [...stack, { file: next, via: { from: file, path: base[1], kind: 'extends' } }], false);
    return under ? override(under, united, [], clashes) : united;
  };

  const follow = (
    ref: string,
    path: YamlPath,
    from: number,
    kind: 'include' | 'extends',
    stack: readonly Link[],
  ): number | undefined => {
    const id = files.resolve((entries[from] as FileEntry).id, ref);
    const known = byId.get(id);
    if (known !== undefined && stack.some((l) => l.file === known)) {
      issues.push(cycle(stack, known, { from, path, kind }));
      return undefined;
    }
    return open(id, { via: { from, path, kind } });
  };

  /** `include: a.yaml` or `include: [a.yaml, b.yaml]` (`extends`: one); anything else is an issue. */
  const refs = (value: unknown, path: YamlPath, file: number, single = false): [string, YamlPath][] => {
    if (value === undefined) return [];
    if (typeof value === 'string' && value.trim() !== '') return [[value, path]];
    if (!single && Array.isArray(value)) return value.flatMap((v, i) => refs(v, [...path, i], file, true));
    const wanted = single
      ? text('un chemin de fichier', 'a file path')
      : text('un chemin de fichier ou une liste de chemins', 'a file path or a list of file paths');
    const message = text(`${pathText(path, 'fr')} doit être ${wanted.fr}`, `${pathText(path)} must be ${wanted.en}`);
    const hint = text(
      'par ex. include: [inventory.yaml] ou extends: base.yaml',
      'e.g. include: [inventory.yaml] or extends: base.yaml',
    );
    issues.push(placeIn(file, issue('invalid-value', path, message, hint)));
    return [];
  };

  const root = open(rootId, {});
  const top = root === undefined ? undefined : layer(root, [{ file: root }], false);
  for (const c of clashes) issues.push(clashIssue(c, where, placeIn));
  const rootOrigin: Origin = top?.origin ?? { file: 0, path: [] };
  const multi = entries.length > 1;
  const sourceOf = (path: YamlPath) => {
    const o = originAt(rootOrigin, path);
    return { id: (entries[o.file] as FileEntry).id, path: o.path };
  };
  const locate: Locate = (path, at) => {
    const o = originAt(rootOrigin, path);
    const p = where(o, at);
    return multi ? p : { line: p.line, col: p.col };
  };
  const place = (list: readonly Issue[]): Issue[] =>
    list.map((i) => {
      if (i.line !== undefined) return { ...i, file: i.file ?? entries[0]?.text.file };
      const o = originAt(rootOrigin, i.path);
      const p = where(o, i.at);
      return { ...i, file: p.file, line: p.line, col: p.col };
    });
  return {
    data: issues.length > 0 ? undefined : top?.value,
    issues: sortIssues(issues),
    files: entries.map((e) => e.id),
    sourceOf,
    locate,
    place,
    fresh: !reused && entries.every((e) => e.text.fresh),
  };
}

const WHAT: Readonly<Record<string, Text>> = {
  zones: text('la zone', 'zone'),
  hosts: text('l’hôte', 'host'),
  groups: text('le groupe', 'group'),
  firewalls: text('le pare-feu', 'firewall'),
};

/** `host "web"`, `firewall "fw1"`, or the path. */
function described(path: YamlPath): Text {
  const [top, name] = path;
  const what = WHAT[top as string];
  if (what === undefined || path.length !== 2) return text(pathText(path, 'fr'), pathText(path));
  return text(`${what.fr} "${String(name)}"`, `${what.en} "${String(name)}"`);
}

function clashIssue(
  c: Clash,
  where: (o: { file: number; path: YamlPath }, at?: 'key' | 'value') => Position,
  placeIn: (file: number, i: Issue) => Issue,
): Issue {
  const at = (o: Origin) => {
    const p = where(o, typeof o.path[o.path.length - 1] === 'number' ? 'value' : 'key');
    return `${p.file}:${p.line}:${p.col}`;
  };
  const anchor = typeof c.second.path[c.second.path.length - 1] === 'number' ? 'value' : 'key';
  if (c.kind === 'nothing-to-remove') {
    return placeIn(c.second.file, {
      ...issue(
        'invalid-value',
        c.second.path,
        text(
          `${described(c.path).fr} : rien d’hérité à supprimer`,
          `${described(c.path).en}: nothing inherited to remove`,
        ),
        text(
          'null (ou remove: true) supprime une entrée que le site de base définit : vérifiez le nom, ou effacez cette ligne',
          'null (or remove: true) removes an entry the base site defines: check the name, or delete this line',
        ),
      ),
      at: anchor,
    });
  }
  const name = described(c.path);
  return placeIn(c.second.file, {
    ...issue(
      'conflicting-definition',
      c.second.path,
      text(
        `${name.fr} a une autre définition ici qu’à ${c.first ? at(c.first) : '?'}`,
        `${name.en} is defined differently here and at ${c.first ? at(c.first) : '?'}`,
      ),
      text(
        'une seule définition suffit, dans un fichier partagé ; pour changer une valeur héritée, étendez le site qui la porte (extends remplace, include non)',
        'define it once, in one shared file; to change an inherited value, extend the site that has it (extends overrides, include does not)',
      ),
    ),
    at: anchor,
  });
}

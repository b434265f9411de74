import type { Stats } from 'node:fs';
import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { errnoCode, FileInTheWay, OutputError, outputError } from './errors.js';

/**
 * What writing to a path means, decided from what is there. A regular file (or nothing yet) is replaced
 * atomically: a temporary file in the same directory, then a rename. A character device, a FIFO or anything
 * reached through /dev or /proc (`/dev/stdout`, `/dev/null`) is written in place: renaming over it would replace
 * the node itself. A symbolic link is followed: its target is what gets written, the link stays.
 */
export type OutputTarget =
  | {
      readonly kind: 'replace';
      readonly path: string;
      /** Of the file there now, if any: it is kept. */
      readonly mode?: number;
      /** Of the file there now, if any: an empty file destroys nothing when replaced. */
      readonly size?: number;
    }
  | { readonly kind: 'in-place'; readonly path: string };

/** A file given as input to this run, by identity: an output that is the same file is refused. */
export interface InputFile {
  readonly path: string;
  readonly what: string;
}

const DEVICE_TREES = ['/dev/', '/proc/'];

/** Where `path` (absolute) can be written, or an OutputError saying why not. */
export async function outputTarget(path: string, inputs: readonly InputFile[]): Promise<OutputTarget> {
  if (path.length > 1 && path.endsWith(sep))
    throw new OutputError(
      path,
      'it ends with a "/": a folder, not a file',
      'name the file inside it (-o DIR/NAME), or leave out the "/"',
    );
  let link: Stats;
  try {
    link = await lstat(path);
  } catch (e) {
    // Nothing there (or a file where a folder of the path should be: ensureDirectory names it).
    if (errnoCode(e) !== 'ENOENT' && errnoCode(e) !== 'ENOTDIR') throw outputError(path, e);
    await ensureDirectory(path, dirname(path));
    return { kind: 'replace', path };
  }
  let st = link;
  if (link.isSymbolicLink()) {
    try {
      st = await stat(path);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT')
        throw new OutputError(
          path,
          'it is a symbolic link to a file that does not exist',
          'remove the link or create its target',
        );
      throw outputError(path, e);
    }
  }
  await refuseInput(path, st, inputs);
  if (st.isDirectory())
    throw new OutputError(
      path,
      'it is a directory',
      'a document is written to a file: name one inside the folder (-o DIR/NAME), or move the folder away',
    );
  if (st.isBlockDevice())
    throw new OutputError(path, 'it is a block device', 'write documents to a file, never onto a disk');
  if (st.isSocket())
    throw new OutputError(
      path,
      'it is a socket, which cannot be opened as a file',
      'write to a file, a pipe or a device, or leave out -o to print to standard output',
    );
  if (!st.isFile() || DEVICE_TREES.some((t) => path.startsWith(t))) return { kind: 'in-place', path };
  // Through a link, the file it points to is replaced, beside itself: the link keeps pointing at it.
  const real = link.isSymbolicLink() ? await realpath(path) : path;
  return { kind: 'replace', path: real, mode: st.mode & 0o7777, size: st.size };
}

async function refuseInput(path: string, st: Stats, inputs: readonly InputFile[]): Promise<void> {
  for (const input of inputs) {
    const other = await stat(input.path).catch(() => undefined);
    if (other && other.dev === st.dev && other.ino === st.ino)
      throw new OutputError(
        path,
        `it is the ${input.what} this run reads${input.path === path ? '' : ` (${input.path})`}`,
        'write the output elsewhere',
      );
  }
}

/**
 * Creates the directory `dir` and its missing parents (as `mkdir -p`), for the output `path`. Written out rather
 * than `mkdir({ recursive: true })`, which loops forever where mkdir answers ENOENT for a reason other than a
 * missing parent (under /proc).
 */
export async function ensureDirectory(path: string, dir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const st = await stat(at).catch((e: unknown) => {
      if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') return undefined;
      throw outputError(path, e);
    });
    if (st) {
      if (!st.isDirectory()) throw new FileInTheWay(path, at);
      break;
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at || !at.includes(sep)) break;
    at = parent;
  }
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (e) {
      if (errnoCode(e) === 'EEXIST') continue;
      if (errnoCode(e) === 'ENOENT')
        throw new OutputError(path, `the directory ${d} cannot be created there`, 'write elsewhere (-o PATH)');
      const cause = outputError(path, e);
      throw new OutputError(path, `the directory ${d} cannot be created: ${cause.reason}`, cause.hint);
    }
  }
}

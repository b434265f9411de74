import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { OutputError } from './errors.js';

/**
 * What flowmatrix wrote in a folder: each file's name and the SHA-256 of what it wrote there. A run replaces a file
 * only when it is empty or listed here unchanged, so a rerun refreshes its own outputs and never destroys a file
 * someone wrote or edited (unless `--force`). It lives beside the outputs, so it follows them across machines and
 * into version control.
 */
export const MANIFEST = '.flowmatrix-outputs.json';

const ABOUT =
  'Files flowmatrix wrote in this folder, with the SHA-256 of what it wrote: a new run replaces them while they are unchanged, and no other file (unless --force).';

export type Manifest = Record<string, string>;

/**
 * The folder's record: none yet (`{}`), or the files it lists. A record that cannot be read (a merge conflict, a
 * hand edit) is an OutputError: it vouches for nothing, and rewriting it would forget the files it listed.
 */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, MANIFEST);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  let files: unknown;
  try {
    files = (JSON.parse(text) as { files?: unknown } | null)?.files;
  } catch (e) {
    throw damaged(path, (e as Error).message);
  }
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    throw damaged(path, 'it has no "files" object');
  const entries = Object.entries(files);
  const bad = entries.find(([, digest]) => typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest));
  if (bad) throw damaged(path, `"${bad[0]}" has no SHA-256 digest`);
  return Object.fromEntries(entries) as Manifest;
}

const damaged = (path: string, why: string): OutputError =>
  new OutputError(
    path,
    `the folder's record of what flowmatrix wrote cannot be read (${why})`,
    'mend it (a merge conflict?) or remove it; without it, files already in the folder are replaced only with --force',
  );

export function manifestText(files: Manifest): string {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ about: ABOUT, files: sorted }, null, 2)}\n`;
}

export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest('hex');
}

/** Refuses a document named as a folder's record: it is never an output, even with --force. */
export function checkNotRecord(path: string, shown: string): void {
  if (basename(path) === MANIFEST)
    throw new OutputError(
      shown,
      'it is the record of the files flowmatrix wrote in this folder',
      'write the document under another name',
    );
}

/**
 * Refuses to replace the non-empty file at `path` (shown as `shown`) unless its folder's record (`record`) lists it
 * with its current content. Called for every output before anything is written.
 */
export async function checkReplaceable(path: string, shown: string, record: Manifest): Promise<void> {
  const recorded = record[basename(path)];
  if (recorded === undefined)
    throw new OutputError(
      shown,
      `a file is there that the folder's record (${MANIFEST}) does not list: someone's file, or an output of a flowmatrix older than the record`,
      'move it away or write elsewhere (-o); --force replaces it (and records it)',
    );
  if ((await fileDigest(path)) !== recorded)
    throw new OutputError(
      shown,
      'it changed since flowmatrix wrote it (edited by hand?)',
      'keep your changes elsewhere first, then run again with --force to replace it',
    );
}

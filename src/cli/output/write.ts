import { createHash, type Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileInTheWay, OutputError, OutputRefusals, outputError } from './errors.js';
import { checkNotRecord, checkReplaceable, MANIFEST, type Manifest, manifestText, readManifest } from './manifest.js';
import { type InputFile, type OutputTarget, outputTarget } from './target.js';
import { trackTemp, untrackTemp } from './temps.js';

/** A document as it is produced: whole, or piece by piece (a large one never exists as one string). */
export type Chunks = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;
export type Content = string | Uint8Array | Chunks;

export interface Output {
  /** Absolute path. */
  readonly path: string;
  /**
   * The document, or how to make it: made only once every target has been checked, and one after the other, so
   * that documents rendered in turn are never all held at once (each goes to its temporary file first).
   */
  readonly content: Content | (() => Promise<Content>);
  /**
   * The file is the user's, not an output of flowmatrix: not recorded as one, and written without that record's
   * check (the command decides: `policy import` edits the site on purpose, `catalog new` refuses any file there).
   */
  readonly usersFile?: boolean;
  /**
   * The permissions of a new file, less the umask (a script: `0o755`); 0o666 otherwise. A file already there keeps
   * its own, plus the execute bits `mode` asks for where it can be read (a script stays runnable when rewritten).
   */
  readonly mode?: number;
}

/** An output that is a shell script by its name (`.sh`: a load script, a delta): written to be run as it is. */
export const scriptMode = (path: string): { mode?: number } => (path.endsWith('.sh') ? { mode: 0o755 } : {});

/** What a write leaves beside its outputs. */
export interface Written {
  /**
   * Files an earlier run wrote in the folders written to, still there and unchanged or not, that this run did not
   * write: a firewall renamed or removed from the site leaves its old rules behind (the caller says so).
   */
  readonly earlier: readonly string[];
}

export interface WriteOptions {
  /** Replace files that flowmatrix did not write, or that changed since it did (`--force`). */
  readonly force?: boolean;
}

const contentOf = (o: Output): Content | Promise<Content> =>
  typeof o.content === 'function' ? o.content() : o.content;

/** Text is gathered up to about this many UTF-16 units before it is encoded and written. */
const BATCH = 1 << 18;

/** Each piece of `content`, strings gathered into batches so that writes are few and large. */
export async function* batches(content: Content): AsyncGenerator<string | Uint8Array> {
  if (typeof content === 'string') {
    // In slices: a 64 MB ruleset is not encoded into one 64 MB buffer beside its text.
    yield* slices(content);
    return;
  }
  if (content instanceof Uint8Array) {
    yield content;
    return;
  }
  let text: string[] = [];
  let size = 0;
  for await (const piece of content) {
    if (typeof piece !== 'string') {
      if (size > 0) yield text.join('');
      text = [];
      size = 0;
      yield piece;
      continue;
    }
    text.push(piece);
    size += piece.length;
    if (size >= BATCH) {
      yield text.join('');
      text = [];
      size = 0;
    }
  }
  if (size > 0) yield text.join('');
}

/** A text in pieces of about `BATCH` units, never cutting a surrogate pair (each piece is encoded alone). */
function* slices(text: string): Generator<string> {
  for (let from = 0; from < text.length; ) {
    let to = Math.min(from + BATCH, text.length);
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to--;
    yield text.slice(from, to);
    from = to;
  }
}

async function writeAll(handle: FileHandle, content: Content, hash?: Hash): Promise<void> {
  for await (const piece of batches(content)) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    hash?.update(bytes);
    // A pipe or a device may take part of a write: the rest follows.
    for (let done = 0; done < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
  }
}

let temps = 0;

/**
 * A document in a temporary file beside its target, renamed over it by the caller: the target is whole or untouched.
 * Returns the temporary file and the SHA-256 of what it holds.
 */
async function writeTemp(
  target: OutputTarget & { kind: 'replace' },
  content: Content,
  mode?: number,
): Promise<{ temp: string; digest: string }> {
  const temp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.${temps++}.tmp`);
  trackTemp(temp);
  try {
    const handle = await open(temp, 'wx', mode ?? 0o666);
    const hash = createHash('sha256');
    try {
      await writeAll(handle, content, hash);
    } finally {
      await handle.close();
    }
    if (target.mode !== undefined) await chmod(temp, target.mode | ((mode ?? 0) & ((target.mode & 0o444) >> 2)));
    return { temp, digest: hash.digest('hex') };
  } catch (e) {
    await dropTemp(temp);
    throw e;
  }
}

async function dropTemp(temp: string): Promise<void> {
  await rm(temp, { force: true });
  untrackTemp(temp);
}

/** A device or a pipe (`/dev/null`, a FIFO, `/dev/stdout`): opened for writing as it is, never replaced. */
async function writeInPlace(path: string, content: Content): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await writeAll(handle, content);
  } finally {
    await handle.close();
  }
}

/**
 * Writes every output or none of the files that can be replaced atomically: all targets are checked first (a
 * refusal writes nothing), the documents go to temporary files, and only when all are complete are they renamed
 * into place; devices and pipes, which cannot be replaced, are written last. A non-empty file is replaced only when
 * flowmatrix wrote it and it is unchanged since (see `MANIFEST`), or with `force`. Throws an OutputError.
 */
export async function writeOutputs(
  outputs: readonly Output[],
  inputs: readonly InputFile[] = [],
  options: WriteOptions = {},
): Promise<Written> {
  const targets = await checkedTargets(outputs, inputs, options);
  const earlier: string[] = [];
  const staged: { temp: string; path: string; shown: string; digest?: string }[] = [];
  try {
    for (const [i, o] of outputs.entries()) {
      const target = targets[i] as OutputTarget;
      if (target.kind !== 'replace') continue;
      try {
        const { temp, digest } = await writeTemp(target, await contentOf(o), o.mode);
        staged.push(
          o.usersFile ? { temp, path: target.path, shown: o.path } : { temp, path: target.path, shown: o.path, digest },
        );
      } catch (e) {
        throw outputError(o.path, e);
      }
    }
    // Each folder's record last, so that it never lists a file that is not there yet.
    staged.push(...(await stagedManifests(staged, earlier)));
    for (const s of staged) {
      try {
        await rename(s.temp, s.path);
      } catch (e) {
        throw outputError(s.shown, e);
      }
      untrackTemp(s.temp);
    }
  } finally {
    for (const s of staged) await dropTemp(s.temp);
  }
  for (const [i, o] of outputs.entries()) {
    const target = targets[i] as OutputTarget;
    if (target.kind !== 'in-place') continue;
    try {
      await writeInPlace(target.path, await contentOf(o));
    } catch (e) {
      throw outputError(o.path, e);
    }
  }
  return { earlier: earlier.sort() };
}

/**
 * Where each output goes, every refusal gathered first (one run shows all there is to mend): a path that cannot
 * take a document, two outputs at one path, a file flowmatrix may not replace, a folder record it cannot read.
 */
async function checkedTargets(
  outputs: readonly Output[],
  inputs: readonly InputFile[],
  options: WriteOptions,
): Promise<OutputTarget[]> {
  const targets: OutputTarget[] = [];
  const refusals: OutputError[] = [];
  const taken = new Map<string, string>();
  const records = new Map<string, Promise<Manifest>>();
  for (const o of outputs) {
    try {
      const target = await outputTarget(o.path, inputs);
      targets.push(target);
      if (target.kind !== 'replace') continue;
      const other = taken.get(target.path);
      if (other !== undefined)
        throw new OutputError(
          o.path,
          `another output of this run goes there too (${other})`,
          'give each output its own path',
        );
      taken.set(target.path, o.path);
      if (o.usersFile) continue;
      checkNotRecord(target.path, o.path);
      // Read once a folder, even for --force: a record that cannot be read is refused before anything is written.
      const dir = dirname(target.path);
      const record = records.get(dir) ?? readManifest(dir);
      records.set(dir, record);
      const occupied = target.size !== undefined && target.size > 0;
      if (occupied && !options.force) await checkReplaceable(target.path, o.path, await record);
      else await record;
    } catch (e) {
      refusals.push(outputError(o.path, e));
    }
  }
  // One file in the way of several outputs is one refusal: the first output under it names it.
  const distinct = [
    ...new Map(refusals.map((r) => [r instanceof FileInTheWay ? `file ${r.file}` : r.message, r])).values(),
  ];
  if (distinct.length === 1) throw distinct[0];
  if (distinct.length > 1) throw new OutputRefusals(distinct);
  return targets;
}

/** The updated record of each folder written to, in temporary files: this run's files in, vanished files out. */
async function stagedManifests(
  staged: readonly { path: string; digest?: string }[],
  earlier: string[],
): Promise<{ temp: string; path: string; shown: string }[]> {
  const byFolder = new Map<string, Map<string, string>>();
  for (const s of staged) {
    if (s.digest === undefined) continue;
    const dir = dirname(s.path);
    const files = byFolder.get(dir) ?? new Map<string, string>();
    files.set(basename(s.path), s.digest);
    byFolder.set(dir, files);
  }
  const out: { temp: string; path: string; shown: string }[] = [];
  for (const [dir, written] of byFolder) {
    const files = await readManifest(dir);
    for (const name of Object.keys(files)) {
      if (!existsSync(join(dir, name))) delete files[name];
      else if (!written.has(name)) earlier.push(join(dir, name));
    }
    for (const [name, digest] of written) files[name] = digest;
    const path = join(dir, MANIFEST);
    try {
      const { temp } = await writeTemp({ kind: 'replace', path }, manifestText(files));
      out.push({ temp, path, shown: path });
    } catch (e) {
      throw outputError(path, e);
    }
  }
  return out;
}

export { type InputFile, OutputError };

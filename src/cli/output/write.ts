import { chmod, type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputError, outputError } from './errors.js';
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

async function writeAll(handle: FileHandle, content: Content): Promise<void> {
  for await (const piece of batches(content)) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    // A pipe or a device may take part of a write: the rest follows.
    for (let done = 0; done < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
  }
}

let temps = 0;

/** A document in a temporary file beside its target, renamed over it by the caller: the target is whole or untouched. */
async function writeTemp(target: OutputTarget & { kind: 'replace' }, content: Content): Promise<string> {
  const temp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.${temps++}.tmp`);
  trackTemp(temp);
  try {
    const handle = await open(temp, 'wx');
    try {
      await writeAll(handle, content);
    } finally {
      await handle.close();
    }
    if (target.mode !== undefined) await chmod(temp, target.mode);
    return temp;
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
 * into place; devices and pipes, which cannot be replaced, are written last. Throws an OutputError.
 */
export async function writeOutputs(outputs: readonly Output[], inputs: readonly InputFile[] = []): Promise<void> {
  const targets: OutputTarget[] = [];
  for (const o of outputs) targets.push(await outputTarget(o.path, inputs));
  const staged: { temp: string; path: string; shown: string }[] = [];
  try {
    for (const [i, o] of outputs.entries()) {
      const target = targets[i] as OutputTarget;
      if (target.kind !== 'replace') continue;
      try {
        staged.push({ temp: await writeTemp(target, await contentOf(o)), path: target.path, shown: o.path });
      } catch (e) {
        throw outputError(o.path, e);
      }
    }
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
}

export { type InputFile, OutputError };

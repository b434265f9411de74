import { resolve, sep } from 'node:path';
import type { CliContext, ExitCode } from './context.js';
import { EXIT } from './context.js';
import { OutputError } from './output/errors.js';
import type { InputFile } from './output/target.js';

export { type Chunks, type Content, type Output, scriptMode, type WriteOptions, writeOutputs } from './output/write.js';
export { type InputFile, OutputError };

/** The files a site run reads: the site and each catalog. An output that is one of them is refused. */
export function inputsOf(loaded: {
  readonly sitePath: string;
  readonly catalogFiles: ReadonlyMap<string, string>;
  /** The files the site includes or extends. */
  readonly siteFiles?: readonly string[];
}): InputFile[] {
  return [
    { path: loaded.sitePath, what: 'site file' },
    ...(loaded.siteFiles ?? []).slice(1).map((path) => ({ path, what: 'site file' })),
    ...[...loaded.catalogFiles.values()].map((path) => ({ path, what: 'catalog file' })),
  ];
}

/**
 * The absolute path of a file given with `-o`, its trailing `/` kept: `-o out/` names a folder, which a document
 * is never written as (outputTarget refuses it) — where `path.resolve` alone would write a file named `out`.
 */
export const filePath = (cwd: string, given: string): string =>
  `${resolve(cwd, given)}${/[\\/]$/.test(given) && resolve(cwd, given) !== sep ? sep : ''}`;

/** Runs a write; an OutputError is printed (`flowmatrix: cannot write …: reason — hint`) and gives exit 2. */
export async function writing(ctx: CliContext, write: () => Promise<unknown>): Promise<ExitCode | undefined> {
  try {
    await write();
    return undefined;
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    ctx.err(`${e.message}\n`);
    return EXIT.badInput;
  }
}

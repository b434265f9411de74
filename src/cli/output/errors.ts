/**
 * Why an output could not be written, said the way the CLI prints it:
 * `flowmatrix: cannot write PATH: reason — hint`. Exit 2 (bad input: the place given cannot take the document).
 */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(`flowmatrix: cannot write ${path}: ${reason} — ${hint}`);
    this.name = 'OutputError';
  }
}

/**
 * A file where a folder of the output path should be: one cause for every output under it, said once (generate
 * -o FILE would otherwise repeat it for each firewall's file).
 */
export class FileInTheWay extends OutputError {
  constructor(
    path: string,
    readonly file: string,
  ) {
    super(path, `${file} is not a directory`, 'choose a path whose folders are folders');
    this.name = 'FileInTheWay';
  }
}

/** Several outputs refused at once: each is said, one line each, so that one run shows everything to mend. */
export class OutputRefusals extends OutputError {
  constructor(readonly refusals: readonly OutputError[]) {
    const first = refusals[0] as OutputError;
    super(first.path, first.reason, first.hint);
    this.name = 'OutputRefusals';
    this.message = refusals.map((r) => r.message).join('\n');
  }
}

/** The reason and hint for a system error code, as a person fixing the command line needs them. */
const BY_CODE: Record<string, readonly [reason: string, hint: string]> = {
  ENOSPC: ['no space left on the device', 'free some space or write elsewhere (-o PATH)'],
  EDQUOT: ['disk quota exceeded', 'free some space or write elsewhere (-o PATH)'],
  EFBIG: ['the file is too large for this file system', 'write to another file system (-o PATH)'],
  EPIPE: ['the reader closed the pipe', 'the command reading the output stopped early: the output is incomplete'],
  EROFS: ['the file system is read-only', 'write elsewhere (-o PATH)'],
  EACCES: ['permission denied', 'write where you may (-o PATH), or change the permissions'],
  EPERM: ['operation not permitted', 'write where you may (-o PATH), or change the permissions'],
  EISDIR: [
    'it is a directory',
    'a document is written to a file: name one inside the folder (-o DIR/NAME), or move the folder away',
  ],
  ENOTDIR: ['a part of the path is a file, not a directory', 'choose a path whose folders are folders'],
  ENOENT: ['its directory does not exist and cannot be created here', 'create the directory first, or write elsewhere'],
  ENAMETOOLONG: ['the path is too long', 'choose a shorter path'],
  ELOOP: ['the path has a symbolic link loop', 'fix the links or choose another path'],
  EIO: ['input/output error', 'check the device, or write elsewhere'],
  ENXIO: ['no reader or device behind the path', 'start the reader first, or write to a file'],
  EMFILE: ['too many open files', 'raise the open-file limit (ulimit -n) and run again'],
};

export function errnoCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** Any error met while writing `path` as an OutputError: system errors by code, anything else by its message. */
export function outputError(path: string, e: unknown): OutputError {
  if (e instanceof OutputError) return e;
  const code = errnoCode(e);
  const known = code ? BY_CODE[code] : undefined;
  if (known) return new OutputError(path, known[0], known[1]);
  if (code) return new OutputError(path, `${code} (${(e as Error).message})`, 'check the path and the device');
  // Not the file system: the document itself could not be produced (a bug, or a limit of the runtime).
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new OutputError(
    path,
    `the document could not be produced (${message})`,
    'please report this with the command line',
  );
}

/** The message for standard output failing (a closed pipe, a full device). */
export function stdoutError(e: unknown): string {
  return outputError('standard output', e).message;
}

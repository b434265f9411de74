import type { Matrix } from '../../model/matrix.js';
import type { CliContext, ExitCode } from '../context.js';
import type { InputFile } from '../files.js';

export async function writeDeltas(
  _old: Matrix,
  _new: Matrix,
  _dir: string,
  _inputs: readonly InputFile[],
  _ctx: CliContext,
): Promise<ExitCode | undefined> {
  return undefined;
}

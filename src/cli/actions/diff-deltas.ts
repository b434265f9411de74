import { join } from 'node:path';
import { firewallDeltas } from '../../diff/delta/index.js';
import type { Matrix } from '../../model/matrix.js';
import type { CliContext, ExitCode } from '../context.js';
import { type InputFile, type WriteOptions, writeOutputs, writing } from '../files.js';

/** `diff --deltas DIR`: per firewall whose rules change, `DIR/<fw>.<platform>.delta.*` and its rollback. */
export async function writeDeltas(
  before: Matrix,
  after: Matrix,
  dir: string,
  inputs: readonly InputFile[],
  ctx: CliContext,
  write: WriteOptions = {},
): Promise<ExitCode | undefined> {
  const { deltas, errors } = firewallDeltas(before, after);
  for (const e of errors) ctx.err(`delta not computed: ${e}\n`);
  const outputs = deltas.flatMap((d) => [
    { path: join(dir, d.apply.path), content: d.apply.content },
    { path: join(dir, d.rollback.path), content: d.rollback.content },
  ]);
  if (outputs.length === 0) {
    ctx.err('no firewall rule changes: no delta written\n');
    return undefined;
  }
  const failed = await writing(ctx, () => writeOutputs(outputs, inputs, write));
  if (failed !== undefined) return failed;
  for (const o of outputs) ctx.err(`  ${o.path}\n`);
  for (const d of deltas) for (const n of d.notes) ctx.err(`note: ${n.en}\n`);
  return undefined;
}

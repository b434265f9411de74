import { join } from 'node:path';
import { firewallDeltas } from '../../diff/delta/index.js';
import type { Matrix } from '../../model/matrix.js';
import type { CliContext } from '../context.js';
import { type Output, scriptMode } from '../files.js';

/**
 * `diff --deltas DIR`: per firewall whose rules change, `DIR/<fw>.<platform>.delta.*` and its rollback, written by
 * the caller together with the report (all or nothing); the notes to print once they are written.
 */
export function deltaOutputs(
  before: Matrix,
  after: Matrix,
  dir: string,
  ctx: CliContext,
): { outputs: Output[]; notes: string[] } {
  const { deltas, errors } = firewallDeltas(before, after);
  for (const e of errors) ctx.err(`delta not computed: ${e}\n`);
  const outputs = deltas.flatMap((d) =>
    [d.apply, d.rollback].map((f) => ({ path: join(dir, f.path), content: f.content, ...scriptMode(f.path) })),
  );
  if (outputs.length === 0) ctx.err('no firewall rule changes: no delta written\n');
  return { outputs, notes: deltas.flatMap((d) => d.notes.map((n) => n.en)) };
}

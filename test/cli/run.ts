import { runCli } from '../../src/cli/program.js';
import { repoRoot } from '../support/catalogs.js';

export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in-process with captured output, from the repository root unless `cwd` is given. */
export async function run(args: string[], env: Record<string, string> = {}, cwd = repoRoot): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    cwd,
    env: { NO_COLOR: '1', ...env },
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    interactive: false,
  });
  return { code, out, err };
}

import { stdoutError } from './output/errors.js';
import { runCli } from './program.js';

// `flowmatrix matrix site.yaml | head -c1`, `> /dev/full`: the output is incomplete, which the exit status must
// say (2), with the reason and no stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  process.stderr.write(`${stdoutError(e)}\n`);
  process.exit(2);
});

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  interactive: process.stderr.isTTY === true,
});
process.exitCode = code;

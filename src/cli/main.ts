import { stdoutError } from './output/errors.js';
import { runCli } from './program.js';
import { reportCrash } from './report.js';

// `flowmatrix matrix site.yaml | head -c1`, `> /dev/full`: the output is incomplete, which the exit status must
// say (2), with the reason and no stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  process.stderr.write(`${stdoutError(e)}\n`);
  process.exit(2);
});
// `2>&1 | head`: with stderr gone there is no one to tell; the report was cut, so exit 2 as for stdout.
process.stderr.on('error', () => process.exit(2));

// What escapes `runCli` (an error in a stream callback): one line and exit 2, never Node's stack trace.
const crashed = (e: unknown): void => {
  process.exit(reportCrash({ env: process.env, err: (s) => process.stderr.write(s) }, e));
};
process.on('uncaughtException', crashed);
process.on('unhandledRejection', crashed);

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  interactive: process.stderr.isTTY === true,
});
process.exitCode = code;

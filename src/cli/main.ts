import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  interactive: process.stderr.isTTY === true,
});
process.exitCode = code;

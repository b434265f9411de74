import { Command, CommanderError } from 'commander';
import type { CommandSpec } from './command.js';
import { commands } from './commands/index.js';
import { type CliContext, EXIT } from './context.js';

const VERSION = '0.1.0';

const INTRO = `Flowmatrix turns a product's network flow matrix into data, and from that one source writes the
documents (XLSX, CSV, Markdown, HTML, diagrams), the firewall rules, and the audit.

Start here:
  flowmatrix catalog list                                  the built-in product catalogs
  flowmatrix catalog show hamilton --format md             one catalog, without a site
  flowmatrix validate examples/hamilton-site.yaml          check a site file
  flowmatrix matrix examples/hamilton-site.yaml --all-formats -o out/

Exit codes: 0 success, 1 checks failed, 2 bad input. Set NO_COLOR to disable colours, FLOWMATRIX_LANG=fr for French.`;

/** Builds the commander program; `run` resolves to the exit code instead of exiting. */
export function buildProgram(ctx: CliContext, setExit: (code: number) => void): Command {
  const program = new Command('flowmatrix')
    .version(VERSION)
    .description(INTRO)
    .showHelpAfterError('(run with --help for usage and examples)')
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err })
    .exitOverride();
  const groups = new Map<string, Command>();
  for (const spec of commands as CommandSpec<Record<string, unknown>>[]) {
    const words = spec.name.split(' ');
    let parent = program;
    if (words.length === 2) {
      const groupName = words[0] as string;
      let group = groups.get(groupName);
      if (!group) {
        group = program.command(groupName).description(`${groupName} commands`);
        groups.set(groupName, group);
      }
      parent = group;
    }
    const cmd = parent
      .command(words[words.length - 1] as string)
      .description(spec.description ? `${spec.summary}\n\n${spec.description}` : spec.summary);
    spec.configure(cmd);
    cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    cmd.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      const options = self.opts();
      const args = self.args.map(String);
      setExit(await spec.handler(args, options, ctx));
    });
  }
  return program;
}

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(ctx, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return EXIT.ok;
      return EXIT.badInput;
    }
    throw e;
  }
  return code;
}

import { Command, CommanderError } from 'commander';
import type { CommandSpec } from './command.js';
import { commands } from './commands/index.js';
import { type CliContext, EXIT } from './context.js';
import { reportCrash } from './report.js';

const VERSION = '0.1.0';

const INTRO = `Network flow matrices as data. From one reviewed source: the documents (XLSX,
CSV, Markdown, HTML, diagrams), the firewall and proxy rules, and the audit.`;

// After the command list, as written: commander would re-wrap it if it were part of the description.
const START_HERE = `
Start here:
  flowmatrix catalog list                           the built-in product catalogs
  flowmatrix catalog show hamilton --format md      one catalog, without a site
  flowmatrix validate examples/hamilton-site.yaml   check a site file
  flowmatrix matrix examples/hamilton-site.yaml --all-formats -o out/
  flowmatrix generate examples/hamilton-site.yaml -o out/rules
  flowmatrix audit examples/hamilton-site.yaml

Each command has its own --help with examples.
Exit codes: 0 success, 1 checks failed, 2 bad input.
Environment: FLOWMATRIX_LANG=fr for French documents, NO_COLOR to disable colours,
  FLOWMATRIX_MAX_ERRORS=N to print N problems of each kind (default 20; 0: all),
  FLOWMATRIX_DEBUG=1 to print the stack of an internal error.
`;

/** What `flowmatrix --help` lists for a command group. */
const GROUPS: Record<string, string> = {
  catalog: 'List, show or start product catalogs',
  policy: 'Export or import a site’s zone-to-zone policy as CSV',
  import:
    'Read matrices people already have: the Microsoft 365 endpoint service, spreadsheets and CSV from other teams',
};

/** Builds the commander program; `run` resolves to the exit code instead of exiting. */
export function buildProgram(ctx: CliContext, setExit: (code: number) => void): Command {
  const program = new Command('flowmatrix')
    .version(VERSION)
    .description(INTRO)
    .addHelpText('after', START_HERE)
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
        group = program.command(groupName).description(GROUPS[groupName] ?? `${groupName} commands`);
        groups.set(groupName, group);
      }
      parent = group;
    }
    const cmd = parent
      .command(words[words.length - 1] as string)
      .summary(spec.summary)
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
    return reportCrash(ctx, e);
  }
  return code;
}

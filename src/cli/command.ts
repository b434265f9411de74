import { type Command, Option } from 'commander';
import { colon, type Lang } from '../model/lang.js';
import type { CliContext, ExitCode } from './context.js';
import { LANG_IDS } from './ids.js';

/**
 * One command, declared in its own file. `name` may have two words (`catalog show`): the first is the group.
 * The handler gets the positional arguments, the parsed options and the context; it returns the exit code
 * and never calls process.exit. A declaration imports nothing heavy: its handler loads the command's code
 * (src/cli/actions/) with `import()` when it runs, so `--help`, `--version` and the other commands do not pay for it.
 */
export interface CommandSpec<O = Record<string, unknown>> {
  readonly name: string;
  readonly summary: string;
  readonly description?: string;
  readonly examples: readonly string[];
  readonly configure: (cmd: Command) => Command;
  readonly handler: (args: string[], options: O, ctx: CliContext) => Promise<ExitCode>;
}

export const defineCommand = <O>(spec: CommandSpec<O>): CommandSpec<O> => spec;

/** Commander collector for repeatable options (`--feature a=on --feature b=off`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--feature` and `--set`, the same on every command that loads a site. */
export const siteOptions = (cmd: Command): Command =>
  cmd
    .option('--feature <name=on|off>', 'turn a catalog feature on or off (repeatable; NAME or CATALOG.NAME)', collect)
    .option('--set <name=value>', 'set a catalog parameter (repeatable; NAME or CATALOG.NAME)', collect);

/**
 * `--force`, beside `-o` on every command that writes files. Without it, a file already at an output path is
 * replaced only when flowmatrix wrote it and it is unchanged since (src/cli/output/manifest.ts).
 */
export const FORCE_HELP =
  "replace files at the output paths that the folder's record (.flowmatrix-outputs.json) does not list as flowmatrix's unchanged outputs — your own files, hand-edited outputs (default: refuse them all, and write nothing)";

/** `--lang fr|en`; without it, FLOWMATRIX_LANG or LANG decides (see `langOf`). */
export const langOption = (what: string): Option => new Option('--lang <lang>', what).choices(LANG_IDS);

/** Parses `NAME=VALUE` pairs; returns the bad ones separately so the caller reports them all. */
export function parsePairs(pairs: readonly string[] | undefined): { values: Record<string, string>; bad: string[] } {
  const values: Record<string, string> = {};
  const bad: string[] = [];
  for (const p of pairs ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) bad.push(p);
    else values[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return { values, bad };
}

export function parseSwitches(pairs: readonly string[] | undefined): {
  values: Record<string, boolean>;
  bad: string[];
} {
  const { values, bad } = parsePairs(pairs);
  const out: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(values)) {
    if (/^(on|true|yes|1)$/i.test(v)) out[k] = true;
    else if (/^(off|false|no|0)$/i.test(v)) out[k] = false;
    else bad.push(`${k}=${v}`);
  }
  return { values: out, bad };
}

/** What `badSettings` says, in each language (`--feature x` and the examples stay as typed). */
const BAD_SETTING = {
  en: {
    notSwitch: (b: string, name: string) =>
      `--feature ${b}: a feature is on or off (also true/false, yes/no, 1/0) — e.g. --feature ${name}=on`,
    feature: (b: string) => `--feature ${b}: expected NAME=on or NAME=off — e.g. --feature sms=on`,
    set: (b: string) => `--set ${b}: expected NAME=VALUE — e.g. --set smtp_relay=relay.example.com`,
  },
  fr: {
    notSwitch: (b: string, name: string) =>
      `--feature ${b}${colon('fr')} une fonctionnalité est on ou off (ou true/false, yes/no, 1/0) — par ex. --feature ${name}=on`,
    feature: (b: string) => `--feature ${b}${colon('fr')} il faut NOM=on ou NOM=off — par ex. --feature sms=on`,
    set: (b: string) => `--set ${b}${colon('fr')} il faut NOM=VALEUR — par ex. --set smtp_relay=relay.example.com`,
  },
} as const;

/**
 * What is wrong with each bad `--feature` and `--set`, one line each, in `lang`: a feature with a value that is not
 * a switch is told the values it takes, not the NAME=VALUE shape it already has.
 */
export function badSettings(features: readonly string[], parameters: readonly string[], lang: Lang = 'en'): string[] {
  const say = BAD_SETTING[lang];
  const shape = (b: string) => b.indexOf('=') > 0;
  return [
    ...features.map((b) => (shape(b) ? say.notSwitch(b, b.slice(0, b.indexOf('='))) : say.feature(b))),
    ...parameters.map((b) => say.set(b)),
  ];
}

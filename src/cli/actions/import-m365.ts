import { readFile } from 'node:fs/promises';
import { basename, resolve as resolvePath } from 'node:path';
import { unreadable } from '../../catalog/fs.js';
import { placeJsonIssues } from '../../import/json-positions.js';
import { detectInstance, INSTANCE_IDS, type Instance, m365Catalog } from '../../import/m365/catalog.js';
import { parseChanges } from '../../import/m365/changes.js';
import { type EndpointSet, parseFeed } from '../../import/m365/feed.js';
import { toYaml } from '../../import/yaml.js';
import { type Issue, issue } from '../../model/issues.js';
import { counted } from '../../model/text.js';
import type { ImportM365Options } from '../commands/import.js';
import { type CliContext, EXIT, type ExitCode } from '../context.js';
import { filePath, writeOutputs, writing } from '../files.js';
import { reportIssues } from '../report.js';

export async function importM365(file: string, options: ImportM365Options, ctx: CliContext): Promise<ExitCode> {
  const given = options.instance as Instance | undefined;
  if (given !== undefined && !INSTANCE_IDS.includes(given)) {
    ctx.err(`--instance ${given}: unknown instance — one of ${INSTANCE_IDS.join(', ')}\n`);
    return EXIT.badInput;
  }
  if (options.tenant !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(options.tenant)) {
    ctx.err(`--tenant ${options.tenant}: not a tenant name — the part before .onmicrosoft.com, e.g. contoso\n`);
    return EXIT.badInput;
  }
  const feedText = await readText(file, 'endpoints answer', ctx);
  if (feedText === undefined) return EXIT.badInput;
  const feed = parseFeed(feedText, file);
  const changesText = options.changes ? await readText(options.changes, 'changes answer', ctx) : undefined;
  if (options.changes && changesText === undefined) return EXIT.badInput;
  const changes = changesText !== undefined ? parseChanges(changesText, options.changes as string) : undefined;
  // Each problem at its line:col in the answer it is about.
  const issues = [
    ...placeJsonIssues(feedText, feed.issues),
    ...(changesText !== undefined && changes ? placeJsonIssues(changesText, changes.issues) : []),
  ];
  if (issues.some((i) => i.severity === 'error')) return reportIssues(ctx, issues);
  const { instance, said } = instanceOf(given, feed.sets, file);
  if (said) issues.push(said);
  const { catalog, warnings } = m365Catalog(feed.sets, {
    instance,
    document: basename(file),
    ...(options.tenant ? { tenant: options.tenant } : {}),
    ...(changes ? { changes: changes.changes } : {}),
  });
  reportIssues(ctx, [...issues, ...warnings]);
  const path = options.output ? filePath(ctx.cwd, options.output) : undefined;
  const yaml = toYaml(
    catalog,
    [
      `Imported by flowmatrix import m365 from ${basename(file)}${options.changes ? ` and ${basename(options.changes)}` : ''} (instance ${instance}).`,
      'Level: required → mandatory, else optional; category and ExpressRoute in each flow’s label and notes.',
      'Re-import rather than edit: a new answer of the service gives a new catalog.',
    ],
    'catalog',
    path === undefined ? { cwd: ctx.cwd } : { path },
  );
  if (path === undefined) ctx.out(yaml);
  else {
    const inputs = [{ path: resolvePath(ctx.cwd, file), what: 'endpoints answer' }];
    const failed = await writing(ctx, () => writeOutputs([{ path, content: yaml }], inputs, { force: options.force }));
    if (failed !== undefined) return failed;
    ctx.err(`  ${path}\n`);
  }
  ctx.err(
    `${counted(catalog.flows.length, 'flow', 'flows', 'en')} from ${counted(feed.sets.length, 'endpoint set', 'endpoint sets', 'en')}, ${counted(Object.keys(catalog.features).length, 'service area', 'service areas', 'en')}${changes ? `, ${counted(changes.changes.length, 'change', 'changes', 'en')} in the notes` : ''}\n`,
  );
  return EXIT.ok;
}

async function readText(file: string, what: string, ctx: CliContext): Promise<string | undefined> {
  try {
    return await readFile(resolvePath(ctx.cwd, file), 'utf8');
  } catch (e) {
    const { reason, hint } = unreadable(e, `the ${what}`);
    ctx.err(`${file}: ${reason} — ${hint}\n`);
    return undefined;
  }
}

/**
 * The instance: --instance, else the one the answer's URLs say (it has no field naming it), else Worldwide — said in
 * a warning, as is an --instance the URLs contradict.
 */
function instanceOf(
  given: Instance | undefined,
  sets: readonly EndpointSet[],
  file: string,
): { instance: Instance; said?: Issue } {
  const detected = detectInstance(sets);
  const warn = (message: string, hint: string): Issue => ({
    ...issue('invalid-value', [], message, hint, 'warning'),
    file,
  });
  const choose = `give --instance ${INSTANCE_IDS.join('|')}`;
  if (given !== undefined) {
    if (!detected || detected.instance === given) return { instance: given };
    return {
      instance: given,
      said: warn(
        `--instance ${given}, but the answer looks like ${detected.instance}'s: ${detected.evidence}`,
        `check --instance (${INSTANCE_IDS.join('|')})`,
      ),
    };
  }
  if (detected) return { instance: detected.instance };
  return {
    instance: 'worldwide',
    said: warn('instance worldwide assumed: the answer has no URL to tell its instance by', choose),
  };
}

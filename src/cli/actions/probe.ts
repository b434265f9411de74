import { setMaxListeners } from 'node:events';
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { Matrix } from '../../model/matrix.js';
import { refIn } from '../../model/ref.js';
import type { Site } from '../../model/site.js';
import { colon, counted, type Lang, pick, type Text } from '../../model/text.js';
import { emitScript, type ScriptShell } from '../../probe/emit/index.js';
import { type ProbePlan, type ProbeSource, planProbes } from '../../probe/plan.js';
import { exitOf, type ProbeFormatId, type ProbeReport, probeFormats, probeTarget } from '../../probe/report/index.js';
import { readReport } from '../../probe/report/read.js';
import { runProbes } from '../../probe/run/index.js';
import { DEFAULT_LIMITS, type ProbeLimits } from '../../probe/types.js';
import type { ProbeCliOptions } from '../commands/probe.js';
import { type CliContext, EXIT, type ExitCode, langOf } from '../context.js';
import { filePath, type InputFile, inputsOf, writeOutputs, writing } from '../files.js';
import { loadMatrix } from '../load.js';
import { Stages } from '../progress.js';

export async function probe(site: string | undefined, options: ProbeCliOptions, ctx: CliContext): Promise<ExitCode> {
  if (options.import !== undefined) return importResults(options.import, options, ctx);
  if (site === undefined) {
    ctx.err('give a site file — e.g. flowmatrix probe site.yaml --as web-1 — or --import results.json\n');
    return EXIT.badInput;
  }
  if (options.from !== undefined && options.as !== undefined) {
    ctx.err('--from and --as both name the source: give one\n');
    return EXIT.badInput;
  }
  const limits = parseLimits(options, ctx);
  if (!limits) return EXIT.badInput;
  const loaded = await loadMatrix(site, options, ctx);
  if (!loaded.ok) return loaded.code;
  const { matrix } = loaded;
  const source = sourceOf(matrix, loaded.site, options, ctx);
  if (!source) return EXIT.badInput;
  if (options.emit !== undefined && source.source.kind === 'addresses') {
    ctx.err('--emit writes a script for one source host: name it with --as HOST or --from ROLE\n');
    return EXIT.badInput;
  }
  const unknown = (options.only ?? []).filter(
    (f) => !matrix.rows.some((r) => r.flow === f || `${r.catalog}.${r.flow}` === f),
  );
  if (unknown.length > 0) {
    const flows = [...new Set(matrix.rows.map((r) => r.flow))].sort();
    ctx.err(`--only: unknown flow ${unknown.join(', ')} — flows of this site: ${flows.join(', ')}\n`);
    return EXIT.badInput;
  }
  const plan = planProbes(matrix, {
    source: source.source,
    ...(options.only ? { only: options.only } : {}),
    // A script runs elsewhere: its CA path is the target host's, written as given.
    ...(options.caFile ? { caFile: options.emit ? options.caFile : resolvePath(ctx.cwd, options.caFile) } : {}),
  });
  if (plan.specs.length === 0) {
    ctx.err(`nothing to probe: no row of ${matrix.site.id} has ${source.text} as its source — use --from or --as\n`);
    return EXIT.badInput;
  }
  const inputs = inputsOf(loaded);
  if (options.plan) {
    const lang = langOf(options.lang, ctx);
    const format = options.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      ctx.err(`--plan --format ${format}: the plan is written as text or json — use --format text|json\n`);
      return EXIT.badInput;
    }
    const content =
      format === 'json' ? planJson(plan, matrix.site.id, source.text) : planText(plan, source.said[lang], lang);
    return emit(content, options, inputs, ctx);
  }
  if (options.emit !== undefined) {
    const script = emitScript(options.emit as ScriptShell, plan.specs, {
      limits,
      site: matrix.site.id,
      source: source.text,
      ...(options.proxy ? { proxy: options.proxy } : {}),
      ...(options.resolver ? { resolver: options.resolver } : {}),
    });
    // A bash script is run as it is (./probe.sh): executable. PowerShell goes by its extension and policy.
    return emit(script, options, inputs, ctx, options.emit === 'bash' ? 0o755 : undefined);
  }

  const controller = new AbortController();
  // Every running probe listens to the one signal (its sockets, its wait): more than Node's default of 10.
  setMaxListeners(4 * limits.concurrency + 16, controller.signal);
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  const stages = new Stages(ctx, plan.specs.length);
  const startedAt = new Date().toISOString();
  try {
    const results = await runProbes(
      plan.specs,
      {
        limits,
        signal: controller.signal,
        ...(options.proxy ? { proxy: options.proxy } : {}),
        ...(options.resolver ? { resolver: options.resolver } : {}),
      },
      { onResult: (r) => stages.next(`${r.status} ${probeTarget(r)}`) },
    );
    stages.stop();
    const report: ProbeReport = {
      tool: 'flowmatrix',
      version: 1,
      site: matrix.site.id,
      source: source.text,
      startedAt,
      probes: plan.specs,
      results,
    };
    const failed = await emit(render(report, options, ctx), options, inputs, ctx);
    if (failed !== EXIT.ok) return failed;
    return summarise(report, ctx);
  } finally {
    stages.stop();
    process.removeListener('SIGINT', interrupt);
  }
}

function render(report: ProbeReport, options: ProbeCliOptions, ctx: CliContext): string {
  return probeFormats[(options.format ?? 'text') as ProbeFormatId](report, langOf(options.lang, ctx));
}

function summarise(report: ProbeReport, ctx: CliContext): ExitCode {
  const counts = new Map<string, number>();
  for (const r of report.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  ctx.err(`${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}\n`);
  return exitOf(report.results);
}

async function emit(
  content: string,
  options: ProbeCliOptions,
  inputs: readonly InputFile[],
  ctx: CliContext,
  mode?: number,
): Promise<ExitCode> {
  if (!options.output) {
    ctx.out(content);
    return EXIT.ok;
  }
  const path = filePath(ctx.cwd, options.output);
  const output = mode === undefined ? { path, content } : { path, content, mode };
  const failed = await writing(ctx, () => writeOutputs([output], inputs, { force: options.force }));
  if (failed !== undefined) return failed;
  ctx.err(`  ${path}\n`);
  return EXIT.ok;
}

async function importResults(file: string, options: ProbeCliOptions, ctx: CliContext): Promise<ExitCode> {
  const path = resolvePath(ctx.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    ctx.err(`${file}: cannot read the results (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return EXIT.badInput;
  }
  const read = readReport(text);
  if (!read.ok) {
    ctx.err(`${file}:${read.message} — ${read.hint}\n`);
    return EXIT.badInput;
  }
  const failed = await emit(render(read.report, options, ctx), options, [{ path, what: 'probe results' }], ctx);
  if (failed !== EXIT.ok) return failed;
  return summarise(read.report, ctx);
}

function positive(value: string | undefined, fallback: number, flag: string, ctx: CliContext): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0) return n;
  ctx.err(`${flag} ${value}: expected a whole number above 0 — e.g. ${flag} ${fallback}\n`);
  return undefined;
}

function parseLimits(options: ProbeCliOptions, ctx: CliContext): ProbeLimits | undefined {
  const concurrency = positive(options.concurrency, DEFAULT_LIMITS.concurrency, '--concurrency', ctx);
  const perHost = positive(options.perHost, DEFAULT_LIMITS.perHost, '--per-host', ctx);
  const timeoutMs = positive(options.timeout, DEFAULT_LIMITS.timeoutMs, '--timeout', ctx);
  if (concurrency === undefined || perHost === undefined || timeoutMs === undefined) return undefined;
  return { concurrency, perHost, timeoutMs };
}

/** The addresses a site host holds, or a group's members' (a group of groups is followed, once each). */
function hostAddresses(site: Site, name: string, seen = new Set<string>()): string[] | undefined {
  if (seen.has(name)) return [];
  seen.add(name);
  const host = site.hosts[name];
  if (host) return host.address === undefined ? [] : Array.isArray(host.address) ? host.address : [host.address];
  const members = site.groups[name];
  if (!members) return undefined;
  return members.flatMap((m) => hostAddresses(site, m, seen) ?? []);
}

function sourceOf(
  matrix: Matrix,
  site: Site,
  options: ProbeCliOptions,
  ctx: CliContext,
): { source: ProbeSource; text: string; said: Text } | undefined {
  if (options.from !== undefined) {
    const roles = [...new Set(matrix.rows.map((r) => r.source.role))].sort();
    if (!roles.includes(options.from)) {
      ctx.err(`--from ${options.from}: no row has this source role — source roles: ${roles.join(', ')}\n`);
      return undefined;
    }
    const text = `role ${options.from}`;
    return { source: { kind: 'role', role: options.from }, text, said: { fr: `le rôle ${options.from}`, en: text } };
  }
  if (options.as !== undefined) {
    const addresses = hostAddresses(site, options.as);
    if (addresses === undefined) {
      const names = [...Object.keys(site.hosts), ...Object.keys(site.groups)].sort();
      ctx.err(`--as ${options.as}: not a host or group of the site — hosts and groups: ${names.join(', ')}\n`);
      return undefined;
    }
    const text = `host ${options.as}`;
    return {
      source: { kind: 'host', name: options.as, addresses },
      text,
      said: { fr: `l’hôte ${options.as}`, en: text },
    };
  }
  const mine = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal)
    .map((i) => i.address.replace(/%.*$/, ''));
  const listed = `(${mine.slice(0, 4).join(', ')}${mine.length > 4 ? ', …' : ''})`;
  return {
    source: { kind: 'addresses', addresses: mine },
    text: `this machine ${listed}`,
    said: { fr: `cette machine ${listed}`, en: `this machine ${listed}` },
  };
}

/** `--plan`: each probe, how it runs, and why; nothing is touched. */
function planText(plan: ProbePlan, source: string, lang: Lang): string {
  const fr = lang === 'fr';
  const c = colon(lang);
  const rows = counted(plan.rows.length, fr ? 'ligne' : 'row', fr ? 'lignes' : 'rows', lang);
  const probes = counted(plan.specs.length, fr ? 'sonde' : 'probe', fr ? 'sondes' : 'probes', lang);
  const out = [`${rows} ${fr ? 'depuis' : 'from'} ${source}, ${probes}${c}`, ''];
  for (const s of plan.specs) {
    out.push(`  ${s.id}`);
    out.push(`    ${probeTarget(s)} — ${pick(s.title, lang)}`);
    const why = s.origin.check ? `${fr ? 'vérification' : 'check'} ${s.origin.check}` : s.origin.flow;
    out.push(`    ${fr ? 'pourquoi' : 'why'}${c} ${why}${s.origin.ref ? ` (${refIn(s.origin.ref, lang)})` : ''}`);
    if (s.dependsOn?.length) out.push(`    ${fr ? 'après' : 'after'}${c} ${s.dependsOn.join(', ')}`);
    // A manual check's reason in the plan's language only.
    const other = fr ? 'reasonEn' : 'reasonFr';
    const opts = Object.entries(s.options ?? {}).filter(([k]) => k !== other);
    if (opts.length > 0) out.push(`    ${opts.map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
  }
  return `${out.join('\n')}\n`;
}

/** `--plan --format json`: the probes as they would run (both languages kept: a tool reads it). */
const planJson = (plan: ProbePlan, site: string, source: string): string =>
  `${JSON.stringify(
    {
      tool: 'flowmatrix',
      plan: 1,
      site,
      source,
      rows: plan.rows.map((r) => ({ key: r.key, catalog: r.catalog, flow: r.flow, ref: r.ref })),
      probes: plan.specs,
    },
    null,
    2,
  )}\n`;

import { z } from 'zod';
import { Text } from '../../model/text.js';
import { RESULTS_FORMAT } from '../emit/common.js';
import { PROBE_KINDS, PROBE_STATUSES } from '../types.js';
import type { ProbeReport } from './model.js';

/**
 * Reads a results file back (`probe --import`): the json format's own output, or a script's for a host without
 * Node. Checked field by field; an error says where (`results[3].status`) and what was expected.
 */
const Evidence = z.strictObject({ label: z.string(), value: z.string() });
const Option = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const Spec = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(PROBE_KINDS),
  target: z.string(),
  port: z.number().int().min(1).max(65535).optional(),
  origin: z.strictObject({
    row: z.string().optional(),
    flow: z.string().optional(),
    ref: z.string().optional(),
    check: z.string().optional(),
  }),
  title: Text,
  dependsOn: z.array(z.string()).optional(),
  options: z.record(z.string(), Option).optional(),
});
const Result = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(PROBE_KINDS),
  target: z.string(),
  port: z.number().int().min(1).max(65535).optional(),
  status: z.enum(PROBE_STATUSES),
  summary: Text,
  evidence: z.array(Evidence),
  timings: z.record(z.string(), z.number()),
  error: z.string().optional(),
  startedAt: z.string(),
  durationMs: z.number().min(0),
});
const Report = z.strictObject({
  tool: z.literal('flowmatrix'),
  version: z.literal(1),
  site: z.string(),
  source: z.string(),
  startedAt: z.string(),
  probes: z.array(Spec),
  results: z.array(Result),
});

/** What the bash and PowerShell scripts write (src/probe/emit): the results, after the site, the source and the
 * probes they were written from (titles and origins, without options: src/probe/emit/embed.ts). */
const ScriptResults = z.strictObject({
  format: z.literal(RESULTS_FORMAT),
  site: z.string().optional(),
  source: z.string().optional(),
  probes: z.array(Spec).optional(),
  results: z.array(Result),
});

export type ReadResult = { ok: true; report: ProbeReport } | { ok: false; message: string; hint: string };

/** `(line:col)` of a character offset, for JSON syntax errors. */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

export function readReport(text: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    return {
      ok: false,
      message: `${m ? `${lineCol(text, Number(m[1]))}: ` : ''}not JSON (${(e as Error).message})`,
      hint: 'give the file `flowmatrix probe --format json` or a probe script wrote',
    };
  }
  if (typeof data === 'object' && data !== null && 'format' in data) {
    const script = ScriptResults.safeParse(data);
    if (!script.success) return invalid(script.error.issues[0]);
    const results = script.data.results as ProbeReport['results'];
    const report: ProbeReport = {
      tool: 'flowmatrix',
      version: 1,
      site: script.data.site ?? '',
      source: `${script.data.source ?? 'unknown source'} (script)`,
      startedAt: results[0]?.startedAt ?? '',
      probes: (script.data.probes ?? []) as ProbeReport['probes'],
      results,
    };
    // An older script carries no probes: its results are rendered by kind and target only.
    return script.data.probes ? answered(report) : { ok: true, report };
  }
  const parsed = Report.safeParse(data);
  if (!parsed.success) return invalid(parsed.error.issues[0]);
  return answered(parsed.data as ProbeReport);
}

/** Every result answers one of the report's probes (same id). */
function answered(report: ProbeReport): ReadResult {
  const known = new Set(report.probes.map((p) => p.id));
  const orphan = report.results.findIndex((r) => !known.has(r.id));
  if (orphan >= 0)
    return {
      ok: false,
      message: `results[${orphan}].id: "${report.results[orphan]?.id}" is not among the probes`,
      hint: 'every result answers one of the file’s probes (same id)',
    };
  return { ok: true, report };
}

function invalid(issue: z.core.$ZodIssue | undefined): ReadResult {
  const path = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return {
    ok: false,
    message: `${path.replace(/^\./, '') || 'the file'}: ${issue?.message ?? 'invalid'}`,
    hint: `expected probe results: the json format (tool "flowmatrix", version 1) or a script's (${RESULTS_FORMAT})`,
  };
}

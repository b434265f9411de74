import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { policyFromCsv, policyFromMatrix, policyToCsv } from '../../audit/policy-csv.js';
import { loadSiteFile, unreadable } from '../../catalog/fs.js';
import { checkPolicy } from '../../catalog/validate-policy.js';
import type { Issue } from '../../model/issues.js';
import type { Site } from '../../model/site.js';
import type { PolicyExportOptions } from '../commands/policy.js';
import { type CliContext, EXIT, type ExitCode } from '../context.js';
import { filePath, writeOutputs, writing } from '../files.js';
import { loadMatrix } from '../load.js';
import { reportIssues } from '../report.js';

export async function exportPolicy(site: string, options: PolicyExportOptions, ctx: CliContext): Promise<ExitCode> {
  let policy: Site['policy'];
  const inputs = [{ path: resolvePath(ctx.cwd, site), what: 'site file' }];
  if (options.fromFlows) {
    const loaded = await loadMatrix(site, {}, ctx);
    if (!loaded.ok) return loaded.code;
    policy = policyFromMatrix(loaded.matrix);
  } else {
    const loaded = loadSiteFile(resolvePath(ctx.cwd, site));
    if (!loaded.ok) return reportIssues(ctx, loaded.issues);
    policy = loaded.value.site.policy;
    if (!policy || policy.length === 0) {
      ctx.err(`${site}: no policy: entry — write one, import a CSV (flowmatrix policy import), or use --from-flows\n`);
      return EXIT.badInput;
    }
  }
  const csv = policyToCsv(policy, options.excelFr ? ';' : ',');
  const content = options.excelFr ? `\uFEFF${csv}` : csv;
  if (!options.output) ctx.out(content);
  else {
    const failed = await writing(ctx, () =>
      writeOutputs([{ path: filePath(ctx.cwd, options.output as string), content }], inputs, {
        force: options.force,
      }),
    );
    if (failed !== undefined) return failed;
  }
  return EXIT.ok;
}

export async function importPolicy(file: string, siteFile: string | undefined, ctx: CliContext): Promise<ExitCode> {
  const path = resolvePath(ctx.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const { reason, hint } = unreadable(e, 'a CSV file');
    ctx.err(`${file}: ${reason} — ${hint}\n`);
    return EXIT.badInput;
  }
  const { policy, issues, lines } = policyFromCsv(text);
  if (issues.length > 0)
    return reportIssues(
      ctx,
      issues.map((i) => ({ ...i, file: file })),
    );
  if (!siteFile) {
    ctx.out(stringify({ policy }, { lineWidth: 0 }));
    return EXIT.ok;
  }
  const sitePath = resolvePath(ctx.cwd, siteFile);
  const doc = parseDocument(await readFile(sitePath, 'utf8'));
  // The zones of the combined site (they may come from an included or base file); the file's own when it is broken.
  const combined = loadSiteFile(sitePath);
  const data = doc.toJS() as { zones?: Record<string, unknown> } | null;
  const names = combined.ok ? combined.value.site.zones : (data?.zones ?? {});
  const bad = checkPolicy(policy, Object.keys(names));
  if (bad.length > 0)
    return reportIssues(
      ctx,
      bad.map((i: Issue) => ({ ...i, file, line: lines[Number(i.path[1])] ?? 1, col: 1 })),
    );
  doc.set('policy', doc.createNode(policy));
  // The site is the output here (updated in place, atomically); the CSV read must not be it.
  const failed = await writing(ctx, () =>
    writeOutputs(
      [{ path: sitePath, content: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), usersFile: true }],
      [{ path, what: 'policy CSV' }],
    ),
  );
  if (failed !== undefined) return failed;
  ctx.err(`${policy.length} policy entries written to ${siteFile}\n`);
  return EXIT.ok;
}

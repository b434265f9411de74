import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { checkPolicy, policyFromCsv, policyFromMatrix, policyToCsv } from '../../audit/index.js';
import { loadSiteFile } from '../../catalog/fs.js';
import type { Issue } from '../../model/issues.js';
import type { Site } from '../../model/site.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../context.js';
import { writeFilesAtomically } from '../files.js';
import { loadMatrix } from '../load.js';
import { reportIssues } from '../report.js';

export const policyExportCommand = defineCommand<{ output?: string; fromFlows?: boolean; excelFr?: boolean }>({
  name: 'policy export',
  summary: 'Write a site’s zone-to-zone policy as CSV (From zone, To zone, Severity, Access Type, Services)',
  description:
    'The columns zone-matrix tools import. With --from-flows, the policy the matrix needs: for each zone pair a flow crosses, ' +
    '"allow only" the services it carries — a starting point to tighten, then import back.',
  examples: [
    'flowmatrix policy export examples/hamilton-site.yaml -o out/zones.csv',
    'flowmatrix policy export examples/hamilton-site.yaml --from-flows --excel-fr > zones.csv',
  ],
  configure: (cmd) =>
    cmd
      .argument('<site>', 'site file (YAML)')
      .option('-o, --output <file>', 'CSV file (default: standard output)')
      .option('--from-flows', 'derive the policy from the site’s flows instead of its policy: entry')
      .option('--excel-fr', '";" separator and a byte-order mark, for French Excel'),
  async handler([site], options, ctx) {
    let policy: Site['policy'];
    if (options.fromFlows) {
      const loaded = await loadMatrix(site as string, {}, ctx);
      if (!loaded.ok) return loaded.code;
      policy = policyFromMatrix(loaded.matrix);
    } else {
      const loaded = loadSiteFile(resolvePath(ctx.cwd, site as string));
      if (!loaded.ok) return reportIssues(ctx, loaded.issues);
      policy = loaded.value.site.policy;
      if (!policy || policy.length === 0) {
        ctx.err(
          `${site}: no policy: entry — write one, import a CSV (flowmatrix policy import), or use --from-flows\n`,
        );
        return EXIT.badInput;
      }
    }
    const csv = policyToCsv(policy, options.excelFr ? ';' : ',');
    const content = options.excelFr ? `\uFEFF${csv}` : csv;
    if (!options.output) ctx.out(content);
    else await writeFilesAtomically([{ path: resolvePath(ctx.cwd, options.output), content }]);
    return EXIT.ok;
  },
});

export const policyImportCommand = defineCommand<{ site?: string }>({
  name: 'policy import',
  summary: 'Read a zone-to-zone policy CSV and print it as the site’s policy: entry (or write it into a site file)',
  description:
    'Columns: From zone, To zone, Severity, Access Type (allow all | block all | allow only | block only), Services (tcp/443;udp/53 or tcp 443). ' +
    '"," or ";" separated, with or without a byte-order mark. With --site, the policy: entry of that file is replaced (comments elsewhere kept).',
  examples: [
    'flowmatrix policy import zones.csv',
    'flowmatrix policy import zones.csv --site examples/hamilton-site.yaml',
  ],
  configure: (cmd) =>
    cmd.argument('<csv>', 'policy CSV file').option('--site <file>', 'write the policy into this site file'),
  async handler([file], options, ctx) {
    const path = resolvePath(ctx.cwd, file as string);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      ctx.err(`${file}: cannot be read — check the path\n`);
      return EXIT.badInput;
    }
    const { policy, issues } = policyFromCsv(text);
    if (issues.length > 0)
      return reportIssues(
        ctx,
        issues.map((i) => ({ ...i, file: file as string })),
      );
    if (!options.site) {
      ctx.out(stringify({ policy }, { lineWidth: 0 }));
      return EXIT.ok;
    }
    const sitePath = resolvePath(ctx.cwd, options.site);
    const doc = parseDocument(await readFile(sitePath, 'utf8'));
    const data = doc.toJS() as { zones?: Record<string, unknown> } | null;
    const names = data?.zones ?? {};
    const bad = checkPolicy(policy, Object.keys(names));
    if (bad.length > 0)
      return reportIssues(
        ctx,
        bad.map((i: Issue) => ({ ...i, file: file as string, line: Number(i.path[1]) + 2, col: 1 })),
      );
    doc.set('policy', doc.createNode(policy));
    await writeFilesAtomically([{ path: sitePath, content: doc.toString({ lineWidth: 0 }) }]);
    ctx.err(`${policy.length} policy entries written to ${options.site}\n`);
    return EXIT.ok;
  },
});

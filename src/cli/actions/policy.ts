import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { type Document, isMap, isScalar, parseDocument, stringify, type YAMLMap } from 'yaml';
import { policyFromCsv, policyFromMatrix, policyToCsv } from '../../audit/policy-csv.js';
import { loadSiteFile, readText, unreadableText } from '../../catalog/fs.js';
import { checkPolicy } from '../../catalog/validate-policy.js';
import type { Issue } from '../../model/issues.js';
import type { Site } from '../../model/site.js';
import { counted, text } from '../../model/text.js';
import type { PolicyExportOptions, PolicyImportOptions } from '../commands/policy.js';
import { type CliContext, EXIT, type ExitCode, langOf } from '../context.js';
import { filePath, writeOutputs, writing } from '../files.js';
import { loadMatrix } from '../load.js';
import { reportIssues } from '../report.js';
import { sayError } from '../say.js';

export async function exportPolicy(site: string, options: PolicyExportOptions, ctx: CliContext): Promise<ExitCode> {
  const lang = langOf(options.lang, ctx);
  let policy: Site['policy'];
  const inputs = [{ path: resolvePath(ctx.cwd, site), what: 'site file' }];
  if (options.fromFlows) {
    const loaded = await loadMatrix(site, { lang }, ctx);
    if (!loaded.ok) return loaded.code;
    policy = policyFromMatrix(loaded.matrix);
  } else {
    const loaded = loadSiteFile(resolvePath(ctx.cwd, site));
    if (!loaded.ok) return reportIssues(ctx, loaded.issues, lang);
    policy = loaded.value.site.policy;
    if (!policy || policy.length === 0) {
      sayError(
        ctx,
        lang,
        { file: site },
        text('aucune entrée policy:', 'no policy: entry'),
        text(
          'écrivez-en une, importez un CSV (flowmatrix policy import), ou utilisez --from-flows',
          'write one, import a CSV (flowmatrix policy import), or use --from-flows',
        ),
      );
      return EXIT.badInput;
    }
  }
  const csv = policyToCsv(policy, options.excelFr ? ';' : ',');
  const content = options.excelFr ? `\uFEFF${csv}` : csv;
  if (!options.output) ctx.out(content);
  else {
    const path = filePath(ctx.cwd, options.output);
    const failed = await writing(ctx, () => writeOutputs([{ path, content }], inputs, { force: options.force }));
    if (failed !== undefined) return failed;
    ctx.err(`  ${path}\n`);
  }
  return EXIT.ok;
}

export async function importPolicy(file: string, options: PolicyImportOptions, ctx: CliContext): Promise<ExitCode> {
  const lang = langOf(options.lang, ctx);
  const siteFile = options.site;
  const path = resolvePath(ctx.cwd, file);
  let csv: string;
  try {
    csv = await readFile(path, 'utf8');
  } catch (e) {
    const { reason, hint } = unreadableText(e, text('un fichier CSV', 'a CSV file'));
    sayError(ctx, lang, { file }, reason, hint);
    return EXIT.badInput;
  }
  const { policy, issues, lines } = policyFromCsv(csv);
  if (issues.length > 0)
    return reportIssues(
      ctx,
      issues.map((i) => ({ ...i, file: file })),
      lang,
    );
  if (!siteFile) {
    ctx.out(stringify({ policy }, { lineWidth: 0 }));
    return EXIT.ok;
  }
  const sitePath = resolvePath(ctx.cwd, siteFile);
  const read = readText(sitePath);
  if ('issue' in read) return reportIssues(ctx, [read.issue], lang);
  const doc = parseDocument(read.text);
  // The zones of the combined site (they may come from an included or base file); the file's own when it is broken.
  const combined = loadSiteFile(sitePath);
  // A site whose YAML does not parse, or is no mapping of keys (empty, a list), has no place for a policy: its own
  // problems are the error (a site that parses but does not validate may take the policy that mends it).
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    if (!combined.ok) return reportIssues(ctx, combined.issues, lang);
    sayError(
      ctx,
      lang,
      { file: siteFile },
      text('ce n’est pas un fichier de site (un dictionnaire de clés)', 'not a site file (a mapping of keys)'),
      text('donnez le site où va la politique', 'give the site the policy goes into'),
    );
    return EXIT.badInput;
  }
  const data = doc.toJS() as { zones?: Record<string, unknown> } | null;
  const names = combined.ok ? combined.value.site.zones : (data?.zones ?? {});
  const bad = checkPolicy(policy, Object.keys(names));
  if (bad.length > 0)
    return reportIssues(
      ctx,
      bad.map((i: Issue) => ({ ...i, file, line: lines[Number(i.path[1])] ?? 1, col: 1 })),
      lang,
    );
  // The site is the output here (updated in place, atomically); the CSV read must not be it.
  const failed = await writing(ctx, () =>
    writeOutputs(
      [{ path: sitePath, content: withPolicy(read.text, doc, policy), usersFile: true }],
      [{ path, what: 'policy CSV' }],
    ),
  );
  if (failed !== undefined) return failed;
  ctx.err(
    lang === 'fr'
      ? `${counted(policy.length, 'entrée de politique écrite', 'entrées de politique écrites', lang)} dans ${siteFile}\n`
      : `${counted(policy.length, 'policy entry', 'policy entries', lang)} written to ${siteFile}\n`,
  );
  return EXIT.ok;
}

/**
 * The site's text with its `policy:` entry replaced (or added at the end): every other byte stays as written —
 * comments, flow maps and sequences, quoting. Only a site written as one flow mapping is printed anew.
 */
function withPolicy(text: string, doc: Document, policy: Site['policy']): string {
  const map = doc.contents as YAMLMap;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === 'policy');
  const key = pair && isScalar(pair.key) ? pair.key.range : undefined;
  const value = pair && (pair.value as { range?: [number, number, number] } | null)?.range;
  if (map.flow || (pair && !(key && value))) {
    doc.set('policy', doc.createNode(policy));
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  }
  const block = stringify({ policy }, { lineWidth: 0 });
  if (!key || !value) return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${block}`;
  // A block value's range ends after its last line break; a flow or empty one ends on its key's line.
  const end = value[1];
  return `${text.slice(0, key[0])}${text[end - 1] === '\n' ? block : block.slice(0, -1)}${text.slice(end)}`;
}

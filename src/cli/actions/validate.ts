import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { loadCatalogFile } from '../../catalog/fs.js';
import { placeInSite, preflight } from '../../targets/preflight.js';
import { type CliContext, colours, EXIT, type ExitCode } from '../context.js';
import { loadMatrix } from '../load.js';
import { reportIssues } from '../report.js';

/** A site lists catalogs (or extends or includes files that do); a catalog lists flows. Decided from the text so a broken file still gets its kind. */
const looksLikeSite = (text: string): boolean =>
  /^(catalogs|extends|include)\s*:/m.test(text) && !/^flows\s*:/m.test(text);

export async function validate(files: string[], ctx: CliContext): Promise<ExitCode> {
  const c = colours(ctx);
  let worst: 0 | 2 = EXIT.ok;
  for (const file of files) {
    const path = resolvePath(ctx.cwd, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      ctx.err(`${file}:1:1: cannot read the file — check the path\n`);
      worst = EXIT.badInput;
      continue;
    }
    if (looksLikeSite(text)) {
      // Prints its own issues (and warnings) on stderr.
      const r = await loadMatrix(file, {}, ctx);
      if (!r.ok) {
        worst = EXIT.badInput;
        continue;
      }
      // What generate would refuse (unknown platforms, interface names a platform cannot hold, …) is refused here.
      const refused = placeInSite(r.placeIssues, file, preflight(r.matrix));
      if (refused.length > 0) {
        reportIssues(ctx, refused);
        worst = EXIT.badInput;
        continue;
      }
      ctx.out(`${c.green('ok')} ${file} (site, ${r.matrix.rows.length} rows)\n`);
      continue;
    }
    const loaded = loadCatalogFile(path);
    if (!loaded.ok) {
      reportIssues(ctx, loaded.issues);
      worst = EXIT.badInput;
      continue;
    }
    reportIssues(ctx, loaded.warnings);
    ctx.out(`${c.green('ok')} ${file} (catalog ${loaded.value.id}, ${loaded.value.flows.length} flows)\n`);
  }
  return worst;
}

import { resolve as resolvePath } from 'node:path';
import { diskSiteFiles, displayPath, loadCatalogFile, readText } from '../../catalog/fs.js';
import { composeSite } from '../../catalog/site-compose.js';
import { colon, counted, type Lang } from '../../model/text.js';
import { placeInSite, preflight } from '../../targets/preflight.js';
import { type CliContext, colours, EXIT, type ExitCode } from '../context.js';
import { loadMatrix } from '../load.js';
import { reportIssues } from '../report.js';

/** A site lists catalogs (or extends or includes files that do); a catalog lists flows. Decided from the text so a broken file still gets its kind. */
const looksLikeSite = (text: string): boolean =>
  /^(catalogs|extends|include)\s*:/m.test(text) && !/^flows\s*:/m.test(text);

/**
 * The given files that other given sites extend or include, with those sites. A base (`extends:`) may bind roles to
 * hosts only its environments declare, and an inventory holds no catalog: neither is a site alone, so each is checked
 * as part of the sites that use it (their errors point into it), and `validate folder/*.yaml` is all ok.
 */
function partsOf(paths: readonly string[], texts: ReadonlyMap<string, string>): Map<string, string[]> {
  const given = new Set(paths);
  const parts = new Map<string, string[]>();
  for (const path of paths) {
    const text = texts.get(path);
    if (text === undefined || !/^(extends|include)\s*:/m.test(text)) continue;
    for (const part of composeSite(path, diskSiteFiles).files.slice(1))
      if (given.has(part) && part !== path) parts.set(part, [...(parts.get(part) ?? []), path]);
  }
  return parts;
}

/** The words of the `ok` lines (`ok` and `not ok` stay: scripts look for them). */
const SAID = {
  en: {
    site: (rows: number) => `site, ${counted(rows, 'row', 'rows', 'en')}`,
    catalog: (id: string, flows: number) => `catalog ${id}, ${counted(flows, 'flow', 'flows', 'en')}`,
    failedPart: (names: string) => `part of ${names}: see the errors above`,
    part: (names: string, users: number) => `part of ${names}, checked with ${users > 1 ? 'them' : 'it'}`,
  },
  fr: {
    site: (rows: number) => `site, ${counted(rows, 'ligne', 'lignes', 'fr')}`,
    catalog: (id: string, flows: number) => `catalogue ${id}, ${counted(flows, 'flux', 'flux', 'fr')}`,
    failedPart: (names: string) => `partie de ${names}${colon('fr')} voir les erreurs ci-dessus`,
    part: (names: string, users: number) => `partie de ${names}, vérifiée avec ${users > 1 ? 'eux' : 'lui'}`,
  },
} as const;

export async function validate(files: string[], ctx: CliContext, lang: Lang = 'en'): Promise<ExitCode> {
  const say = SAID[lang];
  const c = colours(ctx);
  let worst: 0 | 2 = EXIT.ok;
  const texts = new Map<string, string>();
  for (const file of files) {
    const read = readText(resolvePath(ctx.cwd, file));
    if ('text' in read) texts.set(resolvePath(ctx.cwd, file), read.text);
  }
  const parts = partsOf([...texts.keys()], texts);
  const failed = new Set<string>();
  const laterParts: string[] = [];
  for (const file of files) {
    const path = resolvePath(ctx.cwd, file);
    const read = readText(path);
    if ('issue' in read) {
      reportIssues(ctx, [read.issue], lang);
      worst = EXIT.badInput;
      continue;
    }
    if (parts.has(path)) {
      laterParts.push(file);
      continue;
    }
    if (looksLikeSite(read.text)) {
      // Prints its own issues (and warnings) on stderr.
      const r = await loadMatrix(file, { lang }, ctx);
      if (!r.ok) {
        failed.add(path);
        worst = EXIT.badInput;
        continue;
      }
      // What generate would refuse (unknown platforms, interface names a platform cannot hold, …) is refused here.
      const refused = placeInSite(r.placeIssues, file, preflight(r.matrix));
      if (refused.length > 0) {
        reportIssues(ctx, refused, lang);
        failed.add(path);
        worst = EXIT.badInput;
        continue;
      }
      ctx.out(`${c.green('ok')} ${file} (${say.site(r.matrix.rows.length)})\n`);
      continue;
    }
    const loaded = loadCatalogFile(path);
    if (!loaded.ok) {
      reportIssues(ctx, loaded.issues, lang);
      worst = EXIT.badInput;
      continue;
    }
    reportIssues(ctx, loaded.warnings, lang);
    ctx.out(`${c.green('ok')} ${file} (${say.catalog(loaded.value.id, loaded.value.flows.length)})\n`);
  }
  for (const file of laterParts) {
    // Named by the sites themselves, not by the other parts that include it too.
    const users = parts.get(resolvePath(ctx.cwd, file)) ?? [];
    const sites = users.filter((u) => !parts.has(u));
    const names = (sites.length > 0 ? sites : users).map(displayPath).join(', ');
    if (users.some((u) => failed.has(u))) ctx.out(`${c.red('not ok')} ${file} (${say.failedPart(names)})\n`);
    else ctx.out(`${c.green('ok')} ${file} (${say.part(names, users.length)})\n`);
  }
  return worst;
}

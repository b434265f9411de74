/**
 * Flowmatrix as a library in Node (`flowmatrix/node`): everything of the pure entry (`flowmatrix`), plus what reads
 * files and YAML text (catalogs, sites, positions of every issue) and every document format, XLSX included.
 *
 * ```ts
 * import { loadSiteFile, resolveSite, formats, formatIssue } from 'flowmatrix/node';
 * const loaded = loadSiteFile('site.yaml');
 * if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
 * const matrix = resolveSite(loaded.value);
 * if (matrix.ok) await formats.xlsx.render(matrix.value, { lang: 'fr', filename: 'matrix.xlsx' });
 * ```
 */

export {
  builtinCatalogPath,
  listBuiltinCatalogs,
  loadBuiltinCatalog,
  loadCatalogFile,
  loadSiteFile,
} from './catalog/fs.js';
export { parseCatalogText, parseSiteText } from './catalog/parse.js';
export * from './index.js';
export { FORMAT_IDS, type FormatId, formats } from './render/index.js';

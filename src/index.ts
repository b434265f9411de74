/**
 * Flowmatrix as a library: load catalogs and sites, resolve a matrix, render documents, generate rules.
 *
 * ```ts
 * import { loadSiteFile, resolveSite, formats, generate } from 'flowmatrix';
 * const loaded = loadSiteFile('site.yaml');
 * if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
 * const matrix = resolveSite(loaded.value);
 * if (matrix.ok) {
 *   const csv = formats.csv.render(matrix.value, { lang: 'fr', separator: ';', bom: true });
 *   const rules = generate(matrix.value, { firewall: 'fw-edge' });
 * }
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
export { evalWhen, parseWhen } from './catalog/when.js';
export { isEnabled, resolveCatalog, resolveSite, stableKey } from './matrix/index.js';
export type { Overrides } from './matrix/settings.js';
export * from './model/index.js';
export * as net from './net/index.js';
export { renderCatalogDoc } from './render/catalog-doc.js';
export { FORMAT_IDS, type FormatId, formats, renderSequence } from './render/index.js';
export * as ruleset from './ruleset/index.js';
export { type GenerateOptions, generate, type TargetId, targetIds, targets } from './targets/index.js';
export { configFormats, pickFormat } from './verify/config-formats.js';
export { type Verification, type VerifyOptions, verifyFirewall } from './verify/index.js';

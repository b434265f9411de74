/**
 * Flowmatrix as a library, the pure entry: no file system, no `node:` module anywhere in its imports, so it runs in
 * a browser bundle as well as in Node. Resolve a matrix from loaded values, render text documents, generate rules,
 * audit, verify a configuration text. Reading files (and YAML text with positions): `flowmatrix/node`.
 *
 * ```ts
 * import { resolveSite, textFormats, generate, runAudit } from 'flowmatrix';
 * import { loadSiteFile } from 'flowmatrix/node';
 * const loaded = loadSiteFile('site.yaml');
 * if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
 * const matrix = resolveSite(loaded.value);
 * if (matrix.ok) {
 *   const csv = textFormats.csv.render(matrix.value, { lang: 'fr', separator: ';', bom: true });
 *   const rules = generate(matrix.value, { firewall: 'fw-edge' });
 * }
 * ```
 */
export * as audit from './audit/index.js';
export { type AuditInput, type AuditResult, auditRules, auditSite, runAudit } from './audit/index.js';
export { isEnabled, resolveCatalog, resolveSite, stableKey } from './matrix/index.js';
export type { Overrides } from './matrix/settings.js';
export * from './model/index.js';
export { evalWhen, parseWhen } from './model/when.js';
export * as net from './net/index.js';
export { renderCatalogDoc } from './render/catalog-doc.js';
export { renderSequence } from './render/mermaid.js';
export { type TextFormatId, textFormats } from './render/text-formats.js';
export * as ruleset from './ruleset/index.js';
export { type GenerateOptions, generate, type TargetId, targetIds, targets } from './targets/index.js';
export { configFormats, pickFormat } from './verify/config-formats.js';
export { type Verification, type VerifyOptions, verifyFirewall } from './verify/index.js';

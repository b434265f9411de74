/**
 * `npm run docs`: writes docs/catalogs/<id>.md for every built-in catalog, docs/audit-rules.md from the rule files
 * the README's targets table from the targets' declared capabilities, src/cli/ids.ts from the registries and
 * src/audit/target-capabilities.ts from the targets' capabilities (tests fail when any of them is stale).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAuditRulesDoc } from '../src/audit/docs.js';
import { listBuiltinCatalogs, loadBuiltinCatalog } from '../src/catalog/fs.js';
import { renderCatalogDoc } from '../src/render/catalog-doc.js';
import { renderTargetsDoc, renderTargetsTable, withTargetsTable } from '../src/targets/docs.js';
import { stageFindings } from '../src/targets/generate/findings.js';
import { targets } from '../src/targets/index.js';
import { configFormats } from '../src/verify/config-formats.js';
import { CLI_IDS_FILE, cliIdsText } from './emit-cli-ids.js';
import { TARGET_CAPABILITIES_FILE, targetCapabilitiesText } from './emit-target-capabilities.js';

const docs = new URL('../docs/', import.meta.url).pathname;
const dir = join(docs, 'catalogs');
mkdirSync(dir, { recursive: true });
for (const id of listBuiltinCatalogs()) {
  const loaded = loadBuiltinCatalog(id);
  if (!loaded.ok) throw new Error(`${id}: ${loaded.issues.map((i) => i.message).join('; ')}`);
  writeFileSync(join(dir, `${id}.md`), renderCatalogDoc(loaded.value));
  console.log(`docs/catalogs/${id}.md`);
}
writeFileSync(join(docs, 'audit-rules.md'), renderAuditRulesDoc());
console.log('docs/audit-rules.md');

writeFileSync(join(docs, 'targets.md'), renderTargetsDoc(targets, stageFindings));
console.log('docs/targets.md');

const readme = new URL('../README.md', import.meta.url).pathname;
writeFileSync(readme, withTargetsTable(readFileSync(readme, 'utf8'), renderTargetsTable(targets, configFormats())));
console.log('README.md (targets table)');

writeFileSync(CLI_IDS_FILE, cliIdsText());
console.log('src/cli/ids.ts (the ids the CLI offers)');

writeFileSync(TARGET_CAPABILITIES_FILE, targetCapabilitiesText());
console.log('src/audit/target-capabilities.ts (what the audit knows of each target)');

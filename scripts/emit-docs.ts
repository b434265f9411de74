/**
 * `npm run docs`: writes docs/catalogs/<id>.md for every built-in catalog and docs/audit-rules.md from the rule
 * files (tests fail when they are stale).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAuditRulesDoc } from '../src/audit/docs.js';
import { listBuiltinCatalogs, loadBuiltinCatalog } from '../src/catalog/fs.js';
import { renderCatalogDoc } from '../src/render/catalog-doc.js';

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

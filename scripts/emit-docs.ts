/** `npm run docs`: writes docs/catalogs/<id>.md for every built-in catalog (a test fails when they are stale). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listBuiltinCatalogs, loadBuiltinCatalog } from '../src/catalog/fs.js';
import { renderCatalogDoc } from '../src/render/catalog-doc.js';

const dir = new URL('../docs/catalogs/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
for (const id of listBuiltinCatalogs()) {
  const loaded = loadBuiltinCatalog(id);
  if (!loaded.ok) throw new Error(`${id}: ${loaded.issues.map((i) => i.message).join('; ')}`);
  writeFileSync(join(dir, `${id}.md`), renderCatalogDoc(loaded.value));
  console.log(`docs/catalogs/${id}.md`);
}

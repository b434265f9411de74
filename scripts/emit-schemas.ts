import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Catalog } from '../src/model/catalog.js';
import { Site } from '../src/model/site.js';

/**
 * JSON Schemas of the catalog and site files, for editors (`# yaml-language-server: $schema=…`).
 * Input shape: keys with defaults are optional, as a person writes the file.
 * `npm run schemas` rewrites them; test/catalog/schemas.test.ts fails when they are out of date.
 */
export const SCHEMA_FILES = {
  'schemas/catalog.schema.json': { schema: Catalog, title: 'Flowmatrix catalog' },
  'schemas/site.schema.json': { schema: Site, title: 'Flowmatrix site' },
} as const;

export function schemaText(schema: z.ZodType, title: string): string {
  const json = { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function emitSchemas(root: string): string[] {
  return Object.entries(SCHEMA_FILES).map(([file, { schema, title }]) => {
    writeFileSync(`${root}/${file}`, schemaText(schema, title));
    return file;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const file of emitSchemas(root)) console.log(`wrote ${file}`);
}

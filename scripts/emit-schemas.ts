import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Catalog } from '../src/model/catalog.js';
import { Site } from '../src/model/site.js';
import { targets } from '../src/targets/index.js';

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
  if (schema === Site) withOptionsPerPlatform(json as unknown as SiteJson);
  return `${JSON.stringify(json, null, 2)}\n`;
}

type SiteJson = { properties: { firewalls: { items: Record<string, unknown> } } };

/**
 * `firewalls[].options` described per platform: for each target, when `platform` is its id, `options` is its own
 * schema (src/targets/<id>/options.ts), so an editor completes and checks the option names and values.
 */
function withOptionsPerPlatform(json: SiteJson): void {
  json.properties.firewalls.items.allOf = Object.entries(targets)
    .filter(([, t]) => t.scope !== 'proxy' && t.options)
    .map(([id, t]) => {
      const { $schema: _, ...options } = z.toJSONSchema(t.options as z.ZodType, {
        io: 'input',
        unrepresentable: 'any',
      });
      return {
        if: { properties: { platform: { const: id } }, required: ['platform'] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's own if/then keywords
        then: { properties: { options } },
      };
    });
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

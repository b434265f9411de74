import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES, schemaText } from '../../scripts/emit-schemas.js';

describe('committed JSON Schemas', () => {
  it.each(Object.entries(SCHEMA_FILES))(
    '%s matches the model (run `npm run schemas` to refresh)',
    (file, { schema, title }) => {
      expect(readFileSync(file, 'utf8')).toBe(schemaText(schema, title));
    },
  );

  it('accepts the $schema key editors add', () => {
    const catalog = JSON.parse(readFileSync('schemas/catalog.schema.json', 'utf8'));
    expect(catalog.properties.$schema).toEqual({ type: 'string' });
    expect(catalog.additionalProperties).toBe(false);
  });
});

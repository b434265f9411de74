import * as jsYaml from 'js-yaml';
import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';

/**
 * The emitted text read by four independent readers: `yaml` as YAML 1.2 and as YAML 1.1, js-yaml with its default
 * (core) schema and with its YAML 1.1 schema (the booleans, octals, `1_000`, timestamps go-yaml and kubectl see).
 */
export function readAll(text: string): unknown[][] {
  const viaYaml = (version: '1.1' | '1.2') =>
    parseAllDocuments(text, { version }).map((doc) => {
      expect(doc.errors).toEqual([]);
      expect(doc.warnings).toEqual([]);
      return doc.toJS() as unknown;
    });
  return [viaYaml('1.2'), viaYaml('1.1'), jsYaml.loadAll(text), jsYaml.loadAll(text, { schema: jsYaml.YAML11_SCHEMA })];
}

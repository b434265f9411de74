import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Catalog } from '../../src/model/catalog.js';

export const repoRoot = new URL('../../', import.meta.url).pathname;

/** Reads a built-in catalog by id straight through the schema (tests that need the raw catalog). */
export function readCatalog(id: string): Catalog {
  const text = readFileSync(`${repoRoot}catalogs/${id}.yaml`, 'utf8');
  return Catalog.parse(parse(text));
}

export function readSeed(dir: string, file: string): string {
  return readFileSync(`${dir}/${file}`, 'utf8');
}

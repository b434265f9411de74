import { dirname, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { packageRoot } from '../catalog/registry.js';

/**
 * A catalog or site as YAML the loader reads back, under a comment header saying where it comes from. Long lines
 * are never folded (a folded IPv6 list reads badly in a diff). `path` is where the file goes (absolute), or
 * the folder it is printed from (`cwd`): the `$schema` is the installed package's, named from
 * there, so an editor finds it wherever the file is written.
 */
export function toYaml(
  value: unknown,
  header: readonly string[],
  schema: 'catalog' | 'site',
  where: { path: string } | { cwd: string } = { cwd: process.cwd() },
): string {
  const from = 'path' in where ? dirname(where.path) : where.cwd;
  const schemaPath = relative(from, join(packageRoot(), 'schemas', `${schema}.schema.json`));
  const comments = [`# yaml-language-server: $schema=${schemaPath}`, ...header.map((h) => `# ${h}`)];
  return `${comments.join('\n')}\n${stringify(value, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

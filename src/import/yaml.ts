import { stringify } from 'yaml';

/**
 * A catalog or site as YAML the loader reads back, under a comment header saying where it comes from. Long lines
 * are never folded (a folded IPv6 list reads badly in a diff).
 */
export function toYaml(value: unknown, header: readonly string[], schema: 'catalog' | 'site'): string {
  const comments = [`# yaml-language-server: $schema=../schemas/${schema}.schema.json`, ...header.map((h) => `# ${h}`)];
  return `${comments.join('\n')}\n${stringify(value, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

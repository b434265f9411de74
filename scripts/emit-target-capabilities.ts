/**
 * Writes src/audit/target-capabilities.ts: what each target can match by name (FQDN, wildcard), taken from the
 * capabilities the targets' registry declares. The audit reads the written file so that it loads no target (the
 * registry brings every printer with it); `npm run docs` rewrites it, and test/audit/capabilities.test.ts fails while
 * it is stale. A new target is its folder and its registry line, nothing more.
 */
import { targetIds, targets } from '../src/targets/index.js';

export const TARGET_CAPABILITIES_FILE = new URL('../src/audit/target-capabilities.ts', import.meta.url).pathname;

/** An object key as Biome writes it: quoted only when it is not an identifier. */
const key = (id: string): string => (/^[A-Za-z_$][\w$]*$/.test(id) ? id : `'${id}'`);

/** The text of src/audit/target-capabilities.ts, formatted as Biome formats it. */
export function targetCapabilitiesText(): string {
  const lines = targetIds.map((id) => {
    const { fqdn, wildcardFqdn } = targets[id].capabilities;
    return `  ${key(id)}: { fqdn: ${fqdn}, wildcardFqdn: ${wildcardFqdn} },\n`;
  });
  return `// Written by \`npm run docs\` (scripts/emit-target-capabilities.ts) from the targets' registry: do not edit.
// The audit reads them here so that it loads no target (the registry brings every printer with it).

import type { NameCapabilities } from './types.js';

/** What each target can match by name, as its capabilities declare (src/targets/<id>/capabilities.ts). */
export const TARGET_NAME_CAPABILITIES: Readonly<Record<string, NameCapabilities>> = {
${lines.join('')}};
`;
}

/**
 * Writes src/cli/ids.ts: the ids the command declarations offer as choices, taken from the modules that define them
 * (the targets' registry, the audit's rules and formats, the document renderers, the configuration syntaxes and
 * report formats of verify, the languages). The CLI reads the
 * written file so that `--help` and parsing load none of those modules (~150 ms); `npm run docs` rewrites it, and
 * test/cli/ids.test.ts fails while it is stale. A new target is its folder and its registry line, nothing more.
 */
import { auditFormatIds, auditRuleIds } from '../src/audit/index.js';
import { LANGS } from '../src/model/text.js';
import { formats } from '../src/render/index.js';
import { targetIds } from '../src/targets/index.js';
import { CONFIG_FORMAT_IDS } from '../src/verify/config-formats.js';
import { VERIFY_FORMAT_IDS } from '../src/verify/formats/index.js';

export const CLI_IDS_FILE = new URL('../src/cli/ids.ts', import.meta.url).pathname;

/** A constant list, on one line when it fits in Biome's 120 columns, else one id a line (as Biome writes it). */
function list(name: string, ids: readonly string[]): string {
  const line = `export const ${name} = [${ids.map((id) => `'${id}'`).join(', ')}] as const;`;
  return line.length <= 120 ? line : `export const ${name} = [\n${ids.map((id) => `  '${id}',\n`).join('')}] as const;`;
}

/** The text of src/cli/ids.ts, formatted as Biome formats it. */
export function cliIdsText(): string {
  const extensions = Object.entries(formats).map(([id, f]) => `  ${id}: '${f.extension}',\n`);
  return `// Written by \`npm run docs\` (scripts/emit-cli-ids.ts) from the modules that define these ids: do not edit.
// The CLI's declarations read them here so that \`--help\` and parsing load none of those modules.

${list('LANG_IDS', LANGS)}

${list('TARGET_IDS', targetIds)}

${list('AUDIT_FORMAT_IDS', auditFormatIds)}
export type AuditFormatChoice = (typeof AUDIT_FORMAT_IDS)[number];

${list('AUDIT_RULE_IDS', auditRuleIds)}

/** The configuration syntaxes \`verify --format\` reads (\`auto\`: detected from the first file). */
${list('CONFIG_FORMAT_IDS', CONFIG_FORMAT_IDS())}

${list('VERIFY_REPORT_IDS', VERIFY_FORMAT_IDS)}

/** Document formats of \`flowmatrix matrix\`, with the file extension each writes. */
export const DOCUMENT_EXTENSIONS = {
${extensions.join('')}} as const;
export type DocumentFormatId = keyof typeof DOCUMENT_EXTENSIONS;
export const DOCUMENT_FORMAT_IDS = Object.keys(DOCUMENT_EXTENSIONS) as DocumentFormatId[];
`;
}

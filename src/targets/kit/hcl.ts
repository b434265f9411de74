/**
 * Just enough HCL (Terraform) writing for the cloud targets (aws-sg, azure-nsg): strings escaped so nothing in a name
 * or description can end the string or start an interpolation, and blocks with aligned attributes.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to escape them.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `"…"`: `\` and `"` escaped, line breaks as escapes, `${` → `$${` and `%{` → `%%{` (no template can start). */
export function hclString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    // Function replacements: in a replacement string `$$` would itself mean one `$`.
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${escaped}"`;
}

export const hclList = (items: readonly string[]): string => `[${items.map(hclString).join(', ')}]`;

/** A one-line object: `{ key = value, … }`, `{}` when empty. Keys and values already rendered. */
export const hclObject = (entries: readonly (readonly [string, string])[]): string =>
  entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${k} = ${v}`).join(', ')} }`;

/** An attribute value already rendered (`hclString(…)`, a number, a reference such as `var.vpc_id`). */
export type HclAttribute = readonly [key: string, value: string];

/** `type "label" … {` with `key = value` lines aligned on `=` as `terraform fmt` does. */
export function hclBlock(header: readonly string[], attributes: readonly HclAttribute[], indent = ''): string[] {
  const width = Math.max(0, ...attributes.map(([k]) => k.length));
  const [keyword, ...labels] = header;
  return [
    `${indent}${[keyword, ...labels.map(hclString)].join(' ')} {`,
    ...attributes.map(([k, v]) => `${indent}  ${k.padEnd(width)} = ${v}`),
    `${indent}}`,
  ];
}

/** Terraform identifiers (resource labels): a letter first, then letters, digits, `_`, `-`. */
export const TERRAFORM_NAME_RULES = { maxLength: 64, charset: /[A-Za-z0-9_-]/, first: /[A-Za-z]/ } as const;

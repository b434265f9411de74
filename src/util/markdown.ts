/** Markdown text: the cells and tables every Markdown document writes (matrix, verify, probe, diff). */

/**
 * A table cell: pipes and Markdown markers backslash-escaped, HTML special characters as entities (renderers
 * pass raw HTML through), line breaks as `<br>` (a newline would end the table row).
 */
export const mdCell = (s: string): string =>
  s
    .replace(/[\\`*[\]|]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, '<br>');

/** A Markdown table: `header` is escaped here, `rows` hold cells already escaped with `mdCell`. */
export const mdTable = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  `| ${header.map(mdCell).join(' | ')} |`,
  `|${header.map(() => ' --- ').join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

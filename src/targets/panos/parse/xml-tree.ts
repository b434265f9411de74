import { SaxesParser } from 'saxes';
import type { Issue } from '../../../model/issues.js';
import { configIssue } from '../../../ruleset/config-file.js';

/** An XML element with the line its start tag begins on (PAN-OS configurations carry no mixed content). */
export interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string;
  readonly line: number;
  readonly col: number;
}

/** Errors past this many are the echo of the first ones (an unclosed tag makes every later tag wrong). */
const MAX_ERRORS = 20;

/** The element tree of a whole document, or every well-formedness error with its line (saxes, an XML 1.0 parser). */
export function readXmlTree(path: string, text: string): { root?: XmlNode; issues: Issue[] } {
  const issues: Issue[] = [];
  const parser = new SaxesParser({ position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let start = { line: 1, col: 1 };
  parser.on('opentagstart', () => {
    // The parser has read `<name`: the tag starts name.length + 1 characters back on this line.
    start = { line: parser.line, col: Math.max(1, parser.column) };
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: '',
      line: start.line,
      col: start.col,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root ??= node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => {
    if (issues.length >= MAX_ERRORS) return;
    // saxes prefixes its messages with `line:col: `; the issue carries the position itself.
    const message = e.message.replace(/^\d+:\d+:\s*/, '');
    issues.push(
      configIssue(path, parser.line, `XML: ${message}`, 'the file must be well-formed XML', parser.column + 1),
    );
  });
  parser.write(text).close();
  return root ? { root, issues } : { issues };
}

/** The first child of that name. */
export const child = (node: XmlNode | undefined, name: string): XmlNode | undefined =>
  node?.children.find((c) => c.name === name);

/** The element at a path of child names. */
export function at(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = child(current, name);
  return current;
}

/** `<entry name="…">` children, with their names. */
export const entries = (node: XmlNode | undefined): { name: string; node: XmlNode }[] =>
  (node?.children ?? [])
    .filter((c) => c.name === 'entry' && c.attributes.name !== undefined)
    .map((c) => ({ name: c.attributes.name as string, node: c }));

/** The values of a field: its `<member>` texts, or its own text when it has none. */
export function values(node: XmlNode | undefined): string[] {
  if (!node) return [];
  const members = node.children.filter((c) => c.name === 'member').map((c) => c.text.trim());
  if (members.length > 0) return members;
  const own = node.text.trim();
  return own === '' ? [] : [own];
}

import { APPLY, type DeltaText, type DeltaWay, wayText } from './delta.js';

/**
 * Deltas for configurations written as `set` statements (PAN-OS, Junos SRX): statements grouped by the object or
 * rule they define (its key: `rulebase security rules NAME`, `address NAME`…). A group that differs or is gone is
 * deleted whole (`delete KEY`), then written again from NEW. Both platforms apply a candidate configuration at
 * `commit`, all at once; the order (rules deleted, objects deleted, objects set, rules set) is also the one that
 * never opens more than either version if the statements are entered one by one.
 */
export interface SetSyntax {
  /** Keys of rules, then keys of objects, as patterns over the statement without `set `. */
  readonly rules: RegExp;
  readonly objects: RegExp;
  readonly name: string;
}

/** Statements by key, in file order; `rule` says which pattern matched. Lines that are not `set` are left out. */
export function setGroups(text: string, syntax: SetSyntax): Map<string, { rule: boolean; lines: string[] }> {
  const groups = new Map<string, { rule: boolean; lines: string[] }>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('set ')) continue;
    const body = line.slice(4);
    const rule = syntax.rules.exec(body)?.[1];
    const key = rule ?? syntax.objects.exec(body)?.[1] ?? body;
    const group = groups.get(key);
    if (group) group.lines.push(line);
    else groups.set(key, { rule: rule !== undefined, lines: [line] });
  }
  return groups;
}

export function setStyleDelta(
  oldText: string,
  newText: string,
  firewall: string,
  syntax: SetSyntax,
  way: DeltaWay = APPLY,
): DeltaText {
  const before = setGroups(oldText, syntax);
  const after = setGroups(newText, syntax);
  const same = (a: { lines: string[] }, b: { lines: string[] } | undefined) =>
    b !== undefined && a.lines.join('\n') === b.lines.join('\n');
  const out = { rules: [] as string[], objects: [] as string[] };
  const add = { rules: [] as string[], objects: [] as string[] };
  const counts = { rulesRemoved: 0, rulesAdded: 0, objectsRemoved: 0, objectsAdded: 0 };
  for (const [key, g] of before) {
    if (same(g, after.get(key))) continue;
    (g.rule ? out.rules : out.objects).push(`delete ${key}`);
    if (g.rule) counts.rulesRemoved++;
    else counts.objectsRemoved++;
  }
  for (const [key, g] of after) {
    if (same(g, before.get(key))) continue;
    (g.rule ? add.rules : add.objects).push(...g.lines);
    if (g.rule) counts.rulesAdded++;
    else counts.objectsAdded++;
  }
  const lines = [
    `# flowmatrix delta: firewall ${firewall} (${syntax.name}): ${wayText(way, 'configuration')}. Enter in`,
    '# configuration mode, check with show | compare, then commit (applied all at once).',
    `# 1. narrowing: rules, then objects of the ${way.from} version deleted`,
    ...out.rules,
    ...out.objects,
    `# 2. widening: objects, then rules of the ${way.to} version set`,
    ...add.objects,
    ...add.rules,
  ];
  return { content: `${lines.join('\n')}\n`, counts, notes: [] };
}

import { append } from '../../util/append.js';
import { APPLY, type DeltaText, type DeltaWay, singleFileDelta, wayText } from '../kit/delta.js';

/**
 * FortiOS `config … end` sections of `edit NAME … next` entries. Policies are generated as `edit 0` (the device
 * picks the id), so a policy is known by its `set name`; deleting one needs the id the device gave it, which the
 * delta names (`delete <id of "NAME">`, found with `show firewall policy`) instead of guessing. Address groups
 * first lose the members that go (`set member` to the members both versions share), and get the new ones at the end.
 */
interface Entry {
  readonly name: string;
  readonly lines: readonly string[];
}
type Sections = Map<string, Map<string, Entry>>;

export function parseFortiosSections(text: string): Sections {
  const sections: Sections = new Map();
  let section: Map<string, Entry> | undefined;
  let entry: { name: string; lines: string[] } | undefined;
  let policy = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const config = /^config (.+)$/.exec(line);
    if (config) {
      section = new Map();
      sections.set(config[1] as string, section);
      policy = config[1] === 'firewall policy';
      continue;
    }
    const edit = /^edit (.+)$/.exec(line);
    if (edit) {
      entry = { name: edit[1] as string, lines: [] };
      continue;
    }
    if (line === 'next' && entry && section) {
      const name = policy ? (entry.lines.find((l) => l.startsWith('set name '))?.slice(9) ?? entry.name) : entry.name;
      section.set(name, { name, lines: entry.lines });
      entry = undefined;
      continue;
    }
    if (entry && line.startsWith('set ')) entry.lines.push(line);
  }
  return sections;
}

const members = (e: Entry): string[] =>
  [...(e.lines.find((l) => l.startsWith('set member ')) ?? '').slice(11).matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(
    (m) => m[1] as string,
  );

export function fortiosDelta(oldText: string, newText: string, firewall: string, way: DeltaWay = APPLY): DeltaText {
  const a = parseFortiosSections(oldText);
  const b = parseFortiosSections(newText);
  const counts = { rulesRemoved: 0, rulesAdded: 0, objectsRemoved: 0, objectsAdded: 0 };
  const narrow: string[] = [];
  const widen: string[] = [];
  const block = (into: string[], section: string, body: readonly string[]) => {
    // append, not a spread: a section of a large site has more lines than a call takes arguments.
    if (body.length > 0) append(into, [`config ${section}`, ...body.map((l) => `    ${l}`), 'end']);
  };
  const same = (x: Entry, y: Entry | undefined) => y !== undefined && x.lines.join('\n') === y.lines.join('\n');
  // Policies first out, last in; objects the other way round.
  const policies = 'firewall policy';
  const order = [policies, ...[...new Set([...a.keys(), ...b.keys()])].filter((s) => s !== policies)];
  for (const section of order) {
    const was = a.get(section) ?? new Map<string, Entry>();
    const now = b.get(section) ?? new Map<string, Entry>();
    const isPolicy = section === policies;
    const out: string[] = [];
    for (const [name, e] of was) {
      const next = now.get(name);
      if (same(e, next)) continue;
      if (!isPolicy && next && section === 'firewall addrgrp') {
        const keep = members(e).filter((m) => members(next).includes(m));
        if (keep.length > 0 && keep.length < members(e).length)
          out.push(`edit ${name}`, `    set member ${keep.map((m) => `"${m}"`).join(' ')}`, 'next');
        continue;
      }
      if (!isPolicy && next) continue; // redefined in place below
      out.push(isPolicy ? `delete <id of ${name}>` : `delete ${name}`);
      if (isPolicy) counts.rulesRemoved++;
      else counts.objectsRemoved++;
    }
    block(narrow, section, out);
  }
  for (const section of [...order.slice(1), policies]) {
    const was = a.get(section) ?? new Map<string, Entry>();
    const now = b.get(section) ?? new Map<string, Entry>();
    const isPolicy = section === policies;
    const inn: string[] = [];
    for (const [name, e] of now) {
      if (same(e, was.get(name))) continue;
      inn.push(`edit ${isPolicy ? '0' : name}`, ...e.lines.map((l) => `    ${l}`), 'next');
      if (isPolicy) counts.rulesAdded++;
      else if (!was.has(name)) counts.objectsAdded++;
    }
    block(widen, section, inn);
  }
  const lines = [
    `# flowmatrix delta: firewall ${firewall} (FortiOS): ${wayText(way, 'configuration')}.`,
    '# Policies are deleted by id: replace each <id of "NAME"> with the id show firewall policy gives that name.',
    `# 1. narrowing: policies of the ${way.from} version deleted, groups reduced, objects no longer used deleted`,
    ...narrow,
    `# 2. widening: objects and groups of the ${way.to} version, then its policies (edit 0: the device numbers them)`,
    ...widen,
  ];
  return {
    content: `${lines.join('\n')}\n`,
    counts,
    notes:
      counts.rulesRemoved > 0
        ? [
            {
              fr: `${firewall} (FortiOS) : les politiques se suppriment par leur numéro sur l’équipement ; remplacer <id of "NOM"> par celui que donne show firewall policy`,
              en: `${firewall} (FortiOS): policies are deleted by their id on the device; replace <id of "NAME"> with the one show firewall policy gives`,
            },
          ]
        : [],
  };
}

/** A FortiGate from one generated configuration to another (`fortiosDelta`). */
export const fortiosPlatformDelta = singleFileDelta('.fortios.conf', 'fortios.conf', fortiosDelta);

import { alignLines } from './align.js';
import { type DeltaText, NO_COUNTS } from './types.js';

/** The generated iptables output of one firewall: the IPv4 and IPv6 restore files and the ipset file if any. */
export interface IptablesFiles {
  readonly v4: string;
  readonly v6: string;
  readonly ipset?: string;
}

interface RestoreFile {
  readonly policies: readonly string[];
  /** `-A CHAIN …` lines without the `-A `. */
  readonly rules: readonly string[];
}

function parseRestore(text: string): RestoreFile {
  const lines = text.split('\n');
  return {
    policies: lines.filter((l) => l.startsWith(':')),
    rules: lines.filter((l) => l.startsWith('-A ')).map((l) => l.slice(3)),
  };
}

function parseIpset(text: string | undefined): Map<string, { create: string; elements: string[] }> {
  const sets = new Map<string, { create: string; elements: string[] }>();
  for (const line of (text ?? '').split('\n')) {
    const [verb, name, ...rest] = line.split(' ');
    if (verb === 'create' && name) sets.set(name, { create: rest.join(' '), elements: [] });
    else if (verb === 'add' && name) sets.get(name)?.elements.push(rest.join(' '));
  }
  return sets;
}

/** The words of a restore-file rule, quotes removed (`--comment "a b"` is one word). */
export function words(spec: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(spec); m; m = re.exec(spec))
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] as string));
  return out;
}

const shellWord = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`);
const shell = (spec: string): string => words(spec).map(shellWord).join(' ');

/**
 * The kernel rules a line becomes, in the kernel's order: iptables makes one per source × destination of
 * `-s a,b -d c,d` (sources outer). `-I` with such a list would put them in reverse, so each is inserted alone.
 */
export function expand(spec: string): string[][] {
  const w = words(spec);
  const lists = (flag: string): (string | undefined)[] => {
    const i = w.indexOf(flag);
    return i < 0 ? [undefined] : (w[i + 1] as string).split(',');
  };
  const out: string[][] = [];
  for (const s of lists('-s'))
    for (const d of lists('-d'))
      out.push(
        w.map((word, k) =>
          k > 0 && w[k - 1] === '-s' && s !== undefined ? s : k > 0 && w[k - 1] === '-d' && d !== undefined ? d : word,
        ),
      );
  return out;
}

const isAccept = (spec: string): boolean => / -j ACCEPT$/.test(spec);

/**
 * The shell script that takes a firewall loaded with OLD's files to NEW's. It first checks (`-C`) that every rule it
 * deletes is there, changing nothing otherwise; then deletes rules by their exact specification (`-D`), takes
 * addresses out of ipsets, destroys ipsets no rule uses any more; then creates NEW's ipsets, adds addresses, and
 * inserts NEW's rules at their NEW position (`-I CHAIN N`, N counted in kernel rules).
 */
export function iptablesDelta(before: IptablesFiles, after: IptablesFiles, firewall: string): DeltaText {
  const narrow: string[] = [];
  const widen: string[] = [];
  const checks: string[] = [];
  let rulesRemoved = 0;
  let rulesAdded = 0;
  let objectsRemoved = 0;
  let objectsAdded = 0;
  const notes: DeltaText['notes'][number][] = [];
  const lateRemovals: string[] = [];
  const earlyInserts: string[] = [];
  const setsBefore = parseIpset(before.ipset);
  const setsAfter = parseIpset(after.ipset);
  const setsOut: string[] = [];
  const setsIn: string[] = [];
  for (const [name, set] of setsBefore) {
    const now = setsAfter.get(name);
    if (!now || now.create !== set.create) {
      setsOut.push(`ipset destroy ${shellWord(name)}`);
      objectsRemoved++;
      continue;
    }
    for (const e of set.elements)
      if (!now.elements.includes(e)) narrow.push(`ipset del ${shellWord(name)} ${shellWord(e)}`);
  }
  for (const [name, set] of setsAfter) {
    const was = setsBefore.get(name);
    if (!was || was.create !== set.create) {
      setsIn.push(
        `ipset create ${shellWord(name)} ${set.create}`,
        ...set.elements.map((e) => `ipset add ${shellWord(name)} ${shellWord(e)}`),
      );
      objectsAdded++;
      continue;
    }
    for (const e of set.elements)
      if (!was.elements.includes(e)) widen.push(`ipset add ${shellWord(name)} ${shellWord(e)}`);
  }
  const ruleDeletes: string[] = [];
  const ruleInserts: string[] = [];
  for (const [tool, oldText, newText] of [
    ['iptables', before.v4, after.v4],
    ['ip6tables', before.v6, after.v6],
  ] as const) {
    const a = parseRestore(oldText);
    const b = parseRestore(newText);
    if (a.policies.join('\n') !== b.policies.join('\n'))
      notes.push({
        fr: `${firewall} : la politique par défaut change (${b.policies.join(' ')}) ; à appliquer à part`,
        en: `${firewall}: the default policy changes (${b.policies.join(' ')}); apply it separately`,
      });
    const { keptOld, keptNew } = alignLines(a.rules, b.rules);
    a.rules.forEach((spec, i) => {
      if (keptOld[i]) return;
      rulesRemoved++;
      checks.push(`${tool} -C ${shell(spec)}`);
      (isAccept(spec) ? ruleDeletes : lateRemovals).push(`${tool} -D ${shell(spec)}`);
    });
    // Positions in kernel rules, chain by chain: NEW's rules before this one are all in place when it goes in.
    const position = new Map<string, number>();
    b.rules.forEach((spec, j) => {
      const chain = spec.split(' ')[0] as string;
      const kernelRules = expand(spec);
      const at = (position.get(chain) ?? 0) + 1;
      position.set(chain, at - 1 + kernelRules.length);
      if (keptNew[j]) return;
      rulesAdded++;
      const into = isAccept(spec) ? ruleInserts : earlyInserts;
      kernelRules.forEach((w, k) => {
        into.push(`${tool} -I ${shellWord(chain)} ${at + k} ${w.slice(1).map(shellWord).join(' ')}`);
      });
    });
  }
  const body = [
    '# 1. narrowing: rules of the old version removed, addresses taken out of the ipsets',
    ...earlyInserts,
    ...ruleDeletes,
    ...narrow,
    ...setsOut,
    '# 2. widening: ipsets, addresses and rules of the new version added',
    ...setsIn,
    ...widen,
    ...ruleInserts,
    ...lateRemovals,
  ];
  const script = [
    '#!/bin/sh',
    `# flowmatrix delta: firewall ${firewall} (iptables): old generated rules → new ones. Run as root on the firewall.`,
    '# Checks first that every rule to delete is there (nothing changes otherwise); then what narrows, then what widens.',
    'set -eu',
    ...(checks.length > 0
      ? [
          'check() { "$@" 2>/dev/null || { echo "flowmatrix delta: rule not found: $*; nothing changed — load the new files in full" >&2; exit 1; }; }',
          ...checks.map((c) => `check ${c}`),
        ]
      : []),
    ...(body.length > 2 + 0 &&
    rulesRemoved + rulesAdded + objectsRemoved + objectsAdded + narrow.length + widen.length > 0
      ? body
      : ['# no change']),
  ];
  return {
    content: `${script.join('\n')}\n`,
    counts: { ...NO_COUNTS, rulesRemoved, rulesAdded, objectsRemoved, objectsAdded },
    notes,
  };
}

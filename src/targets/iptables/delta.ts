import { append } from '../../util/append.js';
import type { TargetOutput } from '../generate/target.js';
import { alignLines } from '../kit/align.js';
import {
  APPLY,
  artifactText,
  type DeltaText,
  type DeltaWay,
  NO_COUNTS,
  type PlatformDelta,
  wayText,
} from '../kit/delta.js';

/** The generated iptables output of one firewall: the IPv4 and IPv6 restore files and the ipset file if any. */
export interface IptablesFiles {
  readonly v4: string;
  readonly v6: string;
  readonly ipset?: string;
}

/** One chain of a restore file: its table, and its rules as `CHAIN …` (the `-A ` removed), in file order. */
interface RestoreChain {
  readonly table: string;
  readonly name: string;
  readonly builtin: boolean;
  readonly rules: string[];
}

interface RestoreFile {
  /** The built-in chains' policies, `table:CHAIN POLICY`. */
  readonly policies: readonly string[];
  /** By `table CHAIN`, in declaration order. */
  readonly chains: ReadonlyMap<string, RestoreChain>;
}

function parseRestore(text: string): RestoreFile {
  const policies: string[] = [];
  const chains = new Map<string, RestoreChain>();
  let table = 'filter';
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) table = line.slice(1).trim();
    else if (line.startsWith(':')) {
      const [name = '', policy = '-'] = line.slice(1).split(' ');
      if (policy !== '-') policies.push(`${table}:${name} ${policy}`);
      chains.set(`${table} ${name}`, { table, name, builtin: policy !== '-', rules: [] });
    } else if (line.startsWith('-A ')) {
      const spec = line.slice(3);
      const name = spec.split(' ')[0] as string;
      const key = `${table} ${name}`;
      let chain = chains.get(key);
      if (!chain) {
        // A built-in chain the file appends to without declaring it (it exists in every table that has it).
        chain = { table, name, builtin: true, rules: [] };
        chains.set(key, chain);
      }
      chain.rules.push(spec);
    }
  }
  return { policies, chains };
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

/** A rule that lets traffic through: an accept, or a jump to one of our chains (which hold accepts and jumps only). */
const allowsIn =
  (userChains: ReadonlySet<string>) =>
  (spec: string): boolean => {
    const target = / -j (\S+)$/.exec(spec)?.[1];
    return target !== undefined && (target === 'ACCEPT' || userChains.has(target));
  };

/**
 * The shell script that takes a firewall loaded with OLD's files to NEW's, chain by chain. It first checks (`-C`)
 * that every rule it deletes is there, changing nothing otherwise; then deletes rules by their exact specification
 * (`-D`), empties and deletes the chains only OLD has (`-F`, `-X`: the jumps to them are gone by then), takes
 * addresses out of ipsets, destroys ipsets no rule uses any more; then creates NEW's ipsets, adds addresses, creates
 * the chains only NEW has and fills them (`-N`, `-A`: nothing jumps to them yet), and inserts NEW's rules, jumps
 * included, at their NEW position in their chain (`-I CHAIN N`, N counted in kernel rules).
 */
export function iptablesDelta(
  before: IptablesFiles,
  after: IptablesFiles,
  firewall: string,
  way: DeltaWay = APPLY,
): DeltaText {
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
      // append, not a spread: a set can have more elements than a call takes arguments.
      append(setsIn, [
        `ipset create ${shellWord(name)} ${set.create}`,
        ...set.elements.map((e) => `ipset add ${shellWord(name)} ${shellWord(e)}`),
      ]);
      objectsAdded++;
      continue;
    }
    for (const e of set.elements)
      if (!was.elements.includes(e)) widen.push(`ipset add ${shellWord(name)} ${shellWord(e)}`);
  }
  const ruleDeletes: string[] = [];
  const ruleInserts: string[] = [];
  const chainsOut: string[] = [];
  const chainsDeleted: string[] = [];
  const chainsIn: string[] = [];
  /** Per chain only NEW has, its rules, in file order. */
  const newChainRules: string[][] = [];
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
    const userChains = new Set(
      [...a.chains.values(), ...b.chains.values()].filter((c) => !c.builtin).map((c) => c.name),
    );
    const allows = allowsIn(userChains);
    const cmd = (table: string, verb: string): string => `${tool}${table === 'filter' ? '' : ` -t ${table}`} ${verb}`;
    for (const [key, chain] of a.chains) {
      const now = b.chains.get(key);
      if (now !== undefined) continue;
      // Only OLD has it: nothing of NEW jumps to it, and OLD's jumps to it go in the narrowing phase; then it goes.
      for (const spec of chain.rules) checks.push(`${cmd(chain.table, '-C')} ${shell(spec)}`);
      rulesRemoved += chain.rules.length;
      chainsOut.push(`${cmd(chain.table, '-F')} ${shellWord(chain.name)}`);
      // Deleted once every chain that goes is empty: one of them may jump to another.
      chainsDeleted.push(`${cmd(chain.table, '-X')} ${shellWord(chain.name)}`);
    }
    for (const [key, chain] of b.chains) {
      const was = a.chains.get(key);
      if (was === undefined) {
        // Only NEW has it: created and filled before any jump to it goes in. Filled last chain first: a chain of the
        // layout jumps only to chains declared after it (zones, sources, rows), so each is whole once jumped to.
        if (!chain.builtin) chainsIn.push(`${cmd(chain.table, '-N')} ${shellWord(chain.name)}`);
        newChainRules.push(chain.rules.map((spec) => `${cmd(chain.table, '-A')} ${shell(spec)}`));
        rulesAdded += chain.rules.length;
        continue;
      }
      const { keptOld, keptNew } = alignLines(was.rules, chain.rules);
      was.rules.forEach((spec, i) => {
        if (keptOld[i]) return;
        rulesRemoved++;
        checks.push(`${cmd(chain.table, '-C')} ${shell(spec)}`);
        (allows(spec) ? ruleDeletes : lateRemovals).push(`${cmd(chain.table, '-D')} ${shell(spec)}`);
      });
      // Positions in kernel rules: NEW's rules of this chain before this one are all in place when it goes in.
      let position = 0;
      chain.rules.forEach((spec, j) => {
        const kernelRules = expand(spec);
        const at = position + 1;
        position += kernelRules.length;
        if (keptNew[j]) return;
        rulesAdded++;
        const into = allows(spec) ? ruleInserts : earlyInserts;
        kernelRules.forEach((w, k) => {
          into.push(
            `${cmd(chain.table, '-I')} ${shellWord(chain.name)} ${at + k} ${w.slice(1).map(shellWord).join(' ')}`,
          );
        });
      });
    }
  }
  const body = [
    `# 1. narrowing: rules of the ${way.from} version removed, its chains emptied and deleted, addresses taken out of the ipsets`,
    ...earlyInserts,
    ...ruleDeletes,
    ...chainsOut,
    ...chainsDeleted,
    ...narrow,
    ...setsOut,
    `# 2. widening: ipsets, addresses, chains and rules of the ${way.to} version added`,
    ...setsIn,
    ...widen,
    ...chainsIn,
    ...newChainRules.reverse().flat(),
    ...ruleInserts,
    ...lateRemovals,
  ];
  const script = [
    '#!/bin/sh',
    `# flowmatrix delta: firewall ${firewall} (iptables): ${wayText(way, 'rules')}. Run as root on the firewall.`,
    '# Checks first that every rule to delete is there (nothing changes otherwise); then what narrows, then what widens.',
    'set -eu',
    ...(checks.length > 0
      ? [
          `check() { "$@" 2>/dev/null || { echo "flowmatrix delta: rule not found: $*; nothing changed — load the ${way.to} files in full" >&2; exit 1; }; }`,
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

/** An iptables firewall from one generated set of files (IPv4, IPv6, ipsets) to another (`iptablesDelta`). */
export const iptablesPlatformDelta: PlatformDelta = {
  extension: 'sh',
  between: (a, b, firewall, way = APPLY) => {
    if (a.artifacts.length === 0 || b.artifacts.length === 0) return undefined;
    const files = (o: TargetOutput): IptablesFiles => {
      const ipset = artifactText(o, '.ipset');
      return {
        v4: artifactText(o, '.iptables') ?? '',
        v6: artifactText(o, '.ip6tables') ?? '',
        ...(ipset === undefined ? {} : { ipset }),
      };
    };
    return iptablesDelta(files(a), files(b), firewall, way);
  },
};

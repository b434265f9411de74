import type { Issue } from '../../../model/issues.js';
import { CidrSet, parseCidrBounds } from '../../../net/cidr-set.js';
import type { Provenance } from '../../../ruleset/types.js';
import { issueAt } from './issues.js';
import { splitWords } from './words.js';

/**
 * One set of an `ipset save` file. Address sets (`hash:ip`, `hash:net`, `bitmap:ip` without `nomatch` entries) are
 * modelled exactly; any other type keeps the union of its first (address) dimension, a sound bound for a rule
 * that matches the set, and the reason it is not modelled.
 */
export interface IpSet {
  readonly name: string;
  readonly type: string;
  readonly family: 4 | 6;
  /** Every address the set's first dimension holds (exact for address sets). */
  readonly addresses: CidrSet;
  /** Whether `addresses` bounds what the set matches (its first dimension is an address). */
  readonly addressBound: boolean;
  /** Why the set is not a plain address set (absent when it is). */
  readonly notModelled?: string;
  readonly provenance: Provenance;
}

const ADDRESS_TYPES = new Set(['hash:ip', 'hash:net', 'bitmap:ip']);
/** Types whose first dimension is an address (`hash:ip,port`: `10.0.0.1,tcp:80`). */
const ADDRESS_FIRST = /^(hash|bitmap):(ip|net)(,|$)/;

interface Building {
  name: string;
  type: string;
  family: 4 | 6;
  cidrs: string[];
  ranges: [string, string][];
  nomatch: boolean;
  provenance: Provenance;
}

/** Reads `ipset save` output (`create`, `add`, `flush` lines); every error of the file at once. */
export function parseIpsetSave(file: string, text: string): { sets: Map<string, IpSet>; issues: Issue[] } {
  const issues: Issue[] = [];
  const building = new Map<string, Building>();
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).trimEnd();
    const where = (col: number) => ({ file, line: n + 1, col });
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const split = splitWords(line);
    if ('unterminated' in split) {
      issues.push(issueAt(where(split.unterminated), 'unterminated quote', 'close the quote with "'));
      continue;
    }
    const [command, nameWord, ...rest] = split.words;
    if (!command) continue;
    if (!nameWord) {
      issues.push(issueAt(where(command.col), `"${command.text}" needs a set name`, 'write COMMAND SETNAME …'));
      continue;
    }
    const name = nameWord.text;
    switch (command.text) {
      case 'create':
      case '-N':
      case '-exist': {
        const type = rest[0]?.text;
        if (!type) {
          issues.push(
            issueAt(where(nameWord.col), `set ${name} has no type`, 'write create NAME hash:net family inet'),
          );
          break;
        }
        const familyAt = rest.findIndex((w) => w.text === 'family');
        const familyWord = familyAt >= 0 ? rest[familyAt + 1]?.text : 'inet';
        if (familyWord !== 'inet' && familyWord !== 'inet6') {
          issues.push(
            issueAt(where(rest[familyAt]?.col ?? nameWord.col), `unknown family for set ${name}`, 'inet or inet6'),
          );
          break;
        }
        building.set(name, {
          name,
          type,
          family: familyWord === 'inet6' ? 6 : 4,
          cidrs: [],
          ranges: [],
          nomatch: false,
          provenance: { file, line: n + 1, text: line.trim() },
        });
        break;
      }
      case 'add':
      case '-A': {
        const set = building.get(name);
        const element = rest[0];
        if (!set) {
          issues.push(
            issueAt(where(nameWord.col), `set ${name} is not created before this line`, 'put its create line first'),
          );
          break;
        }
        if (!element) {
          issues.push(issueAt(where(nameWord.col), `nothing to add to set ${name}`, 'write add SETNAME ELEMENT'));
          break;
        }
        if (rest.some((w) => w.text === 'nomatch')) set.nomatch = true;
        const first = ADDRESS_FIRST.test(set.type) ? (element.text.split(',')[0] as string) : undefined;
        if (first === undefined) break;
        const dash = first.indexOf('-');
        if (dash > 0) set.ranges.push([first.slice(0, dash), first.slice(dash + 1)]);
        else set.cidrs.push(first);
        const check =
          dash > 0 ? CidrSet.fromRange(first.slice(0, dash), first.slice(dash + 1)) : parseCidrBounds(first, true);
        if (!check.ok) issues.push(issueAt(where(element.col), `set ${name}: ${check.message}`, check.hint));
        break;
      }
      case 'flush':
      case '-F':
        break;
      default:
        issues.push(
          issueAt(where(command.col), `unknown ipset command "${command.text}"`, 'ipset save writes create, add'),
        );
    }
  }
  const sets = new Map<string, IpSet>();
  for (const b of building.values()) {
    const parsed = CidrSet.parse(b.cidrs, { lenient: true });
    if (!parsed.ok) continue; // reported at the add line
    let addresses = parsed.value;
    for (const [a, z] of b.ranges) {
      const r = CidrSet.fromRange(a, z);
      if (r.ok) addresses = addresses.union(r.value);
    }
    const wrongFamily = !addresses.family(b.family === 4 ? 6 : 4).isEmpty();
    if (wrongFamily) {
      issues.push(
        issueAt({ file, line: b.provenance.line ?? 1, col: 1 }, `set ${b.name} holds addresses of the other family`),
      );
    }
    const notModelled = !ADDRESS_FIRST.test(b.type)
      ? `ipset ${b.name} is of type ${b.type}, which this reading does not model`
      : !ADDRESS_TYPES.has(b.type)
        ? `ipset ${b.name} is of type ${b.type}: only its addresses are modelled, not the other dimensions`
        : b.nomatch
          ? `ipset ${b.name} has nomatch entries (longest-prefix exceptions), not modelled`
          : undefined;
    const addressBound = ADDRESS_FIRST.test(b.type);
    const set: IpSet = {
      name: b.name,
      type: b.type,
      family: b.family,
      addresses,
      addressBound,
      provenance: b.provenance,
    };
    sets.set(b.name, notModelled === undefined ? set : { ...set, notModelled });
  }
  return { sets, issues };
}

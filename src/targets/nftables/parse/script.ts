import type { Issue } from '../../../model/issues.js';
import { configIssue } from '../../../ruleset/config-file.js';
import { PRIORITIES } from './lower.js';
import { chainId, type NftChain, type NftRule, type NftSet, type NftValue, setId } from './model.js';
import { flagSetElements } from './text-flags.js';
import { ruleStatements } from './text-rule.js';
import { concatElements, mapElements, setElements, type ValueKind } from './text-values.js';
import { lineTokens, type Token } from './tokens.js';

/** The ruleset being built, in the order commands change it. */
export class Script {
  private tables: { family: string; name: string; dormant?: boolean }[] = [];
  private chains: NftChain[] = [];
  private sets: NftSet[] = [];
  private rules: NftRule[] = [];
  // By chainId/setId: a script may add tens of thousands of chains and elements, each found at once.
  private chainIds = new Set<string>();
  private setsById = new Map<string, NftSet>();

  constructor(
    private readonly file: string,
    private readonly issues: Issue[],
  ) {}

  document() {
    return { tables: this.tables, chains: this.chains, sets: this.sets, rules: this.rules };
  }

  reset(): void {
    this.tables = [];
    this.chains = [];
    this.sets = [];
    this.rules = [];
    this.index();
  }

  private index(): void {
    this.chainIds = new Set(this.chains.map((c) => chainId(c.family, c.table, c.name)));
    this.setsById = new Map();
    for (const set of this.sets) this.indexSet(set);
  }

  /** The first set of a name is the one elements go to (a second definition is not merged). */
  private indexSet(set: NftSet): void {
    const id = setId(set.family, set.table, set.name);
    if (!this.setsById.has(id)) this.setsById.set(id, set);
  }

  table(family: string, name: string, dormant = false): void {
    const known = this.tables.find((t) => t.family === family && t.name === name);
    if (!known) this.tables.push(dormant ? { family, name, dormant } : { family, name });
    else if (dormant) known.dormant = true;
  }

  deleteTable(family: string, name: string): void {
    const other = (x: { family: string; table: string }) => x.family !== family || x.table !== name;
    this.tables = this.tables.filter((t) => t.family !== family || t.name !== name);
    this.chains = this.chains.filter(other);
    this.sets = this.sets.filter(other);
    this.rules = this.rules.filter(other);
    this.index();
  }

  flushTable(family: string, name: string): void {
    this.rules = this.rules.filter((x) => x.family !== family || x.table !== name);
  }

  chain(family: string, table: string, name: string, line: number, header: readonly Token[]): void {
    const id = chainId(family, table, name);
    if (this.chainIds.has(id)) return;
    this.chainIds.add(id);
    const chain: { -readonly [K in keyof NftChain]: NftChain[K] } = { family, table, name, line };
    const words = header.map((t) => t.text);
    for (let k = 0; k < words.length; k++) {
      const w = words[k];
      if (w === 'type') chain.type = words[++k] ?? '';
      else if (w === 'hook') chain.hook = words[++k] ?? '';
      else if (w === 'policy') chain.policy = (words[++k] ?? '').replace(/;$/, '');
      else if (w === 'device') chain.devices = [words[++k] ?? ''];
      else if (w === 'devices' && words[k + 1] === '=' && words[k + 2] === '{') {
        const end = words.indexOf('}', k);
        chain.devices = words.slice(k + 3, end < 0 ? words.length : end).filter((d) => d !== ',');
        k = end < 0 ? words.length : end;
      } else if (w === 'priority') {
        const [value, used] = priority(words.slice(k + 1));
        if (value === undefined) {
          const t = header[k] as Token;
          this.issues.push(
            configIssue(
              this.file,
              t.line,
              `bad priority "${words.slice(k + 1, k + 4).join(' ')}"`,
              'a number or filter, raw, mangle, dstnat, security, srcnat (± n)',
              t.col,
            ),
          );
        } else chain.prio = value;
        k += used;
      }
    }
    this.chains.push(chain);
  }

  rule(family: string, table: string, chain: string, tokens: readonly Token[], line: number, first: boolean): void {
    const body = tokens.filter((t) => t.text !== ';' || t.quoted);
    if (body.length === 0) return;
    const { expr, comment } = ruleStatements(body);
    const rule: { -readonly [K in keyof NftRule]: NftRule[K] } = {
      family,
      table,
      chain,
      expr,
      line,
      text: body.map((t) => (t.quoted ? JSON.stringify(t.text) : t.text)).join(' '),
    };
    if (comment !== undefined) rule.comment = comment;
    if (first) {
      const at = this.rules.findIndex((r) => r.family === family && r.table === table && r.chain === chain);
      this.rules.splice(at < 0 ? this.rules.length : at, 0, rule);
    } else this.rules.push(rule);
  }

  set(family: string, table: string, name: string, isMap: boolean, line: number, body: readonly Token[]): void {
    const words = body.map((t) => t.text);
    const typeAt = words.indexOf('type');
    const typeWords: string[] = [];
    for (let k = typeAt + 1; typeAt >= 0 && k < words.length && words[k] !== ';' && !body[k - 1]?.eol; k++)
      typeWords.push(words[k] as string);
    const colon = typeWords.indexOf(':');
    const keyType = (colon >= 0 ? typeWords.slice(0, colon) : typeWords).filter((w) => w !== '.');
    const flagsAt = words.indexOf('flags');
    const flags: string[] = [];
    if (flagsAt >= 0) for (const f of (words[flagsAt + 1] ?? '').split(',')) if (f) flags.push(f);
    const set: { -readonly [K in keyof NftSet]: NftSet[K] } = {
      family,
      table,
      name,
      type: keyType.length === 1 ? (keyType[0] as string) : keyType,
      flags,
      elem: [],
      line,
    };
    if (isMap) set.map = colon >= 0 ? typeWords.slice(colon + 1).join(' ') : '';
    if (body.some((t) => t.text === 'timeout' && !t.quoted) && !flags.includes('timeout')) flags.push('timeout');
    this.sets.push(set);
    this.indexSet(set);
    const eq = words.indexOf('elements');
    if (eq >= 0) this.elements(family, table, name, body.slice(eq + 2));
  }

  elements(family: string, table: string, name: string, tokens: readonly Token[]): void {
    const set = this.setsById.get(setId(family, table, name));
    if (!set) {
      const t = tokens[0];
      this.issues.push(
        configIssue(
          this.file,
          t?.line ?? 1,
          `elements added to set ${name}, which is not defined`,
          'define the set first',
          t?.col ?? 1,
        ),
      );
      return;
    }
    const end = matchingBrace(tokens);
    const block = tokens.slice(0, end + 1);
    const kind = valueKind(set.type);
    // A concatenated type (`ipv4_addr . inet_service`): each element a tuple, each part read by its type.
    const kinds = typeof set.type === 'string' ? undefined : set.type.map(valueKind);
    const added =
      set.map !== undefined
        ? mapElements(block, kind, kinds)
        : kinds
          ? concatElements(block, kinds)
          : set.type === 'tcp_flag'
            ? flagSetElements(block)
            : setElements(block, kind);
    const elem = set.elem as NftValue[]; // built by set() above, as a list of its own
    for (const value of added) elem.push(value);
  }

  /** `table F N { … }`: chains, sets and maps inside; returns the index after the closing brace. */
  tableBlock(tokens: readonly Token[], start: number, family: string, table: string): number {
    let i = start;
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (t.text === '}') return i + 1;
      if (t.text === ';' || (t.text === 'flags' && !t.quoted)) {
        if (t.text === 'flags' && (tokens[i + 1]?.text ?? '').split(',').includes('dormant'))
          this.table(family, table, true);
        i += t.text === 'flags' ? 2 : 1;
        continue;
      }
      const kind = t.text;
      const name = tokens[i + 1]?.text ?? '';
      if ((kind === 'chain' || kind === 'set' || kind === 'map') && tokens[i + 2]?.text === '{') {
        const end = i + 2 + matchingBrace(tokens.slice(i + 2));
        const body = tokens.slice(i + 3, end);
        if (kind === 'chain') this.chainBlock(family, table, name, t.line, body);
        else this.set(family, table, name, kind === 'map', t.line, body);
        i = end + 1;
        continue;
      }
      // counters, quotas, flowtables, and the two-word `ct helper|timeout|expectation NAME`: objects that do not filter.
      const open = kind === 'ct' && tokens[i + 3]?.text === '{' ? i + 3 : tokens[i + 2]?.text === '{' ? i + 2 : -1;
      if (open > 0) {
        i = open + 1 + matchingBrace(tokens.slice(open));
        continue;
      }
      if (kind === 'comment') {
        i += 2;
        continue;
      }
      this.issues.push(
        configIssue(this.file, t.line, `unexpected "${kind}" in table ${table}`, 'expected chain, set or map', t.col),
      );
      i++;
    }
    this.issues.push(
      configIssue(this.file, tokens[start - 1]?.line ?? 1, `table ${table} is not closed`, 'add the missing }'),
    );
    return i;
  }

  private chainBlock(family: string, table: string, name: string, line: number, body: readonly Token[]): void {
    const header: Token[] = [];
    let i = 0;
    // Header lines (`type … ; policy … ;`, `comment`, `devices = {…}`) come before the rules.
    while (i < body.length) {
      const w = body[i]?.text;
      if (w !== 'type' && w !== 'policy' && w !== 'comment' && w !== 'devices' && w !== ';') break;
      const l = lineTokens(body, i);
      header.push(...l);
      i += l.length;
    }
    this.chain(family, table, name, line, header);
    while (i < body.length) {
      const l = lineTokens(body, i);
      i += l.length;
      this.rule(family, table, name, l, l[0]?.line ?? line, false);
    }
  }
}

function matchingBrace(tokens: readonly Token[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = (tokens[i] as Token).text;
    if (t === '{') depth++;
    else if (t === '}' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

function valueKind(type: string | readonly string[]): ValueKind {
  if (typeof type !== 'string') return 'raw';
  if (type === 'ipv4_addr' || type === 'ipv6_addr') return 'address';
  if (type === 'inet_service' || type === 'inet_proto' || type === 'icmp_type' || type === 'icmpv6_type')
    return 'number';
  return 'string';
}

/** `filter`, `0`, `-150`, `filter + 10`, `mangle - 5` → number and the words used. */
function priority(words: readonly string[]): [number | undefined, number] {
  const first = (words[0] ?? '').replace(/;$/, '');
  const base = /^-?\d+$/.test(first) ? Number(first) : PRIORITIES[first];
  if (base === undefined) return [undefined, 1];
  const sign = words[1];
  if ((sign === '+' || sign === '-') && /^\d+;?$/.test(words[2] ?? '')) {
    const n = Number((words[2] as string).replace(/;$/, ''));
    return [sign === '+' ? base + n : base - n, 3];
  }
  return [base, 1];
}

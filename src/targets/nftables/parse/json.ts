import { fail, type Result } from '../../../model/issues.js';
import { type ConfigFile, configIssue, withoutByteOrderMark } from '../../../ruleset/config-file.js';
import type { Ruleset } from '../../../ruleset/types.js';
import { scanNftJson } from './json-positions.js';
import { lowerDocument } from './lower.js';
import type { NftChain, NftDocument, NftRule, NftSet, NftTable, NftValue } from './model.js';
import { isTcpFlagsLeft } from './tcp-flags.js';
import { isObject } from './values.js';

/** `nft -j list ruleset` output (libnftables JSON schema 1) as a neutral ruleset. */
export function parseNftJson(file: ConfigFile): Result<Ruleset> {
  const read = readNftJson(file);
  return read.ok ? lowerDocument(read.value) : read;
}

const HINT = 'give the output of nft -j list ruleset';

/** The JSON as a document, before lowering. */
export function readNftJson(file: ConfigFile): Result<NftDocument> {
  const text = withoutByteOrderMark(file.text);
  const scan = scanNftJson(text);
  if (!scan.ok) {
    const { line, column } = scan.at;
    return fail([configIssue(file.path, line, `not JSON: ${scan.message}`, HINT, column)]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // The scan accepts exactly what JSON.parse accepts (tested); this is the last resort.
    return fail([configIssue(file.path, 1, `not JSON: ${(e as Error).message.slice(0, 200)}`, HINT)]);
  }
  if (!isObject(data) || !Array.isArray(data.nftables)) {
    return fail([configIssue(file.path, 1, 'no "nftables" array at the top', HINT)]);
  }
  const chains: NftChain[] = [];
  const sets: NftSet[] = [];
  const rules: NftRule[] = [];
  const tables: NftTable[] = [];
  const issues = [];
  for (const [i, item] of (data.nftables as NftValue[]).entries()) {
    // Line and column of the element: `nft -j` writes the whole ruleset on line 1.
    const { line, column } = scan.elements[i] ?? { line: 1, column: 1 };
    if (!isObject(item)) continue;
    const [kind, body] = Object.entries(item)[0] ?? [];
    if (!isObject(body)) continue;
    const family = String(body.family ?? '');
    const table = String(body.table ?? '');
    if (kind === 'table') {
      // nft 1.0.6 writes the flag "dormant" as "d".
      const flags = Array.isArray(body.flags) ? body.flags.map(String) : [String(body.flags ?? '')];
      const dormant = flags.includes('dormant') || flags.includes('d');
      tables.push(dormant ? { family, name: String(body.name), dormant } : { family, name: String(body.name) });
    } else if (kind === 'chain') {
      const chain: { -readonly [K in keyof NftChain]: NftChain[K] } = {
        family,
        table,
        name: String(body.name),
        line,
        column,
      };
      if (body.type !== undefined) chain.type = String(body.type);
      if (body.hook !== undefined) chain.hook = String(body.hook);
      if (body.prio !== undefined) chain.prio = Number(body.prio);
      if (body.policy !== undefined) chain.policy = String(body.policy);
      if (typeof body.dev === 'string') chain.devices = [body.dev];
      else if (Array.isArray(body.dev)) chain.devices = body.dev.map(String);
      chains.push(chain);
    } else if (kind === 'set' || kind === 'map') {
      const flags =
        body.flags === undefined ? [] : Array.isArray(body.flags) ? body.flags.map(String) : [String(body.flags)];
      const set: { -readonly [K in keyof NftSet]: NftSet[K] } = {
        family,
        table,
        name: String(body.name),
        type: Array.isArray(body.type) ? body.type.map(String) : String(body.type ?? ''),
        flags,
        elem: Array.isArray(body.elem) ? body.elem : [],
        line,
        column,
      };
      if (kind === 'map') set.map = String(body.map ?? '');
      sets.push(set);
    } else if (kind === 'rule') {
      if (!Array.isArray(body.expr)) {
        issues.push(configIssue(file.path, line, 'rule without "expr"', undefined, column));
        continue;
      }
      const expr = body.expr.filter(isObject);
      const rule: { -readonly [K in keyof NftRule]: NftRule[K] } = {
        family,
        table,
        chain: String(body.chain ?? ''),
        expr,
        line,
        column,
        text: exprText(expr, body.comment),
      };
      if (body.comment !== undefined) rule.comment = String(body.comment);
      if (body.handle !== undefined) rule.handle = Number(body.handle);
      rules.push(rule);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { file: file.path, chains, sets, rules, tables }, warnings: [] };
}

/** A rule in nft syntax, near enough for a report line (`ip saddr 10.0.0.0/8 tcp dport 22 accept`). */
export function exprText(expr: readonly Record<string, NftValue>[], comment?: NftValue): string {
  const parts = expr.map((e) => {
    const [kind, body] = Object.entries(e)[0] ?? ['', null];
    if (kind === 'match' && isObject(body)) {
      // On TCP flags, `==` (exact) is not the implicit op (any of the bits): said.
      const implicit = body.op === 'in' || (body.op === '==' && !isTcpFlagsLeft(body.left));
      const op = implicit ? '' : `${String(body.op)} `;
      return `${valueText(body.left)} ${op}${valueText(body.right)}`;
    }
    if (kind === 'jump' || kind === 'goto') return `${kind} ${isObject(body) ? String(body.target) : ''}`;
    if (kind === 'xt' && isObject(body)) return `xt ${String(body.type)} ${String(body.name)}`;
    if (body === null || (isObject(body) && Object.keys(body).length === 0)) return kind;
    if (kind === 'counter') return 'counter';
    return `${kind} ${valueText(body)}`;
  });
  return `${parts.join(' ')}${comment !== undefined ? ` comment ${JSON.stringify(String(comment))}` : ''}`;
}

function valueText(v: NftValue): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(valueText).join(',');
  if (!isObject(v)) return String(v);
  if (isObject(v.payload)) return `${String(v.payload.protocol)} ${String(v.payload.field)}`;
  if (isObject(v.meta)) return `meta ${String(v.meta.key)}`;
  if (isObject(v.ct)) return `ct ${String(v.ct.key)}`;
  if (isObject(v.prefix)) return `${String(v.prefix.addr)}/${String(v.prefix.len)}`;
  if (Array.isArray(v.range)) return `${valueText(v.range[0])}-${valueText(v.range[1])}`;
  if ('set' in v) return `{ ${(Array.isArray(v.set) ? v.set : [v.set]).map(valueText).join(', ')} }`;
  if (Array.isArray(v.concat)) return v.concat.map(valueText).join(' . ');
  // `tcp flags & (syn | ack)`: a mask, and the or of flags.
  if (Array.isArray(v['&']) && v['&'].length === 2) {
    const [field, mask] = v['&'] as [NftValue, NftValue];
    return `${valueText(field)} & (${Array.isArray(mask) ? mask.map(valueText).join(' | ') : valueText(mask)})`;
  }
  if (Array.isArray(v['|'])) return v['|'].map(valueText).join(' | ');
  return JSON.stringify(v).slice(0, 80);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { parseNftJson, readNftJson } from '../../../src/targets/nftables/parse/index.js';
import { locationOf, where } from '../../../src/verify/report.js';
import { fixturesDir, missing, requirements } from '../../support/system.js';
import { decision } from '../support/decide.js';

/**
 * `nft -j list ruleset` writes the whole ruleset on one line: a rule is found by its line and column. The expected
 * positions are computed here from the pieces the text is joined from, never by the reader's own scan.
 */

const table = { table: { family: 'inet', name: 't' } };
const chain = {
  chain: { family: 'inet', table: 't', name: 'fwd', type: 'filter', hook: 'forward', prio: 0, policy: 'drop' },
};
/** A rule accepting one port, with a comment full of what a naive scan miscounts. */
const rule = (port: number, comment: string) => ({
  rule: {
    family: 'inet',
    table: 't',
    chain: 'fwd',
    comment,
    expr: [
      { match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: port } },
      { accept: null },
    ],
  },
});
const TRICKY = ['{ [ "quoted" ] }', 'back\\slash \\" then ]}', '"}],{"rule":', '\\\\', 'é ✓ \u2028'];
const items = [table, chain, ...TRICKY.map((comment, i) => rule(1000 + i, comment))];

/** The element's offsets in `{"nftables":[a,b,…]}` as JSON.stringify writes it: 1-based columns on line 1. */
function compactColumns(elements: readonly unknown[]): number[] {
  const columns: number[] = [];
  let offset = '{"nftables":['.length;
  for (const e of elements) {
    columns.push(offset + 1);
    offset += JSON.stringify(e).length + 1;
  }
  return columns;
}

/** The lines `JSON.stringify(…, null, 2)` (and `jq .`) starts each element on. */
function prettyLines(elements: readonly unknown[]): number[] {
  const lines: number[] = [];
  let line = 3; // `{`, `"nftables": [`
  for (const e of elements) {
    lines.push(line);
    line += JSON.stringify(e, null, 2).split('\n').length;
  }
  return lines;
}

const rulesOf = (path: string, text: string) => {
  const r = parseNftJson({ path, text });
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value.chains['inet t fwd']?.rules ?? [];
};

describe('nftables JSON: each rule has a place a user can go to', () => {
  it('gives the column of each rule on the one line nft -j writes, past brackets and quotes in strings', () => {
    const text = JSON.stringify({ nftables: items });
    const rules = rulesOf('rules.json', text);
    const expected = compactColumns(items).slice(2);
    expect(rules.map((r) => [r.provenance.line, r.provenance.column, r.provenance.comment])).toEqual(
      TRICKY.map((comment, i) => [1, expected[i], comment]),
    );
    for (const r of rules) expect(text.slice((r.provenance.column ?? 0) - 1)).toMatch(/^\{"rule":/);
  });

  it('gives the line of each rule when the JSON is pretty-printed (nft -j … | jq .)', () => {
    const text = JSON.stringify({ nftables: items }, null, 2);
    const rules = rulesOf('rules.json', text);
    expect(rules.map((r) => [r.provenance.line, r.provenance.column])).toEqual(
      prettyLines(items)
        .slice(2)
        .map((line) => [line, 5]),
    );
  });

  it('prints the finding place as file:line:col, and the packet lands on the rule it names', () => {
    const parsed = parseNftJson({ path: 'fw.json', text: JSON.stringify({ nftables: items }) });
    if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
    const d = decision(parsed.value, 'tcp 10.0.0.1:5 -> 192.0.2.1:1003');
    expect(d.kind === 'decided' && d.decidedBy && where(locationOf(d.decidedBy))).toBe(
      `fw.json:1:${compactColumns(items)[5]}`,
    );
  });

  it('keeps the chain and set positions too, and a second "nftables" key wins as in JSON.parse', () => {
    const later = [table, chain, rule(22, 'x')];
    const text = `{"nftables":[${JSON.stringify(table)}],"nftables":${JSON.stringify(later)}}`;
    const doc = readNftJson({ path: 'rules.json', text });
    expect(doc.ok && doc.value.rules.map((r) => r.column)).toEqual([
      text.lastIndexOf('{"rule":') + 1, // the element, not the first array's
    ]);
    expect(doc.ok && doc.value.chains.map((c) => c.column)).toEqual([text.lastIndexOf('{"chain":') + 1]);
  });
});

describe('nftables JSON: a malformed file is reported at its line and column', () => {
  const cases: [string, string, number, number, RegExp][] = [
    ['a value missing', '{"nftables":[{"rule":}]}', 1, 22, /expected a value/],
    ['a trailing comma', '{"nftables": [\n  {"table": {}},\n]}', 3, 1, /comma before "\]"/],
    ['a comma before "}"', '{"nftables": [{"table": {"a": 1,}}]}', 1, 33, /comma before "}"/],
    ['a bracket inside a string, then a missing colon', '{"nftables": [{"c": "]}[{", "x" 1}]}', 1, 33, /":"/],
    ['an escaped quote, then an unclosed string', '{"nftables": [{"c": "a\\"b}]}', 1, 21, /never closed/],
    ['a bad escape', '{"nftables": [{"c": "a\\qb"}]}', 1, 23, /not a JSON escape/],
    ['a line break inside a string', '{"nftables": [\n{"c": "a\nb"}]}', 2, 9, /control character/],
    ['a truncated file', '{"nftables": [\n  {"table": {"family": "ip"', 2, 28, /ends inside the "\{" opened at 2:13/],
    ['text after the value', '{"nftables": []}\n}', 2, 1, /after the end/],
    ['a malformed number', '{"nftables": [{"prio": 01}]}', 1, 24, /malformed number/],
    ['an empty file', '   ', 1, 4, /no JSON value/],
  ];
  it.each(cases)('%s', (_, text, line, col, message) => {
    // JSON.parse refuses each of these too: the scan says no more and no less than the parser.
    expect(() => JSON.parse(text)).toThrow();
    const r = parseNftJson({ path: 'bad.json', text });
    expect(r.ok).toBe(false);
    const issue = !r.ok ? r.issues[0] : undefined;
    expect([issue?.line, issue?.col]).toEqual([line, col]);
    expect(issue?.message).toMatch(message);
    expect(issue?.hint).toMatch(/nft -j list ruleset/);
  });

  it('accepts what JSON.parse accepts: escapes, exponents, nesting, white space', () => {
    const text =
      ' {"nftables" : [ {"metainfo": {"v": -1.5e+3, "s": "\\u00e9\\/\\b\\f\\n\\r\\t", "a": [[], {}, true, false, null]}} ] } ';
    expect(readNftJson({ path: 'ok.json', text }).ok).toBe(true);
  });
});

describe('nftables JSON: the scan agrees with JSON.parse', () => {
  it('finds every rule whatever its comment holds', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 6 }), (comments) => {
        const elements = [table, chain, ...comments.map((c, i) => rule(i, c))];
        const doc = readNftJson({ path: 'p.json', text: JSON.stringify({ nftables: elements }) });
        expect(doc.ok && doc.value.rules.map((r) => r.column)).toEqual(compactColumns(elements).slice(2));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a damaged text exactly when JSON.parse does', () => {
    const valid = JSON.stringify({ nftables: items }, null, 1);
    const damage = fc.record({
      at: fc.nat({ max: valid.length - 1 }),
      cut: fc.nat({ max: 3 }),
      put: fc.constantFrom('', '"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', ' ', '\n', 'x'),
    });
    fc.assert(
      fc.property(damage, ({ at, cut, put }) => {
        const text = valid.slice(0, at) + put + valid.slice(at + cut);
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const r = readNftJson({ path: 'p.json', text });
        const refusedAsJson = !r.ok && r.issues.some((i) => i.message.startsWith('not JSON'));
        expect(refusedAsJson).toBe(!parses);
      }),
      { numRuns: 2000 },
    );
  });
});

describe.skipIf(missing(requirements.fixtures))('nftables JSON: a real listing pretty-printed', () => {
  it('puts each rule on the line its object opens, just before its "rule" key', () => {
    const text = readFileSync(join(fixturesDir(), 'firewalls/nftables/aleph_vm_real_server.nft.json'), 'utf8');
    const lines = text.split('\n');
    const doc = readNftJson({ path: 'aleph.json', text });
    expect(doc.ok).toBe(true);
    const rules = doc.ok ? doc.value.rules : [];
    expect(rules).toHaveLength(39);
    for (const r of rules) {
      expect(r.column).toBeGreaterThan(0);
      expect(lines[r.line - 1]?.slice((r.column ?? 0) - 1)).toBe('{');
      expect(lines[r.line]?.trim()).toBe('"rule": {');
    }
  });
});

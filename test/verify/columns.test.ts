import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesetFromJson, rulesetToJson } from '../../src/ruleset/json.js';
import { parseNftJson } from '../../src/targets/nftables/parse/index.js';
import { run } from '../cli/run.js';
import { readOrThrow } from '../support/nft-json.js';

/**
 * `nft -j list ruleset` writes one line: every place verify reports in such a file (text, JSON, SARIF, the packet
 * answer) carries the column of the rule's `{"rule": …}` object, and the column survives the ruleset's JSON form.
 */

const SITE = 'examples/lync-2013-edge-site.yaml';
const FIREWALL = 'fw-internal';
const dir = mkdtempSync(join(tmpdir(), 'fm-columns-'));

const base = { family: 'inet', table: 'f', chain: 'fwd' };
const ssh = { rule: { ...base, handle: 4, comment: 'ssh "}],{"rule": ', expr: [tcpDport(22), { accept: null }] } };
const anyAny = { rule: { ...base, handle: 5, comment: 'temporary', expr: [{ accept: null }] } };
// In nft's own key order, on one line.
const TEXT = JSON.stringify({
  nftables: [
    { metainfo: { version: '1.0.6', json_schema_version: 1 } },
    { table: { family: 'inet', name: 'f', handle: 1 } },
    {
      chain: {
        family: 'inet',
        table: 'f',
        name: 'fwd',
        handle: 1,
        type: 'filter',
        hook: 'forward',
        prio: 0,
        policy: 'drop',
      },
    },
    ssh,
    anyAny,
  ],
});

function tcpDport(port: number) {
  return { match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: port } };
}

const path = join(dir, 'edge.json');
writeFileSync(path, TEXT);
/** The 1-based column where the any-to-any rule's object starts, found without the reader. */
const anyColumn = TEXT.indexOf('{"rule":{"family":"inet","table":"f","chain":"fwd","handle":5') + 1;

describe('verify on one-line nft JSON names rules by line and column', () => {
  it('the any-to-any finding prints file:1:col, and the text there is that rule', async () => {
    expect(anyColumn).toBeGreaterThan(TEXT.indexOf('"handle":4'));
    const r = await run(['verify', SITE, '--firewall', FIREWALL, '--config', path]);
    expect(r.err).toMatch(/permitted/);
    const found = new RegExp(`${path.replaceAll('.', '\\.')}:1:(\\d+): permits any to any`).exec(r.out);
    expect(found, r.out).not.toBeNull();
    const column = Number(found?.[1]);
    expect(column).toBe(anyColumn);
    expect(TEXT.slice(column - 1)).toMatch(/^\{"rule":\{"family":"inet","table":"f","chain":"fwd","handle":5,/);
    // The ssh rule, whose comment holds `{"rule":` escaped, is reported at its own object.
    const unused = /:1:(\d+): no matrix row needs it/.exec(r.out);
    expect(TEXT.slice(Number(unused?.[1]) - 1)).toMatch(
      /^\{"rule":\{"family":"inet","table":"f","chain":"fwd","handle":4,/,
    );
  });

  it('the JSON report and SARIF carry the column', async () => {
    const json = JSON.parse((await run(['verify', SITE, '--firewall', FIREWALL, '--config', path, '-r', 'json'])).out);
    const any = json.items.find((i: { kind: string }) => i.kind === 'any-to-any');
    expect(any.locations[0]).toMatchObject({ file: path, line: 1, column: anyColumn });
    const sarif = JSON.parse(
      (await run(['verify', SITE, '--firewall', FIREWALL, '--config', path, '-r', 'sarif'])).out,
    );
    const regions = sarif.runs[0].results
      .filter((x: { ruleId: string }) => x.ruleId === 'verify/any-to-any')
      .map((x: { locations: { physicalLocation: { region: unknown } }[] }) => x.locations[0]?.physicalLocation.region);
    expect(regions).toEqual([{ startLine: 1, startColumn: anyColumn }]);
  });

  it('the packet answer names the deciding rule by line and column', async () => {
    const r = await run(['verify', '--config', path, '--packet', 'tcp 10.0.0.1:4000 -> 192.0.2.9:22']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`accept — ${path}:1:${TEXT.indexOf('{"rule":') + 1}`);
  });

  it('a ruleset written as JSON and read back keeps the columns', () => {
    const rs = readOrThrow(parseNftJson({ path: 'edge.json', text: TEXT }));
    const back = rulesetFromJson(JSON.parse(JSON.stringify(rulesetToJson(rs))));
    expect(back.ok && back.value).toEqual(rs);
    const columns = Object.values(rs.chains).flatMap((c) => c.rules.map((x) => x.provenance.column));
    expect(columns).toContain(anyColumn);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { targetIds, targets } from '../../src/targets/index.js';
import { checkOptions } from '../../src/targets/kit/options.js';
import { run } from '../cli/run.js';
import { repoRoot } from '../support/catalogs.js';

/** Each target's options are a schema (src/targets/<id>/options.ts), checked from the site file and from --option. */
const dir = mkdtempSync(join(tmpdir(), 'fm-options-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = readFileSync(join(repoRoot, 'examples/hamilton-site.yaml'), 'utf8');
const at = '    interfaces: { lan: eth1, dmz: eth2 }\n';
const siteWith = (name: string, options: string): string => {
  const file = join(dir, name);
  writeFileSync(file, example.replace(at, `${at}    options: ${options}\n`));
  return file;
};

describe('target options schemas', () => {
  it('every target declares its options and findings tables', () => {
    for (const id of targetIds) {
      const t = targets[id];
      expect(t.options, id).toBeDefined();
      if (t.findings) expect(t.findings.target, id).toBe(id);
    }
  });

  it('an unknown option in the site is a positioned error with did-you-mean, and so is a bad value', async () => {
    const site = siteWith('bad.yaml', '{ counter: false, nat: maybe }');
    const r = await run(['generate', site, '--firewall', 'fw-internal']);
    expect(r.code).toBe(2);
    const line = example.slice(0, example.indexOf(at)).split('\n').length + 1;
    expect(r.err).toContain(
      `bad.yaml:${line}:16: unknown option "counter" for target nftables — did you mean "counters"?`,
    );
    expect(r.err).toMatch(new RegExp(`bad\\.yaml:${line}:\\d+: option nat of nftables: "maybe" is not valid`));
  });

  it('validate reports the same errors', async () => {
    const r = await run(['validate', siteWith('bad2.yaml', '{ tabel: x }')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option "tabel" for target nftables — did you mean "table"?');
  });

  it('--option is checked against the schema of the target it goes to (exit 2), values read from text', async () => {
    const site = siteWith('ok.yaml', '{ counters: false }');
    const bad = await run(['generate', site, '--firewall', 'fw-internal', '--option', 'countres=true']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      '--option countres: unknown option "countres" for target nftables — did you mean "counters"?',
    );
    const good = await run(['generate', site, '--firewall', 'fw-internal']);
    expect(good.code, good.err).toBe(0);
    expect(good.out).not.toMatch(/\bcounter accept/);
    const back = await run(['generate', site, '--firewall', 'fw-internal', '--option', 'counters=true']);
    expect(back.code, back.err).toBe(0);
    expect(back.out).toMatch(/\bcounter accept/);
  });

  it('a list option takes a YAML list or a comma-separated string', () => {
    const schema = targets['windows-firewall'].options;
    expect(checkOptions(schema, 'windows-firewall', { directions: 'inbound' }, [])).toEqual({
      ok: true,
      value: { directions: ['inbound'] },
    });
    expect(checkOptions(schema, 'windows-firewall', { directions: ['outbound', 'inbound'] }, [])).toEqual({
      ok: true,
      value: { directions: ['outbound', 'inbound'] },
    });
    const bad = checkOptions(schema, 'windows-firewall', { directions: 'sideways' }, ['options']);
    expect(bad.ok).toBe(false);
  });

  it('a target without options refuses any', () => {
    const r = checkOptions(targets['juniper-srx'].options, 'juniper-srx', { nat: true }, ['options']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.hint).toBe('juniper-srx takes no option');
  });
});

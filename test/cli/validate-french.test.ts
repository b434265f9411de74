import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FR_SPACE } from '../../src/model/text.js';
import { repoRoot } from '../support/catalogs.js';
import { run } from './run.js';

const exec = promisify(execFile);

/** A catalog with one problem of each family: schema, reference, address, port, feature expression. */
const BAD = `id: bad
title: { fr: Mauvais }
vendor: V
product: P
source: { document: d.txt, title: D }
roles:
  web: { title: { fr: Web }, addresses: [10.0.0.1/8] }
  sql: { title: { fr: SQL } }
services:
  https: { ports: [tcp/70000] }
features:
  sms: { title: { fr: SMS } }
flows:
  - id: f1
    purpose: { fr: F }
    from: web
    to: sql
    services: [https]
    level: mandatroy
  - id: f2
    purpose: { fr: G }
    from: wbe
    to: sql
    services: [https]
    level: optional
    when: "sms &&"
    colour: red
`;

const dir = mkdtempSync(join(tmpdir(), 'flowmatrix-fr-'));
const bad = join(dir, 'bad.yaml');
writeFileSync(bad, BAD);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const place = (line: string) => /^[^:]+:\d+:\d+: /.exec(line)?.[0];
/** English words no French line may keep (identifiers and values aside, which these are not). */
const ENGLISH =
  /\b(unknown|did you mean|missing|allowed|expected|found|error|errors|not valid|out of range|has host bits)\b/i;

describe('validate --lang fr: the problems in French, at the places the English gives', () => {
  it('prints each problem in French, positions unchanged, counted in French, exit 2', async () => {
    const en = await run(['validate', bad]);
    const fr = await run(['validate', bad, '--lang', 'fr']);
    expect(fr.code).toBe(2);
    expect(en.code).toBe(2);
    const problems = lines(fr.err).slice(0, -1);
    expect(problems.map(place)).toEqual(lines(en.err).slice(0, -1).map(place));
    expect(problems).toHaveLength(6);
    for (const line of problems) {
      expect(line).toMatch(/^[^\s:]+:\d+:\d+: .+ — .+/);
      expect(line).not.toMatch(ENGLISH);
    }
    expect(lines(fr.err).at(-1)).toBe('6 erreurs');
    expect(fr.err).toContain(`flows[1].from${FR_SPACE}: rôle inconnu "wbe" — vouliez-vous dire "web"${FR_SPACE}?`);
    expect(fr.err).toContain('clé inconnue "colour" dans flows[1]');
  });

  it('FLOWMATRIX_LANG=fr chooses French when --lang is not given; --lang en overrides it', async () => {
    expect((await run(['validate', bad], { FLOWMATRIX_LANG: 'fr' })).err).toContain('rôle inconnu "wbe"');
    expect((await run(['validate', bad, '--lang', 'en'], { FLOWMATRIX_LANG: 'fr' })).err).toContain(
      'unknown role "wbe"',
    );
  });

  it('says ok in French for a valid catalog', async () => {
    const { code, out } = await run(['validate', 'test/catalog/fixtures/builtins/minimal.yaml', '--lang', 'fr']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ok \S+ \(catalogue minimal, \d+ flux\)$/m);
  });

  it('through bin/flowmatrix.js: exit 2, French on stderr, no English left', async () => {
    const failed = await exec(
      process.execPath,
      [join(repoRoot, 'bin/flowmatrix.js'), 'validate', bad, '--lang', 'fr'],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', FLOWMATRIX_LANG: '' },
      },
    ).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(2);
    const err = lines(failed?.stderr ?? '');
    expect(err.at(-1)).toBe('6 erreurs');
    for (const line of err) expect(line).not.toMatch(ENGLISH);
    expect(err.join('\n')).toContain('port 70000 hors limites dans "tcp/70000"');
  }, 60_000);
});

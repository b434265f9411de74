import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

/**
 * The topology corpus: every `test/fixtures/topology/*.yaml` names on its first line the command it is run with
 * (`# run: validate`, `# run: audit --rule …`); the exit code and every line the command prints must equal the
 * sibling `.expected.txt`. A site `validate` refuses, `generate` refuses too (exit 2, nothing written), and a site
 * it accepts, `generate` renders: validate checks what generate would refuse.
 * FLOWMATRIX_UPDATE_EXPECTED=1 rewrites the expected files (review the diff before committing).
 */
const dir = 'test/fixtures/topology';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const update = process.env.FLOWMATRIX_UPDATE_EXPECTED === '1';
const ENV = { FLOWMATRIX_TODAY: '2026-01-15' };

const commandOf = (path: string): string[] => {
  const first = readFileSync(path, 'utf8').split('\n')[0] ?? '';
  const m = /^# run: (\S+)(.*)$/.exec(first);
  if (!m) throw new Error(`${path}: the first line must be "# run: COMMAND [OPTIONS]"`);
  return [m[1] as string, path, ...(m[2] as string).split(' ').filter(Boolean)];
};

const transcript = (code: number, out: string, err: string): string =>
  [`exit ${code}`, ...(err ? ['--- stderr', err.trimEnd()] : []), ...(out ? ['--- stdout', out.trimEnd()] : [])].join(
    '\n',
  );

describe('topology corpus: exact messages and exit codes', () => {
  it('has a corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s', async (file) => {
    const path = `${dir}/${file}`;
    const args = commandOf(path);
    const r = await run(args, ENV);
    const actual = transcript(r.code, r.out, r.err);
    const expectedPath = path.replace(/\.yaml$/, '.expected.txt');
    if (update) writeFileSync(expectedPath, `${actual}\n`);
    expect(actual).toBe(readFileSync(expectedPath, 'utf8').trimEnd());
    expect(r.err).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it.each(files.filter((f) => commandOf(`${dir}/${f}`)[0] === 'validate'))(
    '%s: generate accepts exactly what validate accepts',
    async (file) => {
      const path = `${dir}/${file}`;
      const validated = await run(['validate', path], ENV);
      const out = mkdtempSync(join(tmpdir(), 'flowmatrix-topology-'));
      const generated = await run(['generate', path, '-o', out], ENV);
      expect(generated.code, generated.err).toBe(validated.code);
      const written = readdirSync(out);
      if (validated.code === 2) expect(written).toEqual([]);
      else expect(written.filter((f) => f !== 'findings.txt').length).toBeGreaterThan(0);
      expect(existsSync(out)).toBe(true);
    },
  );
});

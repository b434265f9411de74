import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

/**
 * A run replaces a non-empty file only when flowmatrix wrote it and it is unchanged since, as the folder's
 * `.flowmatrix-outputs.json` records; anything else is refused before a byte is written, unless `--force`.
 */

const SITE = 'examples/hamilton-site.yaml';
const MANIFEST = '.flowmatrix-outputs.json';
const tmp = () => mkdtempSync(join(tmpdir(), 'flowmatrix-owned-'));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const recorded = (dir: string): Record<string, string> =>
  (JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: Record<string, string> }).files;
const cannot = (path: string, reason: string, hint: string) =>
  `flowmatrix: cannot write ${path}: ${reason} — ${hint}\n`;
const NOT_LISTED = `a file is there that the folder's record (${MANIFEST}) does not list: someone's file, or an output of a flowmatrix older than the record`;

describe('a file at an output path that flowmatrix did not write', () => {
  it('is never replaced: generate writes none of its files, exit 2, the file and the folder as they were', async () => {
    const dir = tmp();
    const mine = join(dir, 'fw-internal.nft');
    writeFileSync(mine, 'table inet mine {}\n');
    const r = await run(['generate', SITE, '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      cannot(mine, NOT_LISTED, 'move it away or write elsewhere (-o); --force replaces it (and records it)'),
    );
    expect(readFileSync(mine, 'utf8')).toBe('table inet mine {}\n');
    expect(readdirSync(dir)).toEqual(['fw-internal.nft']);
  });

  it('is replaced with --force, and then recorded as flowmatrix’s', async () => {
    const dir = tmp();
    const mine = join(dir, 'matrix.csv');
    writeFileSync(mine, 'my,own\n');
    expect((await run(['matrix', SITE, '-o', mine])).code).toBe(2);
    const r = await run(['matrix', SITE, '-o', mine, '--force']);
    expect(r.code).toBe(0);
    expect(readFileSync(mine, 'utf8')).toBe((await run(['matrix', SITE, '-f', 'csv'])).out);
    expect(recorded(dir)).toEqual({ 'matrix.csv': sha256(mine) });
  });

  it('is replaced when it is empty (a file made by mktemp destroys nothing)', async () => {
    const dir = tmp();
    const empty = join(dir, 'report.txt');
    writeFileSync(empty, '');
    expect((await run(['audit', SITE, '-o', empty])).code).toBeLessThan(2);
    expect(readFileSync(empty, 'utf8')).toContain('hamilton');
  });
});

describe('a file flowmatrix wrote', () => {
  it('is replaced by the next run while unchanged; the record lists every output with the SHA-256 of its bytes', async () => {
    const dir = tmp();
    expect((await run(['generate', SITE, '-o', dir])).code).toBe(0);
    const files = readdirSync(dir).filter((f) => f !== MANIFEST);
    expect(files).toContain('findings.txt');
    expect(recorded(dir)).toEqual(Object.fromEntries(files.map((f) => [f, sha256(join(dir, f))])));
    expect((await run(['generate', SITE, '-o', dir])).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is refused once edited by hand, with every other output left alone; --force replaces it', async () => {
    const dir = tmp();
    expect((await run(['generate', SITE, '-o', dir])).code).toBe(0);
    const edited = join(dir, 'fw-internal.nft');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}# a hand edit\n`);
    const before = readFileSync(join(dir, MANIFEST), 'utf8');
    const r = await run(['generate', SITE, '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      cannot(
        edited,
        'it changed since flowmatrix wrote it (edited by hand?)',
        'keep your changes elsewhere first, then run again with --force to replace it',
      ),
    );
    expect(readFileSync(edited, 'utf8')).toMatch(/# a hand edit\n$/);
    expect(readFileSync(join(dir, MANIFEST), 'utf8')).toBe(before);
    expect((await run(['generate', SITE, '-o', dir, '--force'])).code).toBe(0);
    expect(readFileSync(edited, 'utf8')).not.toContain('# a hand edit');
    expect(recorded(dir)['fw-internal.nft']).toBe(sha256(edited));
  });

  it('is forgotten by the record once it is gone; other commands’ files in the folder stay listed', async () => {
    const dir = tmp();
    expect((await run(['matrix', SITE, '-o', join(dir, 'a.csv')])).code).toBe(0);
    expect((await run(['matrix', SITE, '-o', join(dir, 'b.md')])).code).toBe(0);
    expect(Object.keys(recorded(dir))).toEqual(['a.csv', 'b.md']);
    rmSync(join(dir, 'a.csv'));
    expect((await run(['matrix', SITE, '-o', join(dir, 'c.md')])).code).toBe(0);
    expect(Object.keys(recorded(dir))).toEqual(['b.md', 'c.md']);
  });
});

describe('what generate -o says', () => {
  it('writes the rules to the folder only: nothing on standard output, each file named once on standard error', async () => {
    const dir = tmp();
    for (const pass of ['first', 'rerun']) {
      const r = await run(['generate', SITE, '-o', dir]);
      expect(r.code, pass).toBe(0);
      expect(r.out, pass).toBe('');
      const named = r.err.split('\n').filter((line) => line.startsWith(`  ${dir}/`));
      const files = readdirSync(dir).filter((f) => f !== MANIFEST);
      expect(named.map((line) => line.trim()).sort(), pass).toEqual(files.map((f) => join(dir, f)).sort());
    }
  });
});

describe('files of an earlier run', () => {
  it('generate names those it no longer writes (a firewall renamed), and removes none', async () => {
    const dir = tmp();
    expect((await run(['generate', SITE, '-o', dir])).code).toBe(0);
    const renamed = join(tmp(), 'site.yaml');
    writeFileSync(renamed, readFileSync(SITE, 'utf8').replaceAll('fw-edge', 'fw-border'));
    const r = await run(['generate', renamed, '-o', dir]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `note: also in the folder, written by an earlier run and not by this one (remove what is no longer wanted):\n  ${join(dir, 'fw-edge.ip6tables')}\n  ${join(dir, 'fw-edge.iptables')}\n`,
    );
    expect(existsSync(join(dir, 'fw-edge.iptables'))).toBe(true);
    expect(existsSync(join(dir, 'fw-border.iptables'))).toBe(true);
    // A rerun of the same site writes all it wrote before: nothing to say.
    const again = tmp();
    expect((await run(['generate', SITE, '-o', again])).code).toBe(0);
    expect((await run(['generate', SITE, '-o', again])).err).not.toContain('note: also in the folder');
  });
});

describe('the record itself', () => {
  it('is never an output, even with --force', async () => {
    const dir = tmp();
    const path = join(dir, MANIFEST);
    for (const force of [[], ['--force']]) {
      const r = await run(['matrix', SITE, '-f', 'csv', '-o', path, ...force]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(
        cannot(
          path,
          'it is the record of the files flowmatrix wrote in this folder',
          'write the document under another name',
        ),
      );
    }
    expect(existsSync(path)).toBe(false);
  });

  it('damaged or forged, vouches for nothing and is never rewritten: every write to its folder is refused, --force too', async () => {
    const dir = tmp();
    const out = join(dir, 'm.csv');
    expect((await run(['matrix', SITE, '-o', out])).code).toBe(0);
    const conflict = `<<<<<<< HEAD\n${readFileSync(join(dir, MANIFEST), 'utf8')}=======\n>>>>>>> theirs\n`;
    for (const text of [conflict, JSON.stringify({ files: { 'm.csv': 'yes' } }), JSON.stringify({ files: [] })]) {
      writeFileSync(join(dir, MANIFEST), text);
      for (const args of [
        ['-o', out],
        ['-o', out, '--force'],
        ['-f', 'md', '-o', join(dir, 'new.md')],
      ]) {
        const r = await run(['matrix', SITE, ...args]);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.err).toMatch(
          /\.flowmatrix-outputs\.json: the folder's record of what flowmatrix wrote cannot be read \(.+\) — mend it/,
        );
      }
      expect(readFileSync(join(dir, MANIFEST), 'utf8')).toBe(text);
      expect(existsSync(join(dir, 'new.md'))).toBe(false);
    }
  });

  it('is not written for a starter catalog (the user’s file from the start) nor for the site policy import edits', async () => {
    const dir = tmp();
    expect((await run(['catalog', 'new', 'my-app', '-o', join(dir, 'my-app.yaml')])).code).toBe(0);
    expect(existsSync(join(dir, MANIFEST))).toBe(false);
  });
});

describe('all refusals at once', () => {
  it('names every file it may not replace in one run, and writes none', async () => {
    const dir = tmp();
    expect((await run(['matrix', SITE, '--all-formats', '-o', dir])).code).toBe(0);
    const csv = join(dir, 'hamilton-site.csv');
    const md = join(dir, 'hamilton-site.md');
    for (const f of [csv, md]) writeFileSync(f, `${readFileSync(f, 'utf8')}edited\n`);
    const r = await run(['matrix', SITE, '--all-formats', '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot write ${csv}: it changed since`);
    expect(r.err).toContain(`cannot write ${md}: it changed since`);
  });

  it('refuses two outputs of one run at the same path', async () => {
    const dir = tmp();
    const r = await run(['generate', SITE, '-o', dir, '--findings', join(dir, 'fw-internal.nft')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /cannot write .*fw-internal\.nft: another output of this run goes there too .* — give each output its own path/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('diff writes its report and its deltas together, or neither', async () => {
    const dir = tmp();
    const before = join(dir, 'before.yaml');
    writeFileSync(before, readFileSync(SITE, 'utf8'));
    const after = join(dir, 'after.yaml');
    writeFileSync(after, readFileSync(before, 'utf8').replace('directory-ldaps: true', 'directory-ldaps: false'));
    const deltas = join(dir, 'deltas');
    const report = join(dir, 'diff.md');
    expect((await run(['diff', before, after, '-o', report, '--deltas', deltas])).code).toBeLessThan(2);
    const written = readdirSync(deltas).filter((f) => f !== MANIFEST);
    expect(written.length).toBeGreaterThan(0);
    const edited = join(deltas, written[0] as string);
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}# edited\n`);
    rmSync(report);
    const r = await run(['diff', before, after, '-o', report, '--deltas', deltas]);
    expect(r.code).toBe(2);
    expect(existsSync(report)).toBe(false);
  });
});

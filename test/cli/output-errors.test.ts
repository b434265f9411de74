import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

/**
 * A place that cannot take the document is `flowmatrix: cannot write PATH: reason — hint`, exit 2: never a stack
 * trace, never exit 0, nothing half-written, no temporary file left behind.
 */

const SITE = 'examples/hamilton-site.yaml';
const tmp = () => mkdtempSync(join(tmpdir(), 'flowmatrix-output-errors-'));
const cannot = (path: string, reason: string, hint: string) =>
  `flowmatrix: cannot write ${path}: ${reason} — ${hint}\n`;
const FULL = cannot('/dev/full', 'no space left on the device', 'free some space or write elsewhere (-o PATH)');

describe('a device that refuses the bytes: /dev/full', () => {
  it.each([
    ['matrix csv', ['matrix', SITE, '-f', 'csv', '-o', '/dev/full']],
    ['matrix json', ['matrix', SITE, '-f', 'json', '-o', '/dev/full']],
    ['matrix xlsx', ['matrix', SITE, '-f', 'xlsx', '-o', '/dev/full']],
    ['audit', ['audit', SITE, '-f', 'sarif', '-o', '/dev/full']],
    ['generate findings', ['generate', SITE, '--findings', '/dev/full']],
    ['policy export', ['policy', 'export', SITE, '--from-flows', '-o', '/dev/full']],
  ])('%s: exit 2 with the reason', async (_, args) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err.endsWith(FULL)).toBe(true);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});

describe('a place where no file can be made', () => {
  it('a file where a folder should be, for -o FILE, --all-formats -o DIR and generate -o DIR', async () => {
    const dir = tmp();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'keep me\n');
    const under = join(file, 'm.csv');
    expect(await run(['matrix', SITE, '-o', under])).toMatchObject({
      code: 2,
      err: cannot(under, `${file} is not a directory`, 'choose a path whose folders are folders'),
    });
    const err = await run(['matrix', SITE, '--all-formats', '-o', file]);
    expect(err.code).toBe(2);
    // One file in the way of every output: said once, not once per format or per firewall.
    expect(err.err).toMatch(
      new RegExp(`^flowmatrix: cannot write ${file}/hamilton-site\\.\\w+: ${file} is not a directory — [^\\n]+\\n$`),
    );
    const rules = await run(['generate', SITE, '-o', join(file, 'rules')]);
    expect(rules.code).toBe(2);
    expect(rules.err).toMatch(
      new RegExp(`^flowmatrix: cannot write ${file}/rules/[\\w.-]+: ${file} is not a directory — [^\\n]+\\n$`),
    );
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('a directory the system will not create (/proc), nor a file in (/sys): no endless retry, no stack trace', async () => {
    expect(await run(['matrix', SITE, '-o', '/proc/flowmatrix-test/m.csv'])).toMatchObject({
      code: 2,
      err: cannot(
        '/proc/flowmatrix-test/m.csv',
        'the directory /proc/flowmatrix-test cannot be created there',
        'write elsewhere (-o PATH)',
      ),
    });
    expect(await run(['audit', SITE, '-o', '/sys/flowmatrix-audit.txt'])).toMatchObject({
      code: 2,
      err: cannot(
        '/sys/flowmatrix-audit.txt',
        'permission denied',
        'write where you may (-o PATH), or change the permissions',
      ),
    });
  });

  it('creates the missing folders of an output path, as mkdir -p does', async () => {
    const dir = tmp();
    const path = join(dir, 'a', 'b', 'm.md');
    expect((await run(['matrix', SITE, '-o', path])).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toMatch(/^# Flow matrix/);
  });
});

describe('a directory where a document should go', () => {
  it('generate writes all its files or none', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'fw-edge.iptables'));
    const r = await run(['generate', SITE, '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      cannot(
        join(dir, 'fw-edge.iptables'),
        'it is a directory',
        'a document is written to a file: name one inside the folder (-o DIR/NAME), or move the folder away',
      ),
    );
    expect(readdirSync(dir)).toEqual(['fw-edge.iptables']);
  });

  it('--all-formats writes no document when one of them cannot be written, names it, and exits 2', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'hamilton-site.json'));
    const r = await run(['matrix', SITE, '--all-formats', '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      cannot(
        join(dir, 'hamilton-site.json'),
        'it is a directory',
        'a document is written to a file: name one inside the folder (-o DIR/NAME), or move the folder away',
      ),
    );
    // Nothing half-written: not the other formats, no temporary file; the folder in the way is left as it was.
    expect(readdirSync(dir)).toEqual(['hamilton-site.json']);
    expect(r.out).toBe('');
  });
});

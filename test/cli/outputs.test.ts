import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRoot } from '../support/system.js';
import { run } from './run.js';

/**
 * `-o` never destroys what is at the path: a regular file is replaced whole, a device, a FIFO or a link's target is
 * written through and stays what it was, and the run's own inputs are refused. Every refusal and write error is
 * `flowmatrix: cannot write PATH: reason — hint`, exit 2, with nothing half-written and no temporary file left.
 */

const SITE = 'examples/hamilton-site.yaml';
const tmp = () => mkdtempSync(join(tmpdir(), 'flowmatrix-outputs-'));
/** What `-f csv` prints: the bytes every written copy must hold. */
const csvText = async () => (await run(['matrix', SITE, '-f', 'csv'])).out;
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const cannot = (path: string, reason: string, hint: string) =>
  `flowmatrix: cannot write ${path}: ${reason} — ${hint}\n`;

describe('-o names what it wrote', () => {
  it('names the file it wrote on standard error, for every single-file command', async () => {
    const dir = tmp();
    for (const [args, name] of [
      [['matrix', SITE, '-f', 'csv'], 'm.csv'],
      [['audit', SITE], 'a.txt'],
      [['policy', 'export', SITE], 'p.csv'],
      [['policy', 'export', SITE, '--from-flows'], 'f.csv'],
    ] as const) {
      const path = join(dir, name);
      const r = await run([...args, '-o', path]);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.err, args.join(' ')).toContain(`  ${path}\n`);
    }
  });
});

describe('a shell script among the outputs is written executable', () => {
  it('generate’s load script and diff’s delta and rollback scripts: 0755 less the umask; the rules files not', async () => {
    const dir = tmp();
    const umask = process.umask();
    const g = await run(['generate', SITE, '--firewall', 'fw-edge', '--option', 'mode=coexist', '-o', dir]);
    expect(g.code, g.err).toBe(0);
    expect(statSync(join(dir, 'fw-edge.load.sh')).mode & 0o777).toBe(0o755 & ~umask);
    expect(statSync(join(dir, 'fw-edge.iptables')).mode & 0o777).toBe(0o666 & ~umask);
    const changed = join(dir, 'changed.yaml');
    writeFileSync(changed, readFileSync(SITE, 'utf8').replace(/^ {2}port: 3128$/m, '  port: 3129'));
    const deltas = join(dir, 'deltas');
    const d = await run(['diff', SITE, changed, '--deltas', deltas]);
    expect(d.err).not.toContain('no delta written');
    const scripts = readdirSync(deltas).filter((f) => f.endsWith('.sh'));
    expect(scripts.length).toBeGreaterThan(1);
    for (const f of scripts) expect(statSync(join(deltas, f)).mode & 0o777, f).toBe(0o755 & ~umask);
  });
});

describe('-o onto what is not a regular file', () => {
  it('writes through a character device and leaves the node in place (/dev/null, and a copy of it made with mknod)', async () => {
    const before = statSync('/dev/null');
    const r = await run(['matrix', SITE, '-f', 'csv', '-o', '/dev/null']);
    expect(r.code).toBe(0);
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev, after.mode]).toEqual([before.ino, before.rdev, before.mode]);
    if (!isRoot()) return;
    const dir = tmp();
    const device = join(dir, 'null');
    execFileSync('mknod', ['-m', '666', device, 'c', '1', '3']);
    const own = await run(['matrix', SITE, '-f', 'md', '-o', device]);
    expect(own.code).toBe(0);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes into a FIFO its reader gets the whole document from, and the FIFO stays a FIFO', async () => {
    const dir = tmp();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (d: Buffer) => {
      received += d.toString('utf8');
    });
    const closed = new Promise((done) => reader.on('close', done));
    const r = await run(['matrix', SITE, '-f', 'csv', '-o', fifo]);
    await closed;
    expect(r.code).toBe(0);
    expect(received).toBe(await csvText());
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it('follows a symbolic link: the link stays, its target gets the document and keeps its mode', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'matrix.csv');
    // An earlier output (the folder's record lists it, so it may be replaced), its mode changed since.
    expect((await run(['matrix', SITE, '-f', 'md', '-o', target])).code).toBe(0);
    chmodSync(target, 0o640);
    const link = join(dir, 'latest.csv');
    symlinkSync('real/matrix.csv', link);
    const r = await run(['matrix', SITE, '-o', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real/matrix.csv');
    expect(readFileSync(target, 'utf8')).toBe(await csvText());
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect([...leftovers(dir), ...leftovers(join(dir, 'real'))]).toEqual([]);
    // A link to a device: written through, the link and the device both stay.
    const toNull = join(dir, 'null.csv');
    symlinkSync('/dev/null', toNull);
    expect((await run(['matrix', SITE, '-o', toNull])).code).toBe(0);
    expect(readlinkSync(toNull)).toBe('/dev/null');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('refuses a path that ends with "/" (a folder), for every single-file command, and creates nothing', async () => {
    const dir = tmp();
    for (const args of [
      ['matrix', SITE, '-f', 'csv'],
      ['audit', SITE],
      ['policy', 'export', SITE, '--from-flows'],
    ]) {
      const path = join(dir, 'new-folder/');
      const r = await run([...args, '-o', path]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(
        cannot(
          path,
          'it ends with a "/": a folder, not a file',
          'name the file inside it (-o DIR/NAME), or leave out the "/"',
        ),
      );
    }
    const findings = join(dir, 'findings/');
    const g = await run(['generate', SITE, '--findings', findings]);
    expect(g.code).toBe(2);
    expect(g.err).toContain(`cannot write ${findings}: it ends with a "/"`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a link to nothing, a directory, a socket, and a block device', async () => {
    const dir = tmp();
    const dangling = join(dir, 'gone.csv');
    symlinkSync(join(dir, 'missing.csv'), dangling);
    expect(await run(['matrix', SITE, '-o', dangling])).toMatchObject({
      code: 2,
      err: cannot(
        dangling,
        'it is a symbolic link to a file that does not exist',
        'remove the link or create its target',
      ),
    });
    expect(readdirSync(dir)).toEqual(['gone.csv']);
    expect(await run(['matrix', SITE, '-f', 'csv', '-o', dir])).toMatchObject({
      code: 2,
      err: cannot(
        dir,
        'it is a directory',
        'a document is written to a file: name one inside the folder (-o DIR/NAME), or move the folder away',
      ),
    });
    const socket = join(dir, 'sock');
    execFileSync('python3', ['-c', `import socket; socket.socket(socket.AF_UNIX).bind(${JSON.stringify(socket)})`]);
    expect(await run(['matrix', SITE, '-f', 'csv', '-o', socket])).toMatchObject({
      code: 2,
      err: cannot(
        socket,
        'it is a socket, which cannot be opened as a file',
        'write to a file, a pipe or a device, or leave out -o to print to standard output',
      ),
    });
    expect(lstatSync(socket).isSocket()).toBe(true);
    const disk = readdirSync('/dev').find((d) => statSync(join('/dev', d), { throwIfNoEntry: false })?.isBlockDevice());
    if (disk) {
      const path = join('/dev', disk);
      expect(await run(['matrix', SITE, '-f', 'csv', '-o', path])).toMatchObject({
        code: 2,
        err: cannot(path, 'it is a block device', 'write documents to a file, never onto a disk'),
      });
    }
  });
});

describe('an output that is an input of the run is refused', () => {
  /** The example site beside its own copy of the Hamilton catalog, so both may be aimed at. */
  function siteDir(): { dir: string; site: string; catalog: string } {
    const dir = tmp();
    const site = join(dir, 'site.yaml');
    writeFileSync(site, readFileSync(SITE, 'utf8').replace(/catalog: hamilton\b/, 'catalog: ./hamilton.yaml'));
    copyFileSync('catalogs/hamilton.yaml', join(dir, 'hamilton.yaml'));
    return { dir, site, catalog: join(dir, 'hamilton.yaml') };
  }
  const reads = (what: string, path?: string) => `it is the ${what} this run reads${path ? ` (${path})` : ''}`;

  it('by path, by hard link and through a symbolic link, for matrix, audit, generate and policy export', async () => {
    const { dir, site, catalog } = siteDir();
    const siteBytes = readFileSync(site, 'utf8');
    const catalogBytes = readFileSync(catalog, 'utf8');
    expect((await run(['validate', site])).code).toBe(0);
    const hard = join(dir, 'hard.md');
    linkSync(site, hard);
    const soft = join(dir, 'soft.csv');
    symlinkSync('hamilton.yaml', soft);
    const cases: [string[], string, string][] = [
      [['matrix', site, '-f', 'csv', '-o', site], site, reads('site file')],
      [['matrix', site, '-o', hard], hard, reads('site file', site)],
      [['matrix', site, '-o', soft], soft, reads('catalog file', catalog)],
      [['audit', site, '-f', 'json', '-o', catalog], catalog, reads('catalog file')],
      [['generate', site, '--findings', site], site, reads('site file')],
      [['policy', 'export', site, '--from-flows', '-o', site], site, reads('site file')],
    ];
    for (const [args, path, reason] of cases) {
      const r = await run(args);
      expect(r, args.join(' ')).toMatchObject({
        code: 2,
        err: expect.stringContaining(cannot(path, reason, 'write the output elsewhere')),
      });
    }
    expect(readFileSync(site, 'utf8')).toBe(siteBytes);
    expect(readFileSync(catalog, 'utf8')).toBe(catalogBytes);
    expect(leftovers(dir)).toEqual([]);
  });

  it('policy import rewrites the site it is given, through a link too: the link stays a link', async () => {
    const { dir, site } = siteDir();
    const csv = join(dir, 'policy.csv');
    expect((await run(['policy', 'export', site, '--from-flows', '-o', csv])).code).toBe(0);
    const link = join(dir, 'current.yaml');
    symlinkSync('site.yaml', link);
    const r = await run(['policy', 'import', csv, '--site', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(site, 'utf8')).toMatch(/^policy:/m);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('a large text is written in slices', () => {
  it('byte for byte, a surrogate pair at every slice edge kept whole', async () => {
    const { writeOutputs } = await import('../../src/cli/output/write.js');
    const dir = mkdtempSync(join(tmpdir(), 'fm-slices-'));
    try {
      // 2^18 units per slice: pairs placed so that one straddles each edge, with ASCII and accents between.
      const unit = `${'a'.repeat((1 << 18) - 1)}😀é`;
      const text = unit.repeat(5);
      const path = join(dir, 'big.txt');
      await writeOutputs([{ path, content: text }]);
      expect(readFileSync(path)).toEqual(Buffer.from(text, 'utf8'));
      expect(readFileSync(path, 'utf8')).not.toContain('\ufffd');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiles } from '../../bench/synthetic.js';
import { repoRoot } from '../support/catalogs.js';
import { commandWorks, isRoot } from '../support/system.js';

/**
 * What only a real process shows: standard output closing or filling up under the CLI, `-o /dev/stdout`, a
 * read-only file system, and a run interrupted by a signal while it writes.
 */

const SITE = 'examples/hamilton-site.yaml';
const tmp = () => mkdtempSync(join(tmpdir(), 'flowmatrix-output-process-'));

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

/** The CLI from the sources in a child process; `stdout` is where its standard output goes (a pipe by default). */
function cli(args: string[], stdout: 'pipe' | number = 'pipe'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx/esm', 'src/cli/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', stdout, 'pipe'],
  });
}

function ended(child: ChildProcess): Promise<Ended> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, out, err })));
}

/** A synthetic site of `flows` flows in its own folder: large documents (several MiB of CSV, tens of JSON). */
function bigSite(flows: number): string {
  const dir = tmp();
  const files = syntheticFiles(flows);
  writeFileSync(join(dir, 'synthetic.yaml'), files.catalog);
  writeFileSync(join(dir, 'site.yaml'), files.site);
  return join(dir, 'site.yaml');
}

let big: string;
let medium: string;
beforeAll(() => {
  big = bigSite(10_000);
  medium = bigSite(2_000);
});

describe('standard output', () => {
  it('a reader that leaves early (| head -c1): exit 2 and the reason, not exit 0', async () => {
    for (const format of ['csv', 'json', 'html']) {
      const child = cli(['matrix', medium, '-f', format]);
      const result = ended(child);
      // Read one chunk, then close the reading end, as `head -c1` does.
      child.stdout?.once('data', () => child.stdout?.destroy());
      const r = await result;
      expect(r.code, format).toBe(2);
      expect(r.err).toBe(
        'flowmatrix: cannot write standard output: the reader closed the pipe — the command reading the output stopped early: the output is incomplete\n',
      );
    }
  });

  it('a full device (> /dev/full): exit 2 and the reason', async () => {
    for (const args of [
      ['matrix', SITE, '-f', 'md'],
      ['audit', SITE],
      ['generate', SITE],
    ]) {
      const full = openSync('/dev/full', 'w');
      const r = await ended(cli(args, full));
      closeSync(full);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(
        'flowmatrix: cannot write standard output: no space left on the device — free some space or write elsewhere (-o PATH)\n',
      );
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('-o /dev/stdout writes into the pipe or the file standard output is, and replaces neither', async () => {
    // A shell pipe (Node's own 'pipe' is a socket pair, which cannot be opened by path).
    const node = `${process.execPath} --import tsx/esm src/cli/main.ts`;
    const piped = await ended(
      spawn('bash', ['-c', `set -o pipefail; ${node} matrix ${SITE} -f csv -o /dev/stdout | cat`], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    expect(piped.code).toBe(0);
    const expected = (await ended(cli(['matrix', SITE, '-f', 'csv']))).out;
    expect(piped.out).toBe(expected);
    const dir = tmp();
    const file = join(dir, 'redirected.csv');
    const fd = openSync(file, 'w');
    const r = await ended(cli(['matrix', SITE, '-f', 'csv', '-o', '/dev/stdout'], fd));
    closeSync(fd);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(readdirSync(dir)).toEqual(['redirected.csv']);
  });
});

describe('a read-only file system', () => {
  const skip = !isRoot() || !commandWorks('unshare', ['--version']) ? 'needs root and unshare' : undefined;
  it.skipIf(skip)('is named as such (EROFS), in a mount namespace of its own', async () => {
    const dir = tmp();
    const node = `${process.execPath} --import tsx/esm src/cli/main.ts`;
    const script = `mount -t tmpfs -o ro tmpfs ${dir} && ${node} matrix ${SITE} -f csv -o ${dir}/m.csv`;
    const r = await ended(
      spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `flowmatrix: cannot write ${dir}/m.csv: the file system is read-only — write elsewhere (-o PATH)\n`,
    );
  });
});

describe('a run interrupted while it writes', () => {
  /** Starts writing `big` as JSON into a fresh folder and sends `signal` once the temporary file exists. */
  async function interrupt(signal: NodeJS.Signals): Promise<{ dir: string; r: Ended; seen: string[] }> {
    const dir = tmp();
    const child = cli(['matrix', big, '-f', 'json', '-o', join(dir, 'm.json')]);
    const result = ended(child);
    let seen: string[] = [];
    // Bounded: 30 s at 5 ms steps, which the render of 10k flows is well within.
    for (let i = 0; i < 6000 && seen.length === 0 && child.exitCode === null; i++) {
      await new Promise((t) => setTimeout(t, 5));
      seen = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    }
    child.kill(signal);
    return { dir, r: await result, seen };
  }

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    '%s: the temporary file is removed, nothing is left',
    async (signal) => {
      const { dir, r, seen } = await interrupt(signal);
      expect(seen).toHaveLength(1);
      expect(r.signal).toBe(signal);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('the check is real: a process killed outright (SIGKILL) cannot clean, and leaves its temporary file', async () => {
    const { dir, r, seen } = await interrupt('SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    expect(readdirSync(dir)).toEqual(seen);
    expect(existsSync(join(dir, 'm.json'))).toBe(false);
    execFileSync('rm', ['-rf', dir]);
  });
});

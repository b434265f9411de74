import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/catalogs.js';

const exec = promisify(execFile);

// A module loader hook that writes down every module the CLI loads, in a child process running the sources.
const tracer = mkdtempSync(join(tmpdir(), 'flowmatrix-trace-'));
writeFileSync(
  join(tracer, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  appendFileSync(process.env.FLOWMATRIX_TRACE, url + '\\n');
  return loaded;
}
`,
);
// CommonJS modules loaded by require() (not seen by the hook) are in require.cache at exit.
writeFileSync(
  join(tracer, 'register.mjs'),
  `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
register(${JSON.stringify(pathToFileURL(join(tracer, 'hooks.mjs')).href)});
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  appendFileSync(process.env.FLOWMATRIX_TRACE, Object.keys(cache).map((p) => pathToFileURL(p).href + '\\n').join(''));
});
`,
);

let runs = 0;
/** The modules (paths relative to the repository) the CLI loads for these arguments; it must exit with `code`. */
async function modulesLoadedFor(args: string[], code = 0): Promise<string[]> {
  const trace = join(tracer, `trace-${runs++}.txt`);
  writeFileSync(trace, '');
  const exit = await exec(
    process.execPath,
    ['--import', 'tsx/esm', '--import', pathToFileURL(join(tracer, 'register.mjs')).href, 'src/cli/main.ts', ...args],
    { cwd: repoRoot, env: { ...process.env, FLOWMATRIX_TRACE: trace } },
  ).then(
    () => 0,
    (e: { code?: unknown; stderr?: string }) => `${e.code}: ${e.stderr}`,
  );
  // Exit 0, or the expected code (2 for a broken file): a run that failed otherwise traced the wrong thing.
  expect(exit === 0 ? 0 : Number.parseInt(String(exit), 10), `${args.join(' ')} → ${exit}`).toBe(code);
  const root = pathToFileURL(repoRoot).href;
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith(root))
    .map((u) => u.slice(root.length).replace(/^\/+/, ''));
}

/** What a command's code needs, and `--help` or `--version` must not load. */
const HEAVY = [
  /^src\/(catalog|matrix|targets|audit|render|net)\//,
  /^src\/cli\/actions\//,
  /^src\/model\/(text|catalog|site)\.ts$/, // the zod schemas
  /^node_modules\/(zod|yaml|js-yaml|cli-progress)\//,
];
const heavy = (modules: string[]) => modules.filter((m) => HEAVY.some((h) => h.test(m)));

describe('flowmatrix start-up', () => {
  it('loads only the command line for --help, --version and a command’s --help', async () => {
    const [help, version, generateHelp, validate, broken] = await Promise.all([
      modulesLoadedFor(['--help']),
      modulesLoadedFor(['--version']),
      modulesLoadedFor(['generate', '--help']),
      modulesLoadedFor(['validate', 'examples/hamilton-site.yaml']),
      modulesLoadedFor(['validate', 'test/fixtures/broken/catalog-bad-enum.yaml'], 2),
    ]);
    // The trace sees modules: a command that runs loads its code, the schemas and the YAML reader.
    expect(validate).toContain('src/cli/actions/validate.ts');
    expect(heavy(validate)).toEqual(expect.arrayContaining(['src/model/site.ts']));
    expect(validate.some((m) => m.startsWith('node_modules/zod/'))).toBe(true);
    // …and only its own: validating needs neither the renderers nor the other commands. It asks the targets what
    // they would refuse (unknown platforms, interface names), so that generate accepts what validate accepts.
    expect(validate.filter((m) => /^src\/(render|cli\/actions\/(?!validate))/.test(m))).toEqual([]);
    // A valid file is read by the fast reader: `yaml`, which positions problems, is not loaded; it is for a broken one.
    expect(validate.filter((m) => m.startsWith('node_modules/yaml/'))).toEqual([]);
    expect(broken.some((m) => m.startsWith('node_modules/yaml/'))).toBe(true);
    expect(help).toContain('src/cli/program.ts');
    expect(heavy(help)).toEqual([]);
    expect(heavy(version)).toEqual([]);
    expect(heavy(generateHelp)).toEqual([]);
  }, 60_000);
});

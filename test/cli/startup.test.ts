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
writeFileSync(
  join(tracer, 'register.mjs'),
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(tracer, 'hooks.mjs')).href)});\n`,
);

let runs = 0;
/** The modules (paths relative to the repository) the CLI loads for these arguments. */
async function modulesLoadedFor(args: string[]): Promise<string[]> {
  const trace = join(tracer, `trace-${runs++}.txt`);
  writeFileSync(trace, '');
  await exec(
    process.execPath,
    ['--import', 'tsx/esm', '--import', pathToFileURL(join(tracer, 'register.mjs')).href, 'src/cli/main.ts', ...args],
    { cwd: repoRoot, env: { ...process.env, FLOWMATRIX_TRACE: trace } },
  );
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
    const [help, version, generateHelp, validate] = await Promise.all([
      modulesLoadedFor(['--help']),
      modulesLoadedFor(['--version']),
      modulesLoadedFor(['generate', '--help']),
      modulesLoadedFor(['validate', 'examples/hamilton-site.yaml']),
    ]);
    // The trace sees modules: a command that runs loads its code, the schemas and the YAML reader.
    expect(validate).toContain('src/cli/actions/validate.ts');
    expect(heavy(validate)).toEqual(expect.arrayContaining(['src/model/site.ts']));
    expect(validate.some((m) => m.startsWith('node_modules/zod/'))).toBe(true);
    // …and only its own: validating needs neither the targets, the renderers nor the other commands.
    expect(validate.filter((m) => /^src\/(targets|render|cli\/actions\/(?!validate))/.test(m))).toEqual([]);
    expect(help).toContain('src/cli/program.ts');
    expect(heavy(help)).toEqual([]);
    expect(heavy(version)).toEqual([]);
    expect(heavy(generateHelp)).toEqual([]);
  }, 60_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/targets/index.js';
import { run } from '../cli/run.js';
import { exampleMatrix } from '../targets/support/examples.js';

/**
 * Progress of `flowmatrix verify`: rows checked, then the configuration's rules. On a terminal a bar (cli-progress,
 * drawn on the process's stderr); not interactive, nothing, unless FLOWMATRIX_PROGRESS=1 asks for one line a step.
 */
const SITE = 'lync-2013-edge-site';
const FIREWALL = 'fw-internal';
const config = join(mkdtempSync(join(tmpdir(), 'fm-verify-progress-')), `${FIREWALL}.nft`);
const matrix = exampleMatrix(SITE);
const out = generate(matrix, { firewall: FIREWALL });
if (!out.ok) throw new Error(out.issues.map((i) => i.message).join('\n'));
writeFileSync(config, out.value.artifacts.map((a) => a.content).join('\n'));
/** The matrix rules through the firewall (row, leg, hop): what verify checks one by one. */
const rules = matrix.rows
  .filter((r) => r.kind === 'network')
  .flatMap((r) => r.legs.flatMap((l) => l.hops.filter((h) => h.firewall === FIREWALL))).length;
const args = ['verify', `examples/${SITE}.yaml`, '--firewall', FIREWALL, '--config', config];

describe('verify progress', () => {
  it('prints nothing but the counts when not interactive', async () => {
    const r = await run(args);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe(`${rules} permitted, 0 partly permitted, 0 denied, 0 indeterminate\n`);
  });

  it('with FLOWMATRIX_PROGRESS=1, one line per step: rows checked, then the rules', async () => {
    const r = await run(args, { FLOWMATRIX_PROGRESS: '1' });
    expect(r.code, r.err).toBe(0);
    const steps = r.err.split('\n').filter((l) => /^\[\d+\/\d+\] /.test(l));
    const rows = steps.filter((l) => / rows? checked$/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(20);
    // Counts rise to the total, the step numbers too, and the last step checks the configuration's rules.
    const counts = rows.map((l) => Number(/: (\d+)\/(\d+) row/.exec(l)?.[1]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(rows.at(-1)).toContain(`: ${rules}/${rules} rows checked`);
    expect(steps.at(-1)).toMatch(
      new RegExp(`^\\[(\\d+)/\\1\\] ${FIREWALL}: ${rules} rows checked, checking \\d+ rules$`),
    );
  });

  it('matrix --verify shows one step per firewall verified, in its own progress', async () => {
    const r = await run(['matrix', `examples/${SITE}.yaml`, '-f', 'md', '--verify', `${FIREWALL}=${config}`], {
      FLOWMATRIX_PROGRESS: '1',
    });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^\[1\/4\] load \+ resolve\n\[2\/4\] verify fw-internal\n/);
    expect(r.err).not.toMatch(/rows? checked/);
  });
});

describe('verify progress on a terminal', () => {
  it('draws a bar on stderr, rows then rules', async () => {
    const { runCli } = await import('../../src/cli/program.js');
    const { repoRoot } = await import('../support/catalogs.js');
    const { vi } = await import('vitest');
    const drawn: string[] = [];
    const wasTty = process.stderr.isTTY;
    // cli-progress draws only on a terminal: the test's stderr is made to look like one, its writes captured.
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      drawn.push(String(chunk));
      return true;
    });
    let err = '';
    try {
      const code = await runCli(args, {
        cwd: repoRoot,
        env: { NO_COLOR: '1' },
        out: () => {},
        err: (s) => {
          err += s;
        },
        interactive: true,
      });
      expect(code, err).toBe(0);
    } finally {
      write.mockRestore();
      Object.defineProperty(process.stderr, 'isTTY', { value: wasTty, configurable: true });
    }
    const text = drawn.join('');
    expect(text).toMatch(/rows checked/);
    expect(text).toMatch(/checking \d+ rules/);
    expect(text + err).not.toContain('(s)');
    // The counts stay on the command's own stderr, after the bar is gone.
    expect(err).toMatch(new RegExp(`${rules} permitted, 0 partly permitted, 0 denied, 0 indeterminate`));
  });
});

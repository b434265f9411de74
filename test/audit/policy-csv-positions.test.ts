import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

describe('policy import: each bad cell at its line and column', () => {
  it('access type, service (in a quoted cell) and severity, all at once, exit 2', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'fm-policy-')), 'policy.csv');
    writeFileSync(
      csv,
      [
        'From zone,To zone,Severity,Access Type,Services',
        'lan,dmz,high,Allowed,tcp/443',
        'lan,dmz,high,allow only,"tcp/443;tcp/99999"',
        'lan,dmz,extreme,allow only,tcp/443',
        '',
      ].join('\r\n'),
    );
    const r = await run(['policy', 'import', csv]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${csv}:2:14: unknown access type "Allowed" — one of allow all, block all`);
    expect(r.err).toContain(`${csv}:3:25: service "tcp/99999": `);
    expect(r.err).toContain(
      `${csv}:4:9: unknown severity "extreme" — one of info, low, medium, high, critical (empty: high)`,
    );
    expect(r.out).toBe('');
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { tempDir } from './support.js';

describe('import table summary', () => {
  it('says "1 flow, 2 roles" with plural agreement', async () => {
    const dir = tempDir('count');
    const csv = join(dir, 'one.csv');
    writeFileSync(csv, 'Source;Destination;Protocole;Port\n10.1.1.10;172.16.50.10;TCP;443\n');
    const r = await run(['import', 'table', csv, '-o', dir]);
    expect(r.err).toMatch(/^1 flow, 2 roles$/m);
  });
});

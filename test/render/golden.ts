import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

const dir = new URL('./golden/', import.meta.url).pathname;

/** Compares with `test/render/golden/<name>`; `UPDATE_GOLDEN=1` rewrites the file instead. A missing file fails. */
export function expectGolden(name: string, actual: string): void {
  const path = `${dir}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

import { expectGolden as expectGoldenFile } from '../support/golden.js';

const dir = new URL('./golden/', import.meta.url).pathname;

/** Compares with `test/render/golden/<name>` (see test/support/golden.ts). */
export const expectGolden = (name: string, actual: string): void => expectGoldenFile(`${dir}${name}`, actual);

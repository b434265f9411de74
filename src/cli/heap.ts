import { setFlagsFromString } from 'node:v8';

/**
 * Flows above which a command lets its heap grow by 30 % past what a full garbage collection found alive, instead
 * of V8's default of up to ~4× on a large machine. With the default, the collection that runs while a 100k-flow
 * site is resolved (~210 MiB alive) lets the heap reach ~1 GiB before the next one; the peak is set by that, not by
 * what is alive (~430 MiB while printing). Measured on `generate` at 100k Aerleon terms (bench/README.md, "Generate
 * speed and memory"): peak 1,047–1,150 → 866–950 MiB for ~15–25 % more CPU; below the threshold nothing changes (at
 * 10k the same setting costs ~6 % and saves nothing).
 */
export const TIGHT_HEAP_FLOWS = 50_000;

/** The V8 flag a command of `flows` flows runs with, if any: none when node was already given one. */
export function heapGrowthFlag(flows: number, nodeArgs: readonly string[]): string | undefined {
  if (flows < TIGHT_HEAP_FLOWS) return undefined;
  if (nodeArgs.some((a) => a.includes('heap-growing-percent'))) return undefined;
  return '--heap-growing-percent=30';
}

/** Applied before the matrix is built (`loadMatrix`): the garbage collector reads the flag at each collection. */
export function tightenHeapFor(flows: number): void {
  const flag = heapGrowthFlag(flows, [...process.execArgv, process.env.NODE_OPTIONS ?? '']);
  if (flag) setFlagsFromString(flag);
}

/**
 * `target.push(...items)` passes every item as an argument: past ~100k items (a large matrix) the call stack
 * overflows. This appends any number of items.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i] as T);
  return target;
}

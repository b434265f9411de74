/**
 * Which lines of OLD stay in place in NEW. Lines are matched by identical text, each OLD line at most once, then
 * only the longest run that keeps OLD's order is kept (a longest increasing subsequence, O(n log n)): a kept line is
 * never moved, so the delta is deletions of the others, then insertions at their NEW places.
 */
export function alignLines(
  before: readonly string[],
  after: readonly string[],
): { keptOld: boolean[]; keptNew: boolean[] } {
  const positions = new Map<string, number[]>();
  for (let i = before.length - 1; i >= 0; i--) {
    const line = before[i] as string;
    const list = positions.get(line);
    if (list) list.push(i);
    else positions.set(line, [i]);
  }
  // Pairs (new index, old index), old indices taken first to last for each text.
  const newIdx: number[] = [];
  const oldIdx: number[] = [];
  after.forEach((line, j) => {
    const i = positions.get(line)?.pop();
    if (i === undefined) return;
    newIdx.push(j);
    oldIdx.push(i);
  });
  const keep = longestIncreasing(oldIdx);
  const keptOld = before.map(() => false);
  const keptNew = after.map(() => false);
  for (const p of keep) {
    keptOld[oldIdx[p] as number] = true;
    keptNew[newIdx[p] as number] = true;
  }
  return { keptOld, keptNew };
}

/** Indices (into `values`) of one longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []; // index into values of the smallest tail of each length
  const previous = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length > 0 ? (tails[tails.length - 1] as number) : -1; i >= 0; i = previous[i] as number)
    out.push(i);
  return out.reverse();
}

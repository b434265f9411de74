/**
 * Line diff of two texts (Myers' O(ND) algorithm), for the YAML of two versions. Bounded: past `maxEdits` edits
 * the texts are shown as all removed then all added, which is still true, only less helpful.
 */

export type DiffLine =
  | { readonly op: 'same'; readonly text: string; readonly oldLine: number; readonly newLine: number }
  | { readonly op: 'del'; readonly text: string; readonly oldLine: number }
  | { readonly op: 'add'; readonly text: string; readonly newLine: number };

const splitLines = (t: string): string[] => (t === '' ? [] : t.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n'));

export function diffLines(oldText: string, newText: string, maxEdits = 4000): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // Common head and tail first: most versions differ in a few places.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: 'same', text: a[i] as string, oldLine: i + 1, newLine: i + 1 });
  for (const step of middle(midA, midB, maxEdits)) {
    if (step.op === 'same')
      out.push({ op: 'same', text: step.text, oldLine: head + step.i + 1, newLine: head + step.j + 1 });
    else if (step.op === 'del') out.push({ op: 'del', text: step.text, oldLine: head + step.i + 1 });
    else out.push({ op: 'add', text: step.text, newLine: head + step.j + 1 });
  }
  for (let k = tail; k > 0; k--) {
    out.push({ op: 'same', text: a[a.length - k] as string, oldLine: a.length - k + 1, newLine: b.length - k + 1 });
  }
  return out;
}

type Step = { op: 'same' | 'del' | 'add'; text: string; i: number; j: number };

function middle(a: readonly string[], b: readonly string[], maxEdits: number): Step[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) {
    return [
      ...a.map((text, i) => ({ op: 'del' as const, text, i, j: 0 })),
      ...b.map((text, j) => ({ op: 'add' as const, text, i: 0, j })),
    ];
  }
  // Walk the trace back from (n, m).
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] as number) < (vd[offset + k + 1] as number));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      steps.push({ op: 'same', text: a[x] as string, i: x, j: y });
    }
    if (down) {
      y--;
      steps.push({ op: 'add', text: b[y] as string, i: x, j: y });
    } else {
      x--;
      steps.push({ op: 'del', text: a[x] as string, i: x, j: y });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    steps.push({ op: 'same', text: a[x] as string, i: x, j: y });
  }
  return steps.reverse();
}

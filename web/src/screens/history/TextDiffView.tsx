import { useMemo } from 'react';
import { useStrings } from '../common/i18n.ts';
import { diffLines } from '../common/text-diff.ts';
import { historyStrings } from './strings.ts';

/** Lines kept around each change; longer unchanged stretches fold into "…". */
const CONTEXT = 3;

/** The YAML text diff of two versions: removed lines marked −, added +, with both line numbers. */
export function TextDiffView({ before, after, label }: { before: string; after: string; label: string }) {
  const s = useStrings(historyStrings);
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const near = useMemo(() => {
    const keep = new Uint8Array(lines.length);
    lines.forEach((l, i) => {
      if (l.op === 'same') return;
      for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) keep[j] = 1;
    });
    return keep;
  }, [lines]);
  const added = lines.filter((l) => l.op === 'add').length;
  const removed = lines.filter((l) => l.op === 'del').length;
  if (added + removed === 0) return <p>{s.noTextDiff}</p>;
  return (
    <>
      <p>{s.textSummary(added, removed)}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard */}
      <section className="fm-code" tabIndex={0} aria-label={label}>
        <pre data-diff="yaml">
          {lines.map((l, i) => {
            if (!near[i]) {
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
              return i > 0 && near[i - 1] ? <span key={i}>{'   …\n'}</span> : null;
            }
            const oldNo = l.op === 'add' ? '' : String(l.oldLine);
            const newNo = l.op === 'del' ? '' : String(l.newLine);
            const mark = l.op === 'add' ? '+' : l.op === 'del' ? '−' : ' ';
            const word = l.op === 'add' ? s.addedLine : l.op === 'del' ? s.removedLine : s.sameLine;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
              <span key={i} className={`fm-diff-${l.op}`} data-op={l.op}>
                <span className="fm-diff-ln" aria-hidden="true">
                  {oldNo}
                </span>
                <span className="fm-diff-ln" aria-hidden="true">
                  {newNo}
                </span>
                <span className="fm-diff-op" aria-hidden="true">
                  {mark}
                </span>
                <span className="sr-only">{`${word} `}</span>
                {l.text}
                {'\n'}
              </span>
            );
          })}
        </pre>
      </section>
    </>
  );
}

import { useMemo } from 'react';

/**
 * A text with its line numbers (numbers outside the selection, so copying by hand takes the text only). The
 * block is focusable, so a keyboard user can scroll it; `highlight` marks lines in words too (aria-current).
 */
export function CodeView({ text, label, highlight }: { text: string; label: string; highlight?: number }) {
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n'), [text]);
  const width = String(lines.length).length;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard
    <section className="fm-code" tabIndex={0} aria-label={label}>
      <pre>
        {lines.map((line, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
            key={i}
            className={i + 1 === highlight ? 'fm-line fm-line-current' : 'fm-line'}
            id={`L${i + 1}`}
            {...(i + 1 === highlight ? { 'aria-current': 'true' as const } : {})}
          >
            <span className="fm-ln" aria-hidden="true">
              {String(i + 1).padStart(width, ' ')}
            </span>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
    </section>
  );
}

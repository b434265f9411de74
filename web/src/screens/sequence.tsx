import type { Text } from '../api-types.ts';
import { pick, useLocale } from '../i18n.ts';
import { colon } from './common/typography.ts';

interface Step {
  from: string;
  to: string;
  flow?: string;
  label: Text;
}

/**
 * A scenario as a sequence diagram: a lifeline per role, an arrow per step, numbered. SVG built from React elements
 * (names stay text); the ordered list beside it is the accessible twin.
 */
export function SequenceDiagram({ steps, title }: { steps: Step[]; title: string }) {
  const locale = useLocale();
  const actors = [...new Set(steps.flatMap((s) => [s.from, s.to]))];
  const colW = 150;
  const rowH = 34;
  const width = actors.length * colW;
  const height = 50 + steps.length * rowH + 10;
  const x = (a: string) => actors.indexOf(a) * colW + colW / 2;
  return (
    <div className="sequence">
      <svg width={width} height={height} role="img" aria-label={title}>
        <defs>
          <marker id="arrow" markerWidth="8" markerHeight="8" refX="8" refY="4" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill="#1a1a1a" />
          </marker>
        </defs>
        {actors.map((a) => (
          <g key={a}>
            <text x={x(a)} y={20} textAnchor="middle" fontWeight="bold">
              {a}
            </text>
            <line x1={x(a)} y1={28} x2={x(a)} y2={height - 5} stroke="#888" strokeDasharray="4 3" />
          </g>
        ))}
        {steps.map((s, i) => {
          const y = 50 + i * rowH;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are ordered and have no id
            <g key={i}>
              <line x1={x(s.from)} y1={y} x2={x(s.to)} y2={y} stroke="#1a1a1a" markerEnd="url(#arrow)" />
              <text x={(x(s.from) + x(s.to)) / 2} y={y - 5} textAnchor="middle">
                {`${i + 1}. ${pick(s.label, locale)}`}
              </text>
            </g>
          );
        })}
      </svg>
      <ol>
        {steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are ordered and have no id
          <li key={i}>
            {s.from} → {s.to}
            {colon(locale)} {pick(s.label, locale)}
            {s.flow ? ` (${s.flow})` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}

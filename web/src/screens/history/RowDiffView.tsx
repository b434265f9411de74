import { CLASS_LABELS, DIFF_WORDS, FIELD_LABELS } from '../../../../src/diff/labels.ts';
import type { ChangeClass, DiffField } from '../../../../src/diff/types.ts';
import { useLang, useStrings } from '../common/i18n.ts';
import type { DiffJson } from '../common/types.ts';
import { textOf } from '../common/types.ts';
import { colon } from '../common/typography.ts';
import { historyStrings } from './strings.ts';

/** A mark per class beside its word (opened +, closed −…), so the class is never told by colour alone. */
const CLASS_MARK: Record<ChangeClass, string> = {
  opened: '+',
  closed: '−',
  weakened: '⚠',
  widened: '⇔',
  moved: '↷',
  narrowed: '⇥',
  security: '🔒',
  text: '¶',
};

const classLabel = (c: string, lang: 'fr' | 'en'): string => CLASS_LABELS[c as ChangeClass]?.[lang] ?? c;
const fieldLabel = (f: string, lang: 'fr' | 'en'): string => FIELD_LABELS[f as DiffField]?.[lang] ?? f;

/** The product's diff of two matrices: counts by class, then each changed row field by field. */
export function RowDiffView({ diff }: { diff: DiffJson }) {
  const s = useStrings(historyStrings);
  const lang = useLang();
  const counted = Object.entries(diff.counts).filter(([, n]) => n > 0);
  return (
    <div className="fm-report" data-report="diff">
      <ul className="fm-counts" aria-label={DIFF_WORDS.counts[lang]}>
        {counted.map(([c, n]) => (
          <li key={c} data-class={c}>
            <span aria-hidden="true">{CLASS_MARK[c as ChangeClass] ?? ''}</span> {classLabel(c, lang)}
            {colon(lang)} <strong>{n}</strong>
          </li>
        ))}
        <li>
          {diff.unchanged} {DIFF_WORDS.unchanged[lang]}
        </li>
      </ul>
      {diff.changes.length === 0 ? (
        <p>{DIFF_WORDS.noChange[lang]}</p>
      ) : (
        <table className="data">
          <caption className="sr-only">{s.changes}</caption>
          <thead>
            <tr>
              <th scope="col">{DIFF_WORDS.class[lang]}</th>
              <th scope="col">{s.flow}</th>
              <th scope="col">{s.between}</th>
              <th scope="col">{DIFF_WORDS.field[lang]}</th>
              <th scope="col">{DIFF_WORDS.before[lang]}</th>
              <th scope="col">{DIFF_WORDS.after[lang]}</th>
            </tr>
          </thead>
          <tbody>
            {diff.changes.map((c) =>
              (c.fields.length ? c.fields : [undefined]).map((f, i) => (
                <tr key={`${c.key}-${f?.field ?? ''}`} data-class={c.classes[0]}>
                  {i === 0 ? (
                    <>
                      <td rowSpan={Math.max(1, c.fields.length)}>
                        {c.classes
                          .map((k) => `${CLASS_MARK[k as ChangeClass] ?? ''} ${classLabel(k, lang)}`)
                          .join(', ')}
                      </td>
                      <td rowSpan={Math.max(1, c.fields.length)} className="fm-wrap">
                        {c.catalog}/{c.flow} <span className="muted">({c.ref})</span>
                      </td>
                      <td rowSpan={Math.max(1, c.fields.length)} className="fm-wrap">
                        {c.source} → {c.destination}
                      </td>
                    </>
                  ) : null}
                  <td>{f ? fieldLabel(f.field, lang) : ''}</td>
                  <td className="fm-wrap">
                    {f ? textOf(f.before, lang) : ''}
                    {f?.removed ? (
                      <div>
                        {DIFF_WORDS.removed[lang]}
                        {colon(lang)} {f.removed}
                      </div>
                    ) : null}
                  </td>
                  <td className="fm-wrap">
                    {f ? textOf(f.after, lang) : ''}
                    {f?.added ? (
                      <div>
                        {DIFF_WORDS.added[lang]}
                        {colon(lang)} {f.added}
                      </div>
                    ) : null}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}

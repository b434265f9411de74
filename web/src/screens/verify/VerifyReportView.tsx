import { refIn } from '../../../../src/model/ref.ts';
import { useLang, useStrings } from '../common/i18n.ts';
import type { ConfigLocation, RowVerdict, VerifyItem, VerifyReport } from '../common/types.ts';
import { textOf } from '../common/types.ts';
import { colon } from '../common/typography.ts';
import { SeverityBadge, VerdictBadge } from '../common/ui.tsx';
import { verifyStrings } from './strings.ts';

const VERDICTS: readonly RowVerdict[] = ['permitted', 'partial', 'denied', 'indeterminate'];

/** `fw.nft:12`, or the chain and position when the rule came from no file. */
export const whereText = (l: ConfigLocation): string =>
  l.file !== undefined ? `${l.file}:${l.line ?? 0}` : `${l.chain} #${l.index + 1}`;

function Location({ at }: { at: ConfigLocation | undefined }) {
  const s = useStrings(verifyStrings);
  if (!at) return <span className="muted">{s.defaultPolicy}</span>;
  return (
    <span>
      <code>{whereText(at)}</code>
      {at.text ? (
        <>
          <br />
          <code className="fm-wrap">{at.text}</code>
        </>
      ) : null}
    </span>
  );
}

/** A verify report: each matrix row's verdict and deciding rule, then the configuration's problem rules. */
export function VerifyReportView({ report }: { report: VerifyReport }) {
  const s = useStrings(verifyStrings);
  const lang = useLang();
  const rows = report.items.filter((i) => i.kind === 'row');
  const problems = report.items.filter((i) => i.kind !== 'row');
  return (
    <div className="fm-report" data-report="verify">
      <h3>{s.counts}</h3>
      <ul className="fm-counts">
        {VERDICTS.map((v) => (
          <li key={v}>
            <VerdictBadge verdict={v} />
            {colon(lang)} <strong>{report.counts[v] ?? 0}</strong>
          </li>
        ))}
      </ul>
      <h3>{s.rows}</h3>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{s.verdict}</th>
            <th scope="col">{s.row}</th>
            <th scope="col">{s.decidedBy}</th>
            <th scope="col">{s.details}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one row key may have several legs
            <tr key={`${item.row?.key ?? ''}-${i}`} data-verdict={item.verdict}>
              <td>{item.verdict ? <VerdictBadge verdict={item.verdict} /> : null}</td>
              <td>
                {item.row ? (
                  <>
                    {item.row.catalog}/{item.row.flow} <span className="muted">({refIn(item.row.ref, lang)})</span>
                  </>
                ) : (
                  textOf(item.message, lang)
                )}
              </td>
              <td>
                <Location at={item.locations[0]} />
              </td>
              <td className="fm-wrap">
                <Details item={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{s.configRules}</h3>
      {problems.length === 0 ? (
        <p>{s.noRuleProblems}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{s.problem}</th>
              <th scope="col">{s.where}</th>
              <th scope="col">{s.details}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items are positional in the report
              <tr key={i} data-kind={item.kind}>
                <td>
                  <SeverityBadge severity={item.severity} /> {s.kind[item.kind] ?? item.kind}
                </td>
                <td>
                  <Location at={item.locations[0]} />
                </td>
                <td className="fm-wrap">
                  {textOf(item.message, lang)}
                  <Details item={item} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Details({ item }: { item: VerifyItem }) {
  const lang = useLang();
  if (item.details.length === 0) return null;
  return (
    <ul className="fm-details">
      {item.details.map((d, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: details are positional
        <li key={i}>{textOf(d, lang)}</li>
      ))}
    </ul>
  );
}

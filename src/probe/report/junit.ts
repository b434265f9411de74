import type { Lang } from '../../model/text.js';
import { escapeXml } from '../../util/xml.js';
import { countStatuses, originText, type ProbeReport, probeTarget, titled } from './model.js';

/**
 * One test case per probe: FAIL is a failure, INCONCLUSIVE an error (nothing proves it either way), UNTESTABLE and
 * SKIPPED are skipped, WARN passes with its evidence in system-out.
 */
export function renderJunit(report: ProbeReport, lang: Lang): string {
  const c = countStatuses(report.results);
  const tests = report.results.length;
  const cases = titled(report, lang).map(({ result, title, spec }) => {
    const name = escapeXml(`${title} — ${probeTarget(result)}`);
    const klass = escapeXml(`probe.${report.site}.${result.kind}`);
    const body = escapeXml(
      [result.summary[lang], originText(spec), ...result.evidence.map((e) => `${e.label}: ${e.value}`)]
        .filter(Boolean)
        .join('\n'),
    );
    const time = (result.durationMs / 1000).toFixed(3);
    const open = `    <testcase classname="${klass}" name="${name}" time="${time}">`;
    const message = escapeXml(result.summary[lang]);
    switch (result.status) {
      case 'FAIL':
        return `${open}\n      <failure type="FAIL" message="${message}">${body}</failure>\n    </testcase>`;
      case 'INCONCLUSIVE':
        return `${open}\n      <error type="INCONCLUSIVE" message="${message}">${body}</error>\n    </testcase>`;
      case 'UNTESTABLE':
      case 'SKIPPED':
        return `${open}\n      <skipped message="${escapeXml(`${result.status}: ${result.summary[lang]}`)}"/>\n    </testcase>`;
      default:
        return `${open}\n      <system-out>${escapeXml(`${result.status}\n`)}${body}</system-out>\n    </testcase>`;
    }
  });
  const counts = `tests="${tests}" failures="${c.FAIL}" errors="${c.INCONCLUSIVE}" skipped="${c.UNTESTABLE + c.SKIPPED}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="flowmatrix probe" ${counts}>`,
    `  <testsuite name="${escapeXml(`${report.site} — ${report.source}`)}" ${counts} timestamp="${escapeXml(report.startedAt)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

import type { Lang } from '../../model/text.js';
import type { VerifyReport } from '../report.js';

const xml = (s: string): string =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters; they are dropped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** One test case per matrix row (failed when not permitted) and one per configuration finding. */
export function renderJunit(report: VerifyReport, lang: Lang): string {
  const cases = report.items.map((item) => {
    const name = xml(item.message[lang]);
    const klass = xml(item.kind === 'row' ? `verify.${report.firewall}.rows` : `verify.${report.firewall}.rules`);
    const passed = item.kind === 'row' && item.verdict === 'permitted' && item.details.length === 0;
    if (passed) return `    <testcase classname="${klass}" name="${name}"/>`;
    const body = xml(
      [...item.details.map((d) => d[lang]), ...item.locations.map((l) => l.text ?? '')].filter(Boolean).join('\n'),
    );
    return `    <testcase classname="${klass}" name="${name}">\n      <failure type="${item.severity}" message="${name}">${body}</failure>\n    </testcase>`;
  });
  const failures = report.items.filter(
    (i) => !(i.kind === 'row' && i.verdict === 'permitted' && i.details.length === 0),
  ).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="flowmatrix verify" tests="${report.items.length}" failures="${failures}">`,
    `  <testsuite name="${xml(`${report.site}/${report.firewall}`)}" tests="${report.items.length}" failures="${failures}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

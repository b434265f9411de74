import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { readAsa } from '../../../src/targets/cisco-asa/parse/index.js';

const HEAD = ['ASA Version 9.8(2)', 'interface GigabitEthernet0/0', ' nameif outside', ' security-level 0'];
const errors = (lines: string[]) => {
  const r = readAsa('fw.cfg', lines.join('\n'));
  return r.ok ? [] : r.issues.map(formatIssue);
};

// A capture made with the pager on: the line after the prompt came back indented by the erasing spaces, was read as
// a sub-command of the prompt (a command the reader skips) and the permit it held disappeared without a word.
describe('ASA pager residue in a captured running-config', () => {
  it('"<--- More --->" is an error at its line with the way to capture without it', () => {
    const lines = [
      ...HEAD,
      'access-list OUT extended permit tcp any host 192.0.2.10 eq https',
      '<--- More --->',
      '              access-list OUT extended permit tcp any host 192.0.2.10 eq www',
      'access-group OUT in interface outside',
    ];
    expect(errors(lines)).toEqual([expect.stringMatching(/^fw\.cfg:6:1: .*<--- More --->.* — .*terminal pager 0/)]);
  });

  it('the marker glued to the next command, with its erasing carriage return, is an error too', () => {
    const lines = [...HEAD, ' <--- More --->\r              \r access-group OUT in interface outside'];
    expect(errors(lines)).toEqual([expect.stringMatching(/^fw\.cfg:5:2: .*pager/)]);
  });
});

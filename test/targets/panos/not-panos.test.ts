import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { parsePanosSet, parsePanosXml } from '../../../src/targets/panos/parse/index.js';

// Junos set commands (or a bare <config/>) read as PAN-OS gave no rule and no error: every packet was "denied by
// interzone-default", a verdict on a file that was never a PAN-OS configuration.
describe('a file given as PAN-OS that holds no zone, rule or default rule', () => {
  it('Junos set commands are an error, not an empty rulebase', () => {
    const text = [
      'set system host-name srx',
      'set security zones security-zone trust interfaces ge-0/0/1.0',
      'set security policies from-zone trust to-zone untrust policy p then permit',
    ].join('\n');
    const r = parsePanosSet({ path: 'srx.set', text });
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      expect.stringMatching(/^srx\.set:1:1: no zone, security rule or NAT rule found: not a PAN-OS configuration/),
    ]);
  });

  it('an XML <config> without zones or rules is an error', () => {
    const r = parsePanosXml({ path: 'x.xml', text: '<config version="10.1.0"><mgt-config/></config>' });
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      expect.stringMatching(/^x\.xml:1:1: no zone, security rule/),
    ]);
  });

  it('an empty set file stays an empty policy (what generate writes when it reports every row)', () => {
    expect(parsePanosSet({ path: 'e.set', text: '' }).ok).toBe(true);
  });
});

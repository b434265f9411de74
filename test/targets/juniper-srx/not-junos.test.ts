import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { parseSrxConfig } from '../../../src/targets/juniper-srx/parse/index.js';

// PAN-OS set commands (or any other set-style file) read as Junos gave no policy and no error: every packet was
// "dropped by the default policy", a verdict on a file that was never an SRX configuration.
describe('a file given as SRX that holds no Junos security statement', () => {
  it('PAN-OS set commands are an error, not an empty policy', () => {
    const text = [
      'set deviceconfig system hostname pa-1',
      'set zone trust network layer3 ethernet1/2',
      'set rulebase security rules r1 from trust to untrust source any destination any action allow',
    ].join('\n');
    const r = parseSrxConfig({ path: 'pa.set', text });
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      expect.stringMatching(
        /^pa\.set:1:1: no security or applications statement found: not a Junos SRX configuration — /,
      ),
    ]);
  });

  it('an SRX whose only statements are system ones still reads (no policy: the default applies)', () => {
    const r = parseSrxConfig({
      path: 'srx.set',
      text: 'set system host-name srx\nset security zones security-zone trust',
    });
    expect(r.ok).toBe(true);
  });
});

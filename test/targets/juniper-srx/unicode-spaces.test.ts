import { describe, expect, it } from 'vitest';
import { parseSrxConfig } from '../../../src/targets/juniper-srx/parse/index.js';
import { decision, decisionText } from '../support/decide.js';
import { must } from '../support/verify-round-trip.js';

const SET = [
  'set security zones security-zone trust interfaces ge-0/0/1.0',
  'set security zones security-zone untrust interfaces ge-0/0/0.0',
  'set security policies from-zone untrust to-zone trust policy web match source-address any',
  'set security policies from-zone untrust to-zone trust policy web match destination-address any',
  'set security policies from-zone untrust to-zone trust policy web match application junos-https',
  'set security policies from-zone untrust to-zone trust policy web then permit',
];
const BRACES = `security {
    policies {
        from-zone untrust to-zone trust {
            policy web {
                match {
                    source-address any;
                    destination-address any;
                    application junos-https;
                }
                then {
                    permit;
                }
            }
        }
    }
}`;
const decide = (text: string) =>
  decisionText(
    decision(
      must(parseSrxConfig({ path: 'srx.conf', text })),
      'tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone untrust to-zone trust',
    ),
  );

// A Unicode space (a Windows editor's BOM, a no-break space pasted from a web page) read as an empty word that never
// moved the scan on: verify hung until out of memory.
describe('Junos configuration with Unicode spaces', () => {
  it('reads set commands that start with a byte-order mark, with CRLF line ends', () => {
    expect(decide(`\uFEFF${SET.join('\r\n')}\r\n`)).toBe('accept 3');
  });

  it('reads the brace form with no-break spaces between words', () => {
    expect(decide(BRACES.replace('source-address any', 'source-address\u00a0any'))).toBe('accept 4');
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import { parseSrxConfig } from '../../../src/targets/juniper-srx/parse/index.js';

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
const decide = (text: string) => {
  const r = parseSrxConfig({ path: 'srx.conf', text });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}: ${i.message}`).join('\n'));
  const p = parsePacket('tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone untrust to-zone trust');
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(r.value, p.value);
  return d.kind === 'decided' ? d.action : d.kind;
};

// A Unicode space (a Windows editor's BOM, a no-break space pasted from a web page) read as an empty word that never
// moved the scan on: verify hung until out of memory.
describe('Junos configuration with Unicode spaces', () => {
  it('reads set commands that start with a byte-order mark, with CRLF line ends', () => {
    expect(decide(`\uFEFF${SET.join('\r\n')}\r\n`)).toBe('accept');
  });

  it('reads the brace form with no-break spaces between words', () => {
    expect(decide(BRACES.replace('source-address any', 'source-address\u00a0any'))).toBe('accept');
  });
});

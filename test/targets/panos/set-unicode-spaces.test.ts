import { describe, expect, it } from 'vitest';
import { parsePanosSet } from '../../../src/targets/panos/parse/index.js';
import { decision, decisionText } from '../support/decide.js';
import { must } from '../support/verify-round-trip.js';

const RULES = [
  'set zone trust network layer3 ethernet1/2',
  'set zone untrust network layer3 ethernet1/1',
  'set rulebase security rules r1 from untrust to trust source any destination 192.0.2.10 application any service service-https action allow',
];
const decide = (text: string) =>
  decisionText(
    decision(
      must(parsePanosSet({ path: 'fw.set', text })),
      'tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone untrust to-zone trust',
    ),
  );

// A Unicode space (the BOM a Windows editor writes, a no-break space pasted from a web page) made the tokenizer read
// an empty word without moving on: the loop never ended and the process died out of memory.
describe('PAN-OS set commands with Unicode spaces', () => {
  it('reads a file that starts with a byte-order mark', () => {
    expect(decide(`\uFEFF${RULES.join('\r\n')}\r\n`)).toBe('accept 3');
  });

  it('reads no-break and other Unicode spaces between words as spaces', () => {
    const spaced = RULES.map((l) => l.replace(' source ', '\u00a0source\u2003').replace(' action', '\u3000action'));
    expect(decide(spaced.join('\n'))).toBe('accept 3');
  });
});

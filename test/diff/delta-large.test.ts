import { describe, expect, it } from 'vitest';
import { nftablesDelta } from '../../src/targets/nftables/delta.js';

/** A generated-style nftables file whose forward chain holds `n` accept rules. */
const nft = (n: number): string =>
  [
    'table inet flowmatrix_fw',
    'delete table inet flowmatrix_fw',
    'table inet flowmatrix_fw {',
    '\tchain forward {',
    '\t\ttype filter hook forward priority filter; policy drop;',
    ...Array.from(
      { length: n },
      (_, i) => `\t\tip daddr 10.${i >> 16}.${(i >> 8) & 255}.${i & 255} tcp dport 80 counter accept comment "r${i}"`,
    ),
    '\t}',
    '}',
    '',
  ].join('\n');

describe('an nftables delta of more rules than a call can spread', () => {
  it('removes 150k rules of one chain in one script, and adds them back', () => {
    const gone = nftablesDelta(nft(150_000), nft(0), 'fw');
    expect(gone.counts.rulesRemoved).toBe(150_000);
    expect(gone.content.match(/^delete rule inet flowmatrix_fw forward handle /gm)?.length).toBe(150_000);
    const back = nftablesDelta(nft(0), nft(150_000), 'fw');
    expect(back.counts.rulesAdded).toBe(150_000);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePacket } from '../../../src/ruleset/index.js';
import { parseNftText } from '../../../src/targets/nftables/parse/index.js';
import { fixturesDir, fixturesRequirement } from '../../support/fixtures.js';
import { missing } from '../../support/system.js';

/**
 * Damaged `nft list ruleset` texts never throw nor hang: real listings (read at run time, never copied) cut at
 * many places, with a line removed or a token put in; the reading answers with a ruleset or with issues, at once.
 */
const skip = missing(fixturesRequirement);
const FILES = [
  'nftables/ongy_flat_share_2015.nft',
  'derived/docker_topos4.translated.nft',
  'derived/home_user.iptables-nft.nft',
];
const INSERTS = [
  '{',
  '}',
  ';',
  '"',
  '\\\n',
  '#',
  ' . ',
  ',',
  ' : ',
  ' != ',
  ' vmap ',
  ' { ',
  ' jump ',
  '$x',
  '@s',
  ' set ',
];

/** A fixed series of damaged copies: cut at, a token put in at, or the line of every k-th character removed. */
function* damaged(text: string, count: number): Generator<[string, string]> {
  const step = Math.max(1, Math.floor(text.length / count));
  for (let at = 0, k = 0; at < text.length; at += step, k++) {
    yield [`cut at ${at}`, text.slice(0, at)];
    const insert = INSERTS[k % INSERTS.length] as string;
    yield [`${JSON.stringify(insert)} at ${at}`, text.slice(0, at) + insert + text.slice(at)];
    const start = text.lastIndexOf('\n', at) + 1;
    const end = text.indexOf('\n', at);
    yield [`line at ${at} removed`, text.slice(0, start) + (end < 0 ? '' : text.slice(end + 1))];
  }
}

describe.skipIf(skip)('nftables text: a damaged listing never throws nor hangs', () => {
  const packet = parsePacket('tcp 10.0.0.1:40000 -> 172.17.0.2:80 in eth0 out eth1');
  for (const file of FILES) {
    it(`in ${file}`, () => {
      if (!packet.ok) throw new Error(packet.message);
      const text = readFileSync(`${fixturesDir()}/firewalls/${file}`, 'utf8');
      let tried = 0;
      for (const [what, copy] of damaged(text, 150)) {
        let r: ReturnType<typeof parseNftText> | undefined;
        expect(() => {
          r = parseNftText({ path: file, text: copy });
        }, what).not.toThrow();
        if (r?.ok) expect(() => evaluate(r?.ok ? r.value : (undefined as never), packet.value), what).not.toThrow();
        tried++;
      }
      expect(tried).toBeGreaterThan(300);
    }, 120_000);
  }
});

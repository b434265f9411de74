import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { nftables } from '../../../src/targets/nftables/index.js';
import { parseNftJson, parseNftText, readNftJson, readNftText } from '../../../src/targets/nftables/parse/index.js';
import { verifyFirewall } from '../../../src/verify/index.js';
import { fixturesDir, missing, requirements } from '../../support/system.js';
import { EXAMPLES, exampleMatrix, generated } from '../support/examples.js';

const must = <T>(r: { ok: true; value: T } | { ok: false; issues: { message: string; line?: number }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}: ${i.message}`).join('\n'));
  return r.value;
};
const opaqueRules = (rs: Ruleset) => Object.values(rs.chains).flatMap((c) => c.rules.filter((r) => r.opaque?.length));

describe('our own nftables output reads back', () => {
  for (const name of EXAMPLES) {
    const matrix = exampleMatrix(name);
    for (const fw of matrix.firewalls) {
      it(`${name} ${fw.name}: every row permitted, nothing opaque, nothing beyond the matrix`, () => {
        const out = generated(nftables, matrix, fw.name);
        const text = out.artifacts.find((a) => a.path.endsWith('.nft'))?.content;
        expect(text).toBeDefined();
        const rs = must(parseNftText({ path: `${fw.name}.nft`, text: text as string }));
        expect(opaqueRules(rs)).toEqual([]);
        const v = verifyFirewall(matrix, fw.name, rs);
        for (const row of v.rows) {
          if (row.unverifiable.length > 0) continue;
          expect(row.verdict, `${row.rule.id} ${row.reasons.map((r) => r.en).join('; ')}`).toBe('permitted');
        }
        for (const rule of v.rules) expect(rule.beyondMatrix, rule.hit.rule.provenance.text).toBeUndefined();
      });
    }
  }
});

const skip = missing(requirements.fixtures);
const FIREWALLS = join(fixturesDir(), 'firewalls');
const read = (path: string) =>
  path.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8');

describe.skipIf(skip)('real nftables rulesets', () => {
  it('reads the two nftables fixtures with the README counts', () => {
    const ongy = must(readNftText({ path: 'ongy', text: read(join(FIREWALLS, 'nftables/ongy_flat_share_2015.nft')) }));
    expect(ongy.rules).toHaveLength(23);
    const aleph = must(
      readNftJson({ path: 'aleph', text: read(join(FIREWALLS, 'nftables/aleph_vm_real_server.nft.json')) }),
    );
    expect(aleph.rules).toHaveLength(39);
    expect(aleph.tables).toHaveLength(2);
    expect(aleph.chains).toHaveLength(14);
    // Its iptables-nft rules carry xtables matches whose arguments are lost: they must be opaque, never guessed.
    const rs = must(
      parseNftJson({ path: 'aleph', text: read(join(FIREWALLS, 'nftables/aleph_vm_real_server.nft.json')) }),
    );
    expect(opaqueRules(rs).length).toBeGreaterThan(0);
  });

  const derived = readdirSync(join(FIREWALLS, 'derived')).filter(
    (f) => /\.(nft|json|json\.gz)$/.test(f) && f !== 'results.json',
  );
  it.each(derived)('reads derived/%s', (file) => {
    const text = read(join(FIREWALLS, 'derived', file));
    const isJson = file.includes('.json');
    const doc = must(isJson ? readNftJson({ path: file, text }) : readNftText({ path: file, text }));
    expect(doc.rules.length).toBeGreaterThan(0);
    must(isJson ? parseNftJson({ path: file, text }) : parseNftText({ path: file, text }));
  });

  it('counts the rules the README gives for the translations', () => {
    const { results } = JSON.parse(read(join(FIREWALLS, 'derived/results.json'))) as {
      results: { stem: string; translate: { status: string; rules: number } }[];
    };
    let checked = 0;
    for (const r of results) {
      if (r.translate.status !== 'ok') continue;
      const doc = must(
        readNftText({ path: r.stem, text: read(join(FIREWALLS, 'derived', `${r.stem}.translated.nft`)) }),
      );
      expect(doc.rules.length, r.stem).toBe(r.translate.rules);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('decides every packet alike from the translated text and its JSON listing', () => {
    const pairs = derived.filter((f) => f.endsWith('.translated.nft')).map((f) => f.replace('.translated.nft', ''));
    let compared = 0;
    for (const base of pairs) {
      const jsonName = derived.find((f) => f.startsWith(`${base}.native.nft.json`));
      if (!jsonName) continue;
      const a = must(parseNftText({ path: base, text: read(join(FIREWALLS, 'derived', `${base}.translated.nft`)) }));
      const b = must(parseNftJson({ path: base, text: read(join(FIREWALLS, 'derived', jsonName)) }));
      for (const packet of samplePackets(a, 200)) {
        const da = evaluate(a, packet);
        const db = evaluate(b, packet);
        expect(summary(db), `${base}: ${packet.sourceText} -> ${packet.destinationText}`).toBe(summary(da));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

const summary = (d: ReturnType<typeof evaluate>) =>
  d.kind === 'decided'
    ? `${d.action}@${d.decidedBy?.rule.provenance.line === undefined ? 'policy' : 'rule'}`
    : 'indeterminate';

/** Packets around the addresses and ports the ruleset names, and some at random (seeded, bounded). */
function samplePackets(rs: Ruleset, count: number) {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const addresses: string[] = ['192.0.2.1', '10.0.0.1', '172.17.0.2'];
  const ports: number[] = [22, 53, 80, 443, 8080];
  const ifaces: string[] = ['eth0', 'eth1', 'docker0'];
  for (const chain of Object.values(rs.chains)) {
    for (const r of chain.rules) {
      for (const set of [r.source, r.destination]) {
        const first = set?.toRanges().find((x) => x.family === 4);
        if (first && addresses.length < 400) addresses.push(first.first, first.last);
      }
      const p = r.destinationPorts?.toRanges()[0];
      if (p && ports.length < 200) ports.push(p.from, p.to);
      for (const i of [r.inInterface, r.outInterface])
        if (i && !i.negated && ifaces.length < 50) ifaces.push(i.prefix ? `${i.name}0` : i.name);
    }
  }
  const out = [];
  for (let k = 0; k < count; k++) {
    const proto = ['tcp', 'udp', 'icmp'][rand(3)] as string;
    const src = addresses[rand(addresses.length)] as string;
    const dst = addresses[rand(addresses.length)] as string;
    const state = ['new', 'established', 'related'][rand(3)];
    const where = ` in ${ifaces[rand(ifaces.length)]} out ${ifaces[rand(ifaces.length)]} state ${state}`;
    const text =
      proto === 'icmp'
        ? `icmp ${src} -> ${dst} type ${[0, 3, 8, 11][rand(4)]}${where}`
        : `${proto} ${src}:${1024 + rand(60000)} -> ${dst}:${ports[rand(ports.length)]}${where}`;
    const p = parsePacket(text);
    if (p.ok) out.push(p.value);
  }
  return out;
}

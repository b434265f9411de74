import { describe, expect, it } from 'vitest';
import { firewallDeltas } from '../../src/diff/delta/index.js';
import type { Matrix } from '../../src/model/matrix.js';
import { rulesetToJson } from '../../src/ruleset/json.js';
import { generate, type TargetId } from '../../src/targets/index.js';
import { parseSrxConfig } from '../../src/targets/juniper-srx/parse/index.js';
import { DOC_PLAN, realisticMatrix } from '../fixtures/targets/realistic.js';
import { readable } from '../targets/support/registry.js';
import { diffPair } from './pair.js';

/**
 * Vendor deltas: OLD's generated configuration with the delta applied reads as NEW's. Junos SRX through its own
 * reader (which honours delete); PAN-OS, FortiOS and ASA through a model of what their commands do to the
 * configuration's statements (their readers take configurations as the device shows them, without delete or no).
 */
const on = (m: Matrix, platform: string): Matrix => ({ ...m, firewalls: m.firewalls.map((f) => ({ ...f, platform })) });

function texts(a: Matrix, b: Matrix, platform: TargetId) {
  const gen = (m: Matrix) => {
    const r = generate(on(m, platform), { firewall: 'fw' });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    // The configuration: the one artifact the platform's own syntaxes read.
    const [config, ...more] = readable(platform, r.value.artifacts);
    if (!config || more.length > 0) throw new Error(`${platform}: not one configuration among the artifacts`);
    return config.content;
  };
  const { deltas, errors } = firewallDeltas(on(a, platform), on(b, platform));
  expect(errors).toEqual([]);
  const d = deltas.find((x) => x.firewall === 'fw');
  if (!d) throw new Error('no delta');
  return { old: gen(a), new: gen(b), apply: d.apply.content, rollback: d.rollback.content };
}

/** `set` statements as a set; `delete KEY` removes every statement under KEY. */
function applySet(config: string, delta: string): string[] {
  const lines = new Set(config.split('\n').filter((l) => l.startsWith('set ')));
  for (const l of delta.split('\n')) {
    if (l.startsWith('set ')) lines.add(l);
    if (l.startsWith('delete ')) {
      const key = l.slice(7);
      for (const s of lines) if (s.slice(4) === key || s.slice(4).startsWith(`${key} `)) lines.delete(s);
    }
  }
  return [...lines].sort();
}

/** ASA: top-level lines as a multiset, blocks as member lists; `no LINE` removes one line or a whole block. */
function applyAsa(config: string, delta = ''): string[] {
  const top: string[] = [];
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const l of `${config}\n${delta}`.split('\n')) {
    if (l === '' || l.startsWith('!')) continue;
    if (l.startsWith(' ')) {
      if (!current) throw new Error(`member outside a block: ${l}`);
      if (l.startsWith(' no '))
        current.splice(current.indexOf(` ${l.slice(4)}`) >>> 0, current.includes(` ${l.slice(4)}`) ? 1 : 0);
      else current.push(l);
      continue;
    }
    current = undefined;
    if (l.startsWith('no ')) {
      const what = l.slice(3);
      if (blocks.has(what)) blocks.delete(what);
      else top.splice(top.indexOf(what) >>> 0, top.includes(what) ? 1 : 0);
      continue;
    }
    if (/^object(-group)? /.test(l)) {
      if (!l.startsWith('object-group ')) blocks.set(l, []);
      current = blocks.get(l) ?? [];
      blocks.set(l, current);
    } else top.push(l);
  }
  return [...top, ...[...blocks].map(([h, m]) => `${h}\n${[...m].sort().join('\n')}`)].sort();
}

/** FortiOS: section → entry → settings; policies by name; `delete <id of NAME>` removes that policy. */
function applyFortios(config: string, delta = ''): string[] {
  const sections = new Map<string, Map<string, Map<string, string>>>();
  let section: Map<string, Map<string, string>> | undefined;
  let entry: Map<string, string> | undefined;
  let name = '';
  let isPolicy = false;
  for (const raw of `${config}\n${delta}`.split('\n')) {
    const l = raw.trim();
    if (l.startsWith('#') || l === '') continue;
    if (l.startsWith('config ')) {
      isPolicy = l === 'config firewall policy';
      section = sections.get(l) ?? new Map();
      sections.set(l, section);
    } else if (l.startsWith('edit ')) {
      name = l.slice(5);
      entry = isPolicy ? new Map() : (section?.get(name) ?? new Map());
    } else if (l.startsWith('set ') && entry) {
      const [, key = '', value = ''] = /^set (\S+) ?(.*)$/.exec(l) ?? [];
      entry.set(key, value);
    } else if (l === 'next' && entry && section) {
      section.set(isPolicy ? (entry.get('name') ?? name) : name, entry);
      entry = undefined;
    } else if (l.startsWith('delete ') && section) {
      section.delete(l.replace(/^delete (<id of (.*)>|(.*))$/, '$2$3'));
    }
  }
  const out: string[] = [];
  for (const [s, entries] of sections)
    for (const [n, e] of entries)
      out.push(
        `${s} ${n} ${[...e]
          .map(([k, v]) => `${k}=${v}`)
          .sort()
          .join(' ')}`,
      );
  return out.sort();
}

/** SRX policies read back, compared as a set (re-set policies go to the end of their zone pair). */
function srxRules(text: string): string[] {
  const r = parseSrxConfig({ path: 'fw.junos.set', text });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return rulesetToJson(r.value)
    .chains.flatMap((c) => c.rules.map(({ provenance: _, ...rule }) => JSON.stringify(rule)))
    .sort();
}

const PAIRS: [string, () => { a: Matrix; b: Matrix }][] = [
  ['the fixture pair', () => ({ a: diffPair().old, b: diffPair().new })],
  [
    'a group shrinks and grows',
    () => ({
      a: realisticMatrix(DOC_PLAN),
      b: realisticMatrix({
        ...DOC_PLAN,
        lyncClients: [...DOC_PLAN.lyncClients.slice(3), '10.31.0.0/24'],
        edge: ['10.20.3.10/32'],
      }),
    }),
  ],
];

describe.each(PAIRS)('vendor deltas: %s', (_, pair) => {
  it('Junos SRX: OLD + delta reads (SRX reader) as NEW, and + rollback as OLD', () => {
    const { a, b } = pair();
    const t = texts(a, b, 'juniper-srx');
    expect(srxRules(`${t.old}\n${t.apply}`)).toEqual(srxRules(t.new));
    expect(srxRules(`${t.new}\n${t.rollback}`)).toEqual(srxRules(t.old));
    expect(applySet(t.old, t.apply)).toEqual(applySet(t.new, ''));
  });

  it.each(['panos', 'cisco-asa', 'fortios'] as const)(
    '%s: OLD + delta holds NEW’s objects and rules, + rollback OLD’s',
    (platform) => {
      const { a, b } = pair();
      const t = texts(a, b, platform);
      const model = platform === 'panos' ? applySet : platform === 'cisco-asa' ? applyAsa : applyFortios;
      expect(model(t.old, t.apply)).toEqual(model(t.new, ''));
      expect(model(t.new, t.rollback)).toEqual(model(t.old, ''));
      expect(t.apply).not.toBe(t.rollback);
    },
  );

  it.each(['nftables', 'iptables', 'panos', 'cisco-asa', 'fortios', 'juniper-srx'] as const)(
    '%s: the rollback’s header says it goes from the new rules back to the old ones',
    (platform) => {
      const { a, b } = pair();
      const d = firewallDeltas(on(a, platform), on(b, platform)).deltas.find((x) => x.firewall === 'fw');
      expect(d?.apply.content).toMatch(/old generated \w+ → new/);
      expect(d?.rollback.content).not.toMatch(/old generated \w+ → new/);
      expect(d?.rollback.content).toMatch(/new generated \w+ → old .*\(rollback\)/);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/ruleset/evaluate.js';
import { equalRulesets, rulesetFromJson, rulesetToJson } from '../../src/ruleset/json.js';
import { parsePacket, placePacket } from '../../src/ruleset/packet.js';
import { interfaceZoneMap, type Ruleset } from '../../src/ruleset/types.js';

const packet = (text: string) => {
  const r = parsePacket(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

/** outside → inside accepted, the rest dropped; eth1 is outside, eth2 inside, eth3 no zone the file says. */
const ruleset: Ruleset = {
  entry: 'main',
  chains: {
    main: {
      name: 'main',
      rules: [
        { fromZones: ['outside'], toZones: ['inside'], verdict: { kind: 'accept' }, provenance: { line: 1 } },
        { fromZones: ['inside'], verdict: { kind: 'drop' }, provenance: { line: 2 } },
      ],
      policy: 'drop',
    },
  },
  objects: [],
  defaultAction: 'drop',
  interfaceZones: interfaceZoneMap([
    ['eth1', 'outside'],
    ['eth2', 'inside'],
    ['__proto__', 'inside'],
  ]),
};

const decide = (rs: Ruleset, text: string): string => {
  const d = evaluate(rs, packet(text));
  return d.kind === 'decided' ? `${d.action}@${d.decidedBy?.rule.provenance.line ?? 'policy'}` : 'indeterminate';
};

describe('a packet placed by the interface it crosses', () => {
  it('takes the zone the configuration puts its interface in', () => {
    expect(decide(ruleset, 'tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth1 out eth2')).toBe('accept@1');
    expect(decide(ruleset, 'tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth2')).toBe('drop@2');
    expect(decide(ruleset, 'tcp 10.0.0.1:1 -> 10.0.0.2:2 in __proto__')).toBe('drop@2');
    // The same packet without a map is tried in every zone.
    const { interfaceZones: _, ...unmapped } = ruleset;
    expect(decide(unmapped, 'tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth1 out eth2')).toBe('indeterminate');
    // The zone said, and the interface's own: the same.
    expect(decide(ruleset, 'tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth1 from-zone outside out eth2')).toBe('accept@1');
  });

  it('an interface the configuration does not place is tried in every zone, as before', () => {
    expect(decide(ruleset, 'tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth3 out eth2')).toBe('indeterminate');
  });

  it('a zone that contradicts its interface is refused, never one of them picked', () => {
    const r = placePacket(ruleset, packet('tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth1 from-zone inside'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/interface eth1 is in zone outside .* from-zone inside/);
      expect(r.hint).toMatch(/from-zone outside/);
    }
    const out = placePacket(ruleset, packet('tcp 10.0.0.1:1 -> 10.0.0.2:2 out eth2 to-zone outside'));
    expect(out.ok).toBe(false);
    expect(decide(ruleset, 'tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth1 from-zone inside')).toBe('indeterminate');
  });

  it('says where it placed the packet', () => {
    const r = placePacket(ruleset, packet('tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth1 out eth2'));
    expect(r.ok && r.value.placed).toEqual(['in eth1 (zone outside)', 'out eth2 (zone inside)']);
  });

  it('the JSON form keeps where interfaces sit, and refuses an interface placed twice', () => {
    const json = JSON.parse(JSON.stringify(rulesetToJson(ruleset)));
    expect(json.interfaceZones).toContainEqual({ interface: 'eth1', zone: 'outside' });
    const back = rulesetFromJson(json);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(equalRulesets(back.value, ruleset)).toBe(true);
    expect({ ...back.value.interfaceZones }).toEqual({ ...ruleset.interfaceZones });
    expect(decide(back.value, 'tcp 10.0.0.1:1 -> 10.0.0.2:2 in __proto__')).toBe('drop@2');
    const { interfaceZones: _, ...unmapped } = ruleset;
    expect(equalRulesets(back.value, unmapped)).toBe(false);
    const twice = { ...json, interfaceZones: [...json.interfaceZones, { interface: 'eth1', zone: 'inside' }] };
    const r = rulesetFromJson(twice);
    expect(r.ok === false && r.message).toMatch(/eth1 placed twice/);
  });
});

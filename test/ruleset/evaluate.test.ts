import { describe, expect, it } from 'vitest';
import { CidrSet } from '../../src/net/cidr-set.js';
import { PortSet } from '../../src/net/port-set.js';
import { evaluate } from '../../src/ruleset/evaluate.js';
import { equalRulesets, rulesetFromJson, rulesetToJson } from '../../src/ruleset/json.js';
import { parsePacket } from '../../src/ruleset/packet.js';
import type { Rule, Ruleset } from '../../src/ruleset/types.js';

const cidrs = (...list: string[]): CidrSet => {
  const r = CidrSet.parse(list);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const packet = (text: string) => {
  const r = parsePacket(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const at = (line: number) => ({ file: 'fw.rules', line });

const web: Rule = {
  source: cidrs('10.1.0.0/16'),
  destination: cidrs('192.0.2.10/32'),
  protocols: PortSet.of(6),
  destinationPorts: PortSet.of(443),
  verdict: { kind: 'jump', chain: 'web' },
  provenance: at(2),
};
const ruleset: Ruleset = {
  entry: 'FORWARD',
  defaultAction: 'drop',
  objects: [{ name: 'servers', kind: 'addresses', addresses: cidrs('192.0.2.0/24'), provenance: at(1) }],
  chains: {
    FORWARD: {
      name: 'FORWARD',
      policy: 'drop',
      rules: [
        { states: ['established', 'related'], verdict: { kind: 'accept' }, provenance: at(1) },
        web,
        { family: 6, protocols: PortSet.of(58), icmp: [{ type: 128 }], verdict: { kind: 'accept' }, provenance: at(3) },
        { protocols: PortSet.of(17), opaque: ['-m recent --rcheck'], verdict: { kind: 'accept' }, provenance: at(4) },
      ],
    },
    web: {
      name: 'web',
      rules: [
        { source: cidrs('10.1.66.0/24'), verdict: { kind: 'return' }, provenance: at(5) },
        { verdict: { kind: 'accept' }, provenance: at(6) },
      ],
    },
  },
};

describe('first-match evaluation', () => {
  it('follows a jump into a user chain and names the deciding rule', () => {
    const d = evaluate(ruleset, packet('tcp 10.1.2.3:40000 -> 192.0.2.10:443 in eth0'));
    expect(d).toMatchObject({ kind: 'decided', action: 'accept', decidedBy: { chain: 'web', index: 1 } });
  });

  it('comes back from a return and ends on the base chain policy', () => {
    const d = evaluate(ruleset, packet('tcp 10.1.66.3:40000 -> 192.0.2.10:443'));
    expect(d).toMatchObject({ kind: 'decided', action: 'drop', policyOf: 'FORWARD' });
  });

  it('tells ports, families and states apart', () => {
    expect(evaluate(ruleset, packet('tcp 10.1.2.3:40000 -> 192.0.2.10:80'))).toMatchObject({ action: 'drop' });
    expect(evaluate(ruleset, packet('icmp 2001:db8::1 -> 2001:db8::2 type echo-request'))).toMatchObject({
      action: 'accept',
      decidedBy: { index: 2 },
    });
    expect(evaluate(ruleset, packet('icmp 10.0.0.1 -> 10.0.0.2 type echo-request'))).toMatchObject({ action: 'drop' });
    expect(evaluate(ruleset, packet('tcp 10.9.9.9:443 -> 10.1.2.3:40000 state established'))).toMatchObject({
      action: 'accept',
      decidedBy: { index: 0 },
    });
  });

  it('is indeterminate when an uninterpreted match decides, and says which rule', () => {
    const d = evaluate(ruleset, packet('udp 10.0.0.1:5000 -> 10.0.0.2:53'));
    expect(d.kind).toBe('indeterminate');
    if (d.kind === 'indeterminate') {
      expect([...d.outcomes].sort()).toEqual(['accept', 'drop']);
      expect(d.opaque.map((h) => h.rule.provenance.line)).toEqual([4]);
    }
  });

  it('stops on chains that call each other in a loop', () => {
    const loop: Ruleset = {
      entry: 'a',
      defaultAction: 'drop',
      objects: [],
      chains: {
        a: { name: 'a', rules: [{ verdict: { kind: 'jump', chain: 'b' }, provenance: {} }] },
        b: { name: 'b', rules: [{ verdict: { kind: 'jump', chain: 'a' }, provenance: {} }] },
      },
    };
    expect(evaluate(loop, packet('tcp 10.0.0.1:1 -> 10.0.0.2:2')).kind).toBe('indeterminate');
  });
});

describe('packets as people write them', () => {
  it.each([
    ['tcp 10.1.2.3 -> 192.0.2.10:443', /both ports/],
    ['icmp 10.0.0.1:4 -> 10.0.0.2', /only TCP, UDP and SCTP/],
    ['tcp 10.0.0.1:1 -> [2001:db8::1]:2', /different families/],
    ['smtp 10.0.0.1:1 -> 10.0.0.2:25', /unknown protocol/],
    ['tcp 10.0.0.0/8:1 -> 10.0.0.2:2', /one address/],
    ['tcp 10.0.0.1:1 10.0.0.2:2', /missing "->"/],
    ['tcp 10.0.0.1:1 -> 10.0.0.2:70000', /bad port/],
    ['tcp 10.0.0.1:1 -> 10.0.0.2:2 state sleepy', /unknown state/],
  ])('refuses %s', (text, message) => {
    const r = parsePacket(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('reads IPv6 with brackets and interfaces', () => {
    const p = packet('udp [2001:db8::1]:5000 -> [2001:db8::53]:53 in eth1 out eth2');
    expect(p).toMatchObject({
      family: 6,
      protocol: 17,
      destinationPort: 53,
      inInterface: 'eth1',
      outInterface: 'eth2',
    });
  });
});

describe('JSON form', () => {
  it('reads back to an equal ruleset that decides the same', () => {
    const json = JSON.parse(JSON.stringify(rulesetToJson(ruleset)));
    const back = rulesetFromJson(json);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(equalRulesets(back.value, ruleset)).toBe(true);
    const p = packet('tcp 10.1.2.3:40000 -> 192.0.2.10:443');
    expect(evaluate(back.value, p)).toMatchObject({ action: 'accept', decidedBy: { chain: 'web', index: 1 } });
  });

  it('tells two different rulesets apart and refuses a broken one with its path', () => {
    const other: Ruleset = { ...ruleset, defaultAction: 'accept' };
    expect(equalRulesets(other, ruleset)).toBe(false);
    const r = rulesetFromJson({ ...rulesetToJson(ruleset), entry: 'nope' });
    expect(r.ok).toBe(false);
    const bad = rulesetToJson(ruleset);
    const broken = { ...bad, chains: [{ name: 'x', rules: [{ verdict: { kind: 'explode' }, provenance: {} }] }] };
    const r2 = rulesetFromJson(broken);
    expect(r2.ok === false && r2.message).toMatch(/chains\.0\.rules\.0\.verdict/);
  });

  it('refuses flag or bridge-port matches missing from opaque (the rule would match every packet where they are unknown)', () => {
    const tests = [{ mask: 0x17, values: [0x02], negated: false }];
    const flags = { opaque: ['--syn'], tests };
    const rule = { protocols: [[6, 6]], verdict: { kind: 'drop' }, provenance: {} };
    const json = (r: object) => ({
      ...rulesetToJson(ruleset),
      chains: [{ name: 'FORWARD', rules: [r] }],
      entry: 'FORWARD',
    });
    expect(rulesetFromJson(json({ ...rule, opaque: ['--syn'], tcpFlags: flags })).ok).toBe(true);
    const noOpaque = rulesetFromJson(json({ ...rule, tcpFlags: flags }));
    expect(noOpaque.ok === false && noOpaque.message).toMatch(/"--syn" is not in opaque/);
    const bridge = rulesetFromJson(json({ ...rule, bridgePorts: { opaque: ['--physdev-in br0'], routed: false } }));
    expect(bridge.ok === false && bridge.message).toMatch(/"--physdev-in br0" is not in opaque/);
  });
});

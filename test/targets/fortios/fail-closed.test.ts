import { describe, expect, it } from 'vitest';
import { parseFortiosConfig } from '../../../src/targets/fortios/parse/index.js';
import { decision, decisionText } from '../support/decide.js';
import { must } from '../support/verify-round-trip.js';

const policy = (...settings: string[]) =>
  [
    'config firewall policy',
    '    edit 7',
    '        set srcintf "port1"',
    '        set dstintf "port2"',
    '        set action accept',
    '        set schedule "always"',
    ...settings.map((s) => `        set ${s}`),
    '    next',
    'end',
  ].join('\n');
const block = (path: string, entries: Record<string, string[]>) =>
  [
    `config ${path}`,
    ...Object.entries(entries).flatMap(([name, settings]) => [
      `    edit "${name}"`,
      ...settings.map((s) => `        set ${s}`),
      '    next',
    ]),
    'end',
  ].join('\n');
const decide = (text: string) =>
  decisionText(
    decision(
      must(parseFortiosConfig({ path: 'fw.conf', text })),
      'tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone port1 to-zone port2',
    ),
  );

describe('FortiOS constructs the reader cannot resolve stay visible', () => {
  // With internet-service enabled a policy has no dstaddr and no service (the database gives both): it was lowered
  // to no rule at all, so the packet fell to the implicit deny as a certain verdict.
  it('a policy to internet services (no dstaddr, no service) is indeterminate, not absent', () => {
    const text = policy('srcaddr "all"', 'internet-service enable', 'internet-service-name "Microsoft-Office365"');
    expect(decide(text)).toMatch(/^indeterminate \(line 2\): .*internet-service/);
  });

  it('a policy from internet services (no srcaddr) is indeterminate, not absent', () => {
    const text = policy(
      'internet-service-src enable',
      'internet-service-src-name "Amazon-AWS"',
      'dstaddr "all"',
      'service "ALL"',
    );
    expect(decide(text)).toMatch(/^indeterminate \(line 2\): .*internet-service-src/);
  });

  // In NGFW policy-based mode a firewall policy that accepts only hands the session to the security policies, which
  // were not read: the accept was stated as final.
  it('with security policies (NGFW policy-based mode) an accepting firewall policy is indeterminate', () => {
    const text = `${policy('srcaddr "all"', 'dstaddr "all"', 'service "ALL"')}\n${block('firewall security-policy', {
      '1': ['srcintf "port1"', 'dstintf "port2"', 'srcaddr "all"', 'dstaddr "all"', 'application 15832', 'action deny'],
    })}`;
    expect(decide(text)).toMatch(/^indeterminate \(line 2\): .*security polic(y|ies) \(line 12\)/);
  });

  it('an address group with no member is indeterminate, not an empty set', () => {
    const text = `${block('firewall addrgrp', { g: ['comment "members not read"'] })}\n${policy('srcaddr "g"', 'dstaddr "all"', 'service "ALL"')}`;
    expect(decide(text)).toMatch(/^indeterminate .*address group "g" has no member/);
  });

  it('a service group with no member is indeterminate, not an empty set', () => {
    const text = `${block('firewall service group', { s: ['comment "x"'] })}\n${policy('srcaddr "all"', 'dstaddr "all"', 'service "s"')}`;
    expect(decide(text)).toMatch(/^indeterminate .*service group "s" has no member/);
  });

  it('a loop of service groups is named as a loop, not as an undefined service', () => {
    const text = `${block('firewall service group', { a: ['member "b"'], b: ['member "a"'] })}\n${policy('srcaddr "all"', 'dstaddr "all"', 'service "a"')}`;
    expect(decide(text)).toMatch(/^indeterminate .*service group "a" contains itself/);
  });
});

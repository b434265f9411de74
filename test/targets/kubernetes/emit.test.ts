import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitPolicies, type NetworkPolicy, scalar } from '../../../src/targets/kubernetes/emit.js';
import type { Peer, PolicyPort } from '../../../src/targets/kubernetes/peers.js';
import { HOSTILE } from '../support/examples.js';
import { readAll } from './read.js';

/** Strings each YAML version would read as something else, or that would break a line-based writer. */
const TRICKY = [
  ...HOSTILE,
  ...['y', 'Y', 'n', 'N', 'yes', 'No', 'ON', 'off', 'True', 'FALSE', 'null', 'Null', '~', ''],
  ...['1e3', '0x1f', '012', '0o12', '0b11', '1_000', '1:20', '.inf', '-.inf', '.NaN', '+1', '-1', '1.5', '2001-12-14'],
  ...['2001-12-14t21:59:43.10-05:00', '<<', '=', '-', '- a', '? a', ': a', 'a: b', 'a #b', 'a#b', '&a', '*a', '!a'],
  ...['|', '>', "'", '"', '%YAML 1.2', '@a', '`a', '{}', '[]', 'a\n---\nb', '...', '---', 'a ', ' a', '\t'],
  ...['\u0085', '\u2028', '\u2029', '\ufeff', '\u007f', '\u0000\u0007\u001b', '\ud83d\ude00', 'é/ü', 'a\r\nb'],
];
const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', maxLength: 40 }));
const labels = fc.dictionary(text, text, { maxKeys: 3 });
const selector = fc.oneof(
  fc.constant({}),
  labels.map((matchLabels) => ({ matchLabels })),
);
const peer: fc.Arbitrary<Peer> = fc.oneof(
  fc.record({
    namespaceSelector: labels.map((m) => ({ matchLabels: m })),
    podSelector: labels.map((m) => ({ matchLabels: m })),
  }),
  fc.record({
    ipBlock: fc.record({ cidr: text, except: fc.array(text, { maxLength: 2 }) }, { requiredKeys: ['cidr'] }),
  }),
);
const port: fc.Arbitrary<PolicyPort> = fc.record(
  {
    protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
    port: fc.integer({ min: 0, max: 65535 }),
    endPort: fc.integer({ min: 0, max: 65535 }),
  },
  { requiredKeys: ['protocol', 'port'] },
);
const rule = (side: 'from' | 'to') =>
  fc.record(
    { [side]: fc.array(peer, { maxLength: 3 }), ports: fc.array(port, { maxLength: 3 }) },
    { requiredKeys: [] },
  );
const policy: fc.Arbitrary<NetworkPolicy> = fc.record(
  {
    apiVersion: fc.constant('networking.k8s.io/v1' as const),
    kind: fc.constant('NetworkPolicy' as const),
    metadata: fc.record(
      { name: text, namespace: text, labels, annotations: labels },
      { requiredKeys: ['name', 'namespace', 'labels'] },
    ),
    spec: fc.record(
      {
        podSelector: selector,
        policyTypes: fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[]),
        ingress: fc.array(rule('from'), { maxLength: 2 }),
        egress: fc.array(rule('to'), { maxLength: 2 }),
      },
      { requiredKeys: ['podSelector', 'policyTypes'] },
    ),
  },
  { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] },
);

describe('kubernetes emitter', () => {
  it('property: any policy, any strings: every reader gets the emitter input back, one document per policy', () => {
    fc.assert(
      fc.property(fc.array(policy, { maxLength: 3 }), (policies) => {
        const text = `# header\n${emitPolicies(policies)}`;
        for (const docs of readAll(text)) expect(docs).toEqual(policies);
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it('leaves plain only letter-first names with no YAML meaning in 1.1 or 1.2; quotes all else as JSON', () => {
    for (const plain of [
      'shop',
      'app.kubernetes.io/managed-by',
      'Ingress',
      'TCP',
      'k8s-app',
      'a_b',
      'yesno',
      'onion',
    ]) {
      expect(scalar(plain)).toBe(plain);
    }
    for (const s of TRICKY) expect(scalar(s)).toMatch(/^"/);
    expect(scalar('a"b\\c\nd')).toBe(JSON.stringify('a"b\\c\nd'));
    // Line breaks JSON leaves raw (YAML 1.1 folds them) are escaped, so no emitted scalar spans two lines.
    expect(scalar('a\u0085b\u2028c\u2029d\u007fe')).toBe('"a\\u0085b\\u2028c\\u2029d\\u007fe"');
  });

  it('writes a key longer than YAML allows for an implicit key as an explicit `? key` entry', () => {
    const key = `x/${'é'.repeat(1200)}`;
    const p: NetworkPolicy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'n', namespace: 'ns', labels: { [key]: 'v', short: 'w' } },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] },
    };
    const text = emitPolicies([p]);
    expect(text).toContain(`? ${JSON.stringify(key)}\n`);
    for (const docs of readAll(text)) expect(docs).toEqual([p]);
  });
});

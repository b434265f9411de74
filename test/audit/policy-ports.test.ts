import { describe, expect, it } from 'vitest';
import { violations } from '../../src/audit/policy.js';
import type { ServiceMatch } from '../../src/model/matrix.js';
import type { PolicyEntry } from '../../src/model/site-policy.js';

const svc = (protocol: ServiceMatch['protocol'], ranges: [number, number][], icmpType?: number): ServiceMatch => ({
  name: `${protocol}/${ranges.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(',')}`,
  protocol,
  ports: ranges.map(([from, to]) => ({ from, to })),
  ...(icmpType === undefined ? {} : { icmpType }),
});
const entry = (access: PolicyEntry['access'], services: string[]): PolicyEntry =>
  ({ from: 'lan', to: 'dmz', access, services, severity: 'high' }) as PolicyEntry;

/** Zone policy services are a union per protocol: entries together may cover what none covers alone. */
describe('zone policy against a service, on port sets', () => {
  it.each<[string, PolicyEntry['access'], string[], ServiceMatch, boolean]>([
    [
      '80,443 under tcp/80 + tcp/443',
      'allow-only',
      ['tcp/80', 'tcp/443'],
      svc('tcp', [
        [80, 80],
        [443, 443],
      ]),
      false,
    ],
    [
      '50-150 under tcp/1-100 + tcp/101-200',
      'allow-only',
      ['tcp/1-100', 'tcp/101-200'],
      svc('tcp', [[50, 150]]),
      false,
    ],
    [
      '50-250 beyond tcp/1-100 + tcp/101-200',
      'allow-only',
      ['tcp/1-100', 'tcp/101-200'],
      svc('tcp', [[50, 250]]),
      true,
    ],
    ['udp/53 under tcp/53 only', 'allow-only', ['tcp/53'], svc('udp', [[53, 53]]), true],
    ['anything under any', 'allow-only', ['any'], svc('udp', [[1, 65535]]), false],
    ['icmp echo under icmp', 'allow-only', ['icmp'], svc('icmp', [], 8), false],
    ['icmp echo under icmp/0 only', 'allow-only', ['icmp/0'], svc('icmp', [], 8), true],
    ['443 against block-only tcp/400-500', 'block-only', ['tcp/400-500'], svc('tcp', [[443, 443]]), true],
    ['80 against block-only tcp/400-500', 'block-only', ['tcp/400-500'], svc('tcp', [[80, 80]]), false],
    ['1-1000 against block-only tcp/22 + tcp/23', 'block-only', ['tcp/22', 'tcp/23'], svc('tcp', [[1, 1000]]), true],
    ['everything against block-all', 'block-all', [], svc('tcp', [[443, 443]]), true],
    ['everything under allow-all', 'allow-all', [], svc('tcp', [[1, 65535]]), false],
  ])('%s', (_, access, services, service, violates) => {
    expect(violations(entry(access, services), [service])).toEqual(violates ? [service] : []);
  });
});

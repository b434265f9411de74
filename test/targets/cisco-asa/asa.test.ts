import { describe, expect, it } from 'vitest';
import { ciscoAsa } from '../../../src/targets/cisco-asa/index.js';
import { ruleLabel } from '../../../src/targets/generate/rules.js';
import { safeText } from '../../../src/targets/kit/escape.js';
import { hop } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { generated } from '../support/examples.js';
import { vendorContract } from '../support/vendor-contract.js';
import { keptToEgress } from './egress-expected.js';
import { parseAsa } from './parse.js';

const label = (r: Parameters<typeof ruleLabel>[0], text = ruleLabel(r)) => safeText(text, 100);

describe('cisco-asa target', () => {
  vendorContract({
    target: ciscoAsa,
    parse: parseAsa,
    label,
    extension: 'asa.cfg',
    wildcardRule: 'target:cisco-asa:wildcard-fqdn',
    refusedHop: hop('fw', 'lan', 'dmz', 'in side', 'out'),
    expectedRule: keptToEgress,
  });

  it('keeps port ranges whole and IPv6 in the same ACL', () => {
    const text = generated(ciscoAsa, realisticMatrix(), 'fw').artifacts[0]?.content ?? '';
    expect(text).toContain(' service-object udp destination range 50000 59999');
    expect(text).toContain(' subnet 2001:db8:10::/64');
    expect(text).toContain(' fqdn v6 graph.microsoft.com');
    expect(text).toContain('access-group lan0_access_in in interface lan0');
  });
});

import { describe, expect, it } from 'vitest';
import { ruleLabel } from '../../../src/targets/generate/rules.js';
import { juniperSrx } from '../../../src/targets/juniper-srx/index.js';
import { safeText } from '../../../src/targets/kit/escape.js';
import { hop } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { generated } from '../support/examples.js';
import { vendorContract } from '../support/vendor-contract.js';
import { parseSrx } from './parse.js';

const label = (r: Parameters<typeof ruleLabel>[0], text = ruleLabel(r)) => safeText(text, 255);

describe('juniper-srx target', () => {
  vendorContract({
    target: juniperSrx,
    parse: parseSrx,
    label,
    extension: 'junos.set',
    wildcardRule: 'target:juniper-srx:wildcard-fqdn',
    refusedHop: hop('fw', 'l an', 'dmz'),
  });

  it('keeps port ranges whole, dns-name objects, zones declared, ICMP as applications', () => {
    const out = generated(juniperSrx, realisticMatrix(), 'fw');
    const text = out.artifacts[0]?.content ?? '';
    expect(text).toContain('protocol udp destination-port 50000-59999');
    expect(text).toContain('dns-name graph.microsoft.com');
    expect(text).toContain('set security zones security-zone lan');
    expect(text).toContain('protocol icmp6 icmp6-type 128');
    const wildcard = out.findings.find((f) => f.rule === 'target:juniper-srx:wildcard-fqdn');
    expect(wildcard?.remediation?.en).toContain('URL category');
  });
});

import { describe, expect, it } from 'vitest';
import { ruleLabel } from '../../../src/targets/generate/rules.js';
import { safeText } from '../../../src/targets/kit/escape.js';
import { panos } from '../../../src/targets/panos/index.js';
import { hop } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { generated } from '../support/examples.js';
import { vendorContract } from '../support/vendor-contract.js';
import { parsePanos } from './parse.js';

const label = (r: Parameters<typeof ruleLabel>[0], text = ruleLabel(r)) => safeText(text, 255);

describe('panos target', () => {
  vendorContract({
    target: panos,
    parse: parsePanos,
    label,
    extension: 'panos.set',
    wildcardRule: 'target:panos:wildcard-fqdn',
    refusedHop: hop('fw', 'l an', 'dmz'),
  });

  it('keeps port ranges whole, FQDN objects, zones from the hop; ICMP reported, not widened to any', () => {
    const out = generated(panos, realisticMatrix(), 'fw');
    const text = out.artifacts[0]?.content ?? '';
    expect(text).toContain('protocol udp port 3478,50000-59999');
    expect(text).toContain('set address fqdn_graph.microsoft.com fqdn graph.microsoft.com');
    expect(text).toContain(' from lan to dmz ');
    expect(text).not.toMatch(/service any/);
    expect(out.findings.filter((f) => f.rule === 'target:panos:protocol').map((f) => f.flow)).toEqual(['ping', 'ping']);
    const wildcard = out.findings.find((f) => f.rule === 'target:panos:wildcard-fqdn');
    expect(wildcard?.remediation?.en).toContain('custom URL category');
  });
});

/**
 * An ASA access-list filters on the ingress interface only; the printer keeps each rule's destination to its egress
 * zone (src/ruleset/egress.ts). Verify, told the format's egress model, asks of a row exactly what the printer kept:
 * the generated configuration read back verifies whole, and nothing it permits lies beyond the matrix. Without the
 * model (the control), the `any` row to dmz is partial: the other zones' addresses are not let through by its ACL.
 */
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/model/matrix.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import { ciscoAsa } from '../../src/targets/cisco-asa/index.js';
import { configFormats } from '../../src/verify/config-formats.js';
import { verifyFirewall } from '../../src/verify/index.js';
import { asaSite, DMZ, flow, LAN, WAN, ZONES } from '../targets/support/asa-zones.js';
import { generated } from '../targets/support/examples.js';

const M = asaSite(
  [flow('web', 'wan', 'dmz', ['any']), flow('out', 'lan', 'wan', ['any']), flow('admin', 'wan', 'lan', ['10.1.0.7'])],
  ZONES,
);

const asa = configFormats().find((f) => f.id === 'asa');

function readBack(m: Matrix): Ruleset {
  const out = generated(ciscoAsa, m, 'fw');
  const rs = asa?.parse(out.artifacts.map((a) => ({ path: a.path, text: a.content })));
  if (!rs?.ok) throw new Error('the ASA reader refused the output');
  return rs.value;
}

const verdicts = (egress: 'routing' | undefined, m = M) => {
  const v = verifyFirewall(m, 'fw', readBack(m), egress ? { egress } : {});
  return {
    rows: Object.fromEntries(v.rows.map((r) => [r.rule.row.flow, r.verdict])),
    beyond: v.rules.filter((r) => (r.beyondMatrix?.length ?? 0) > 0).map((r) => r.hit),
  };
};

describe('verify on an ingress-only platform (ASA): a row needs what the printer keeps of its destination', () => {
  it('the ASA format says its egress is chosen by routing', () => {
    expect(asa?.egress).toBe('routing');
  });

  it('three zones, generated then read back: every row permitted, no rule beyond the matrix', () => {
    const { rows, beyond } = verdicts('routing');
    expect(rows).toEqual({ web: 'permitted', out: 'permitted', admin: 'permitted' });
    expect(beyond).toEqual([]);
  });

  it('control, the model off: the `any` rows are partial (the other zones cannot leave by their egress)', () => {
    const { rows } = verdicts(undefined);
    expect(rows).toEqual({ web: 'partial', out: 'partial', admin: 'permitted' });
  });

  it('two zones: `any` stays every address (hairpin is dropped by the ASA), and verifies whole', () => {
    const two = asaSite([flow('in', 'wan', 'lan', ['any']), flow('out', 'lan', 'wan', ['any'])], {
      lan: LAN,
      wan: WAN,
    });
    const { rows, beyond } = verdicts('routing', two);
    expect(rows).toEqual({ in: 'permitted', out: 'permitted' });
    expect(beyond).toEqual([]);
  });

  it('a row the printer withholds (`any` to a zone with no CIDR) stays denied', () => {
    const noCidr = { ...ZONES, dmz: { ...DMZ, cidrs: [] } };
    const { rows } = verdicts('routing', asaSite([flow('web', 'lan', 'dmz', ['any'])], noCidr));
    expect(rows).toEqual({ web: 'denied' });
  });
});

import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/audit/run.js';
import { ModelCache } from '../../src/server/site-model.js';

describe('the model cache keeps each version’s audit by site id and version', () => {
  const counting = () => {
    let runs = 0;
    const result = (): AuditResult => {
      runs++;
      return { findings: [], warnings: [] } as unknown as AuditResult;
    };
    return { result, runs: () => runs };
  };

  it('audits a cached version once a day, and again for a new version or day', () => {
    const models = new ModelCache();
    models.put(1, 1, { ok: false, issues: [] });
    models.put(1, 2, { ok: false, issues: [] });
    const audit = counting();
    const first = models.audit(1, 1, '2026-12-06', audit.result);
    expect(models.audit(1, 1, '2026-12-06', audit.result)).toBe(first);
    expect(audit.runs()).toBe(1);
    models.audit(1, 2, '2026-12-06', audit.result);
    models.audit(1, 1, '2026-12-07', audit.result);
    expect(audit.runs()).toBe(3);
  });

  it('does not keep the audit of a version it does not hold, and drops it with a version written again', () => {
    const models = new ModelCache();
    const audit = counting();
    models.audit(7, 1, '2026-12-06', audit.result);
    models.audit(7, 1, '2026-12-06', audit.result);
    expect(audit.runs()).toBe(2);
    models.put(7, 1, { ok: false, issues: [] });
    models.audit(7, 1, '2026-12-06', audit.result);
    models.put(7, 1, { ok: false, issues: [] });
    models.audit(7, 1, '2026-12-06', audit.result);
    expect(audit.runs()).toBe(4);
  });
});

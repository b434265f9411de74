import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditRuleIds, renderAuditRulesDoc } from '../../src/audit/index.js';
import { repoRoot } from '../support/catalogs.js';

describe('docs/audit-rules.md', () => {
  const path = `${repoRoot}docs/audit-rules.md`;
  it('is up to date with the rule files (`npm run docs` rewrites it)', () => {
    const actual = readFileSync(path, 'utf8');
    expect(actual, 'docs/audit-rules.md is stale: run `npm run docs`').toBe(renderAuditRulesDoc());
    for (const id of auditRuleIds) expect(actual.split(`\`${id}\``).length - 1).toBeGreaterThanOrEqual(3);
  });
});

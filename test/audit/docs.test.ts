import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditRuleIds, renderAuditRulesDoc } from '../../src/audit/index.js';
import { repoRoot } from '../support/catalogs.js';

describe('docs/audit-rules.md', () => {
  const path = `${repoRoot}docs/audit-rules.md`;
  it('is up to date with the rule files (UPDATE_DOCS=1 rewrites it)', () => {
    const expected = renderAuditRulesDoc();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(path, expected);
    const actual = readFileSync(path, 'utf8');
    expect(actual).toBe(expected);
    for (const id of auditRuleIds) expect(actual.split(`\`${id}\``).length - 1).toBeGreaterThanOrEqual(3);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditRuleIds, auditRules } from '../../src/audit/rules/index.js';
import { repoRoot } from '../support/catalogs.js';

/** The README lists the audit rules by hand: this keeps the list from drifting from the rule table. */
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const audit = readme.slice(readme.indexOf('## The audit'));
const ids = (text: string): string[] => [...text.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((m) => m[1] as string);

describe('README: the audit rules', () => {
  it('lists every rule, in the rule table’s order', () => {
    const list = audit.slice(audit.indexOf('Rules ('), audit.indexOf('Those that read the catalog only'));
    expect(ids(list)).toEqual(auditRuleIds);
  });

  it('names the rules that run on a catalog alone', () => {
    const line = audit.slice(
      audit.indexOf('Those that read the catalog only'),
      audit.indexOf('also run on a catalog alone'),
    );
    expect(ids(line)).toEqual(auditRuleIds.filter((id) => auditRules[id].needs === 'catalog'));
  });
});

import { describe, expect, it } from 'vitest';
import { stageFindings } from '../../../src/targets/generate/findings.js';
import { generateWith } from '../../../src/targets/generate/generate.js';
import type { Target } from '../../../src/targets/generate/target.js';
import { targetIds, targets } from '../../../src/targets/index.js';
import { defineFindings, onRow, type RowRef, severitiesOf } from '../../../src/targets/kit/findings.js';
import { EXAMPLES, exampleMatrix } from '../support/examples.js';

const row: RowRef = { catalog: 'cat', flow: 'f1', ref: 'r1', key: 'k1' };

const table = defineFindings('demo', {
  withRow: {
    severity: 'medium',
    title: { fr: 'Titre', en: 'Title' },
    message: ({ row, n }: { row: RowRef; n: number }) => ({
      fr: `Flux ${row.flow} : ${n}`,
      en: `Flow ${row.flow}: ${n}`,
    }),
    remediation: () => ({ fr: 'Faire', en: 'Do' }),
  },
  aboutSite: {
    severity: { among: ['high', 'low'], of: (p: { bad: boolean }) => (p.bad ? 'high' : 'low') },
    title: { fr: 'Site', en: 'Site' },
    message: ({ bad }: { bad: boolean }) => ({ fr: `mauvais ${bad}`, en: `bad ${bad}` }),
  },
});

describe('defineFindings: a target’s findings in one table, raised by id', () => {
  it('raises a row finding with the fields in the order every target finding has', () => {
    const f = table.raise('withRow', { row, n: 3 });
    expect(f).toEqual({
      rule: 'target:demo:withRow',
      severity: 'medium',
      catalog: 'cat',
      flow: 'f1',
      ref: 'r1',
      key: 'k1',
      // The French text gets its no-break space before ':' here, for every target.
      message: { fr: 'Flux f1\u00a0: 3', en: 'Flow f1: 3' },
      remediation: { fr: 'Faire', en: 'Do' },
    });
    expect(Object.keys(f)).toEqual(['rule', 'severity', 'catalog', 'flow', 'ref', 'key', 'message', 'remediation']);
  });

  it('raises a site finding without row fields, its severity from the parameters', () => {
    expect(table.raise('aboutSite', { bad: true })).toEqual({
      rule: 'target:demo:aboutSite',
      severity: 'high',
      message: { fr: 'mauvais true', en: 'bad true' },
    });
    expect(table.raise('aboutSite', { bad: false }).severity).toBe('low');
    expect(severitiesOf(table.specs.aboutSite)).toEqual(['high', 'low']);
  });

  it('forTarget raises the same findings under another id; onRow places a shared finding on a row', () => {
    const other = table.forTarget('other');
    expect(other.raise('withRow', { row, n: 1 }).rule).toBe('target:other:withRow');
    const shared = table.raise('aboutSite', { bad: true });
    const placed = onRow(shared, row);
    expect(placed.message).toBe(shared.message);
    expect(Object.keys(placed)).toEqual(['rule', 'severity', 'catalog', 'flow', 'ref', 'key', 'message']);
  });

  it('every target’s table is keyed by its own id and every finding has both languages', () => {
    for (const id of targetIds) {
      const t = targets[id];
      if (!t.findings) continue;
      expect(t.findings.target).toBe(id);
      for (const [name, spec] of Object.entries(t.findings.specs)) {
        expect(spec.title.fr, `${id}:${name}`).not.toBe('');
        expect(spec.title.en, `${id}:${name}`).not.toBe('');
      }
    }
    expect(Object.keys(stageFindings.specs)).toEqual(
      expect.arrayContaining(['fqdn', 'ipv6', 'no-service', 'trusted-site', 'reference', 'nat-unsupported']),
    );
  });
});

describe('what the targets raise is declared', () => {
  it('every target: finding of every example site, on every target, is in its table or the stage’s', () => {
    const seen = new Set<string>();
    for (const name of EXAMPLES) {
      const m = exampleMatrix(name);
      for (const id of targetIds) {
        const t = targets[id];
        const runs = t.scope === 'proxy' ? (m.proxy ? [undefined] : []) : m.firewalls.map((f) => f.name);
        for (const firewall of runs) {
          const r = generateWith(t as Target<Record<string, unknown>>, m, firewall ? { firewall } : {});
          if (!r.ok) continue;
          for (const f of r.value.findings) {
            const [, target, finding] = f.rule.split(':') as [string, string, string];
            expect(target, f.rule).toBe(id);
            const declared = finding in stageFindings.specs || finding in (t.findings?.specs ?? {});
            expect(declared, `${f.rule} is raised but declared in no findings table`).toBe(true);
            seen.add(f.rule);
          }
        }
      }
    }
    expect(seen.size).toBeGreaterThan(5);
  });
});

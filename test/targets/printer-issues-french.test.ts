import { describe, expect, it } from 'vitest';
import { formatIssue, type Issue, type Result } from '../../src/model/issues.js';
import type { Endpoint } from '../../src/model/matrix.js';
import { FR_SPACE } from '../../src/model/text.js';
import { parseEndpoint } from '../../src/ruleset/endpoint-values.js';
import { azureNsg } from '../../src/targets/azure-nsg/index.js';
import { ciscoAsa } from '../../src/targets/cisco-asa/index.js';
import { fortios } from '../../src/targets/fortios/index.js';
import { generateWith } from '../../src/targets/generate/generate.js';
import { allowRule, sliceForFirewall } from '../../src/targets/generate/rules.js';
import type { Target } from '../../src/targets/generate/target.js';
import { targets } from '../../src/targets/index.js';
import { juniperSrx } from '../../src/targets/juniper-srx/index.js';
import { descriptionWords } from '../../src/targets/kit/options.js';
import { kubernetes } from '../../src/targets/kubernetes/index.js';
import { pac } from '../../src/targets/pac/index.js';
import { panos } from '../../src/targets/panos/index.js';
import { squid } from '../../src/targets/squid/index.js';
import { endpoint, firewall, hop, matrix, row, service } from '../fixtures/targets/build.js';
import { ep, pods } from './kubernetes/build.js';
import { EXAMPLES, exampleMatrix } from './support/examples.js';

/**
 * What a target refuses while printing (names the platform would not take, what a NetworkPolicy or NSG cannot say,
 * a placement the platform cannot honour, a proxy target without a proxy) is said in French too, built where it is
 * made; and every option's description, the hint of a refused value, has its French.
 */

const issuesOf = (r: Result<unknown>): Issue[] => (r.ok ? [] : r.issues);
/** French as it is printed: the no-break space before `:` `;` `!` `?` typed as a plain one here. */
const typed = (s: string) => s.replaceAll(FR_SPACE, ' ');

function expectFrench(issues: readonly Issue[]): void {
  for (const i of issues) {
    const en = formatIssue(i, 'en');
    expect(i.fr, en).toBeDefined();
    const fr = formatIssue(i, 'fr');
    expect(fr, en).not.toBe(en);
    expect(Boolean(i.fr?.hint), `${en}: a hint in both or neither`).toBe(Boolean(i.hint));
    expect(fr, en).not.toMatch(/ [:?;!](\s|$)/);
    expect(en, en).not.toContain(FR_SPACE);
  }
}

/** One row through `fw` on `hop`, printed by `target`. */
const refusedHop = (target: Target<never>, at: ReturnType<typeof hop>): Issue[] => {
  const m = matrix(
    [
      row({
        flow: 'f',
        from: endpoint('a', ['10.0.0.1']),
        to: endpoint('b', ['10.0.0.2']),
        services: service('tcp/1'),
        hops: [at],
      }),
    ],
    [firewall(at.firewall, target.id)],
  );
  return issuesOf(generateWith(target, m, { firewall: at.firewall }));
};

/** A slice the capability check would have cut, printed directly (the printer's own guard). */
const uncheckedRules = (platform: string, to: Endpoint, spec: string) =>
  sliceForFirewall(
    matrix(
      [row({ flow: 'f', from: ep('a', [pods('shop', {})]), to, services: service(spec), hops: [hop('fw', 'a', 'b')] })],
      [firewall('fw', platform)],
    ),
    'fw',
  ).rules.map((r) => allowRule({ ...r, source: parseEndpoint(r.source), destination: parseEndpoint(r.destination) }));

const site = { id: 's', title: 's' };

describe('printer issues in French', () => {
  it('interface and zone names the platform refuses (ASA, FortiOS, PAN-OS, Junos)', () => {
    const cases: [Target<never>, ReturnType<typeof hop>, string][] = [
      [
        ciscoAsa,
        hop('fw', 'lan', 'dmz', 'in side', 'out'),
        'le nom d’interface "in side" n’est pas un nameif ASA valide',
      ],
      [
        fortios,
        hop('fw', 'lan', 'dmz', 'port 1', 'port2'),
        'le nom d’interface "port 1" n’est pas un nom d’interface ni de zone FortiOS valide',
      ],
      [panos, hop('fw', 'l an', 'dmz'), 'le nom de zone "l an" n’est pas un nom de zone PAN-OS valide'],
      [juniperSrx, hop('fw', 'l an', 'dmz'), 'le nom de zone "l an" n’est pas un nom de zone de sécurité Junos valide'],
    ];
    for (const [target, at, french] of cases) {
      const issues = refusedHop(target, at);
      expect(
        issues.map((i) => i.code),
        target.id,
      ).toEqual(['invalid-value']);
      expectFrench(issues);
      expect(typed(formatIssue(issues[0] as Issue, 'fr'))).toContain(french);
    }
  });

  it('what a NetworkPolicy or an NSG cannot hold, and selectors Kubernetes refuses', () => {
    const policyGre = kubernetes.print({
      site,
      firewall: 'fw',
      rules: uncheckedRules('kubernetes', ep('b', ['10.0.0.1']), 'gre'),
    });
    const nsgGre = azureNsg.print({
      site,
      firewall: 'fw',
      rules: uncheckedRules('azure-nsg', ep('b', ['10.0.0.1']), 'gre'),
    });
    const badSelectors = generateWith(
      kubernetes,
      matrix(
        [
          row({
            flow: 'f',
            from: ep('a', [pods('Bad_NS', { app: 'x' })]),
            to: ep('b', [pods('ok', { app: 'a b' })]),
            services: service('tcp/1'),
            hops: [hop('k8s', 'a', 'b')],
          }),
        ],
        [firewall('k8s', 'kubernetes')],
      ),
      { firewall: 'k8s' },
    );
    const issues = [policyGre, nsgGre, badSelectors].flatMap(issuesOf);
    expect(issues.map((i) => i.code)).toEqual([
      'target-unsupported',
      'target-unsupported',
      'invalid-value',
      'invalid-value',
    ]);
    expectFrench(issues);
    const french = issues.map((i) => typed(formatIssue(i, 'fr')));
    expect(french[0]).toBe('une NetworkPolicy n’a pas d’entrée de port pour gre (gre)');
    expect(french[1]).toBe('azure-nsg n’a pas de valeur de protocole pour gre (gre)');
    expect(french[2]).toMatch(
      /^rôle "a" : l’espace de noms "Bad_NS" n’est pas un label DNS-1123 — utilisez au plus 63/,
    );
    // English unchanged.
    expect(formatIssue(issues[0] as Issue, 'en')).toBe('a NetworkPolicy has no port entry for gre (gre)');
  });

  it('every example on kubernetes: no role bound to pods', () => {
    for (const name of EXAMPLES) {
      const m = exampleMatrix(name);
      const issues = issuesOf(generateWith(kubernetes, m, { firewall: m.firewalls[0]?.name ?? '' }));
      expect(
        issues.map((i) => i.code),
        name,
      ).toEqual(['target-unsupported']);
      expectFrench(issues);
    }
  });

  it('proxy targets printed without a proxy, or with a proxy host without an address', () => {
    const proxy = {
      name: 'px',
      host: 'px',
      port: 3128,
      address: [],
      zones: [],
      bypass: [],
      internalDomains: [],
      internal: [],
      direct: [],
    };
    const issues = [
      squid.print({ site, firewall: 'px', rules: [] }),
      pac.print({ site, firewall: 'px', rules: [] }),
      pac.print({ site, firewall: 'px', rules: [], proxy }),
    ].flatMap(issuesOf);
    expect(issues).toHaveLength(3);
    expectFrench(issues);
    expect(typed(formatIssue(issues[2] as Issue, 'fr'))).toBe(
      'proxy "px" : son hôte n’a aucune adresse utilisable — donnez à l’hôte du proxy une adresse IP ou un nom DNS sous hosts:',
    );
  });

  it('guard: every example, with placement options FortiOS and PAN-OS refuse, says them in French', () => {
    const refusing: [Target<never>, Record<string, unknown>][] = [
      [fortios, { placement: 'top' }],
      [fortios, { mode: 'coexist' }],
      [fortios, { placement: 'before:first', policyIds: 9000 }],
      [panos, { placement: 'before:-bad' }],
    ];
    let seen = 0;
    for (const name of EXAMPLES) {
      const m = exampleMatrix(name);
      for (const [target, options] of refusing) {
        const fw = m.firewalls[0]?.name ?? '';
        const issues = issuesOf(generateWith(target, m, { firewall: fw, options: options as never }));
        expect(issues.length, `${name} ${target.id} ${JSON.stringify(options)}`).toBeGreaterThan(0);
        expectFrench(issues);
        seen += issues.length;
      }
    }
    expect(seen).toBeGreaterThanOrEqual(EXAMPLES.length * refusing.length);
    const [example] = EXAMPLES;
    const m = exampleMatrix(example as string);
    const fw = m.firewalls[0]?.name ?? '';
    const said = (target: Target<never>, options: Record<string, unknown>) =>
      issuesOf(generateWith(target, m, { firewall: fw, options: options as never })).map((i) =>
        typed(formatIssue(i, 'fr')),
      );
    expect(said(fortios, { placement: 'before:first', policyIds: 9000 })).toContainEqual(
      expect.stringContaining('— désignez une politique par son id : before:12'),
    );
    expect(said(panos, { placement: 'before:-bad' })).toContainEqual(
      expect.stringContaining('— désignez une règle existante : de 1 à 63 lettres'),
    );
  });

  it('every option of every target is described in both languages (the hint of a refused value)', () => {
    for (const [id, target] of Object.entries(targets)) {
      for (const [key, schema] of Object.entries(target.options.shape)) {
        const words = descriptionWords(schema);
        expect(words, `${id}.${key}`).toBeDefined();
        expect(words?.fr, `${id}.${key}`).not.toBe(words?.en);
      }
    }
  });
});

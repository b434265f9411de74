import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/fs.js';
import { readCatalog, readSeed, repoRoot } from '../support/catalogs.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/exchange-hybrid-web-mfa.yaml to seed 002 (web access with AD FS + Microsoft Entra MFA).
 * The seed has no tables: it has a component list and two journeys written one step per sentence. We extract
 * both from the text, then check the catalog's roles (names, order) and scenarios (count, order, participants).
 */
const SEED = '002_a19bddee126726e8.txt';
const ONLINE = "Flux de l'utilisateur d'Exchange Online";
const ONPREM = "Flux de l'utilisateur d'Exchange local";
/** The document's numbers: seven components, seven steps in each journey. */
const EXPECTED = { components: 7, online: 7, onprem: 7 };

const normalize = (s: string): string => s.replace(/[’`]/g, "'").replace(/\s+/g, ' ').trim();

function section(lines: string[], start: string, stop: (line: string) => boolean): string[] {
  const from = lines.indexOf(start);
  if (from < 0) throw new Error(`section "${start}" not found`);
  const to = lines.findIndex((l, i) => i > from && stop(l));
  return lines.slice(from + 1, to < 0 ? undefined : to).filter((l) => l !== '');
}

/**
 * Steps are sentences-lines. The export broke the first on-premises step over three lines (the URL on its own)
 * and glued the second to it ("…l'accès externe.Exchange local…"): join lines until one ends a sentence, then
 * split where a period touches a capital.
 */
export function splitSteps(lines: string[]): string[] {
  const steps: string[] = [];
  let buffer = '';
  for (const line of lines) {
    buffer = buffer ? `${buffer} ${line}` : line;
    if (/[.:)]$/.test(line)) {
      steps.push(...buffer.split(/(?<=\.)(?=\p{Lu})/u));
      buffer = '';
    }
  }
  if (buffer) steps.push(buffer);
  return steps.map(normalize);
}

const PARTICIPANTS: [RegExp, string[]][] = [
  [/microsoft entra id/, ['entra-id']],
  [/authentification multifacteur/, ['entra-mfa']],
  [/accès conditionnel/, ['conditional-access']],
  [/\bad fs\b|\baf ds\b/, ['adfs']],
  [/proxy d'application web/, ['wap']],
  [/exchange online/, ['exchange-online']],
  [/exchange local|serveur exchange/, ['exchange-onprem']],
  [/utilisateur/, ['user', 'external-user']],
];

/** Which components a step sentence names; "Outlook" is the journey's mailbox service. */
export function participants(step: string, mailbox: string): Set<string> {
  const t = step.toLowerCase();
  const found = new Set(PARTICIPANTS.filter(([re]) => re.test(t)).flatMap(([, ids]) => ids));
  if (/outlook/.test(t)) found.add(mailbox);
  return found;
}

describe.skipIf(missing(requirements.seeds))('exchange-hybrid-web-mfa catalog against seed 002', () => {
  const text = readSeed(seedsDir(), SEED);
  const lines = text.split(/\r?\n/).map(normalize);
  const catalog = readCatalog('exchange-hybrid-web-mfa');

  const components = section(lines, 'Composants', (l) => l === 'Détails du scénario').map(
    (l) => l.split('. ')[0] as string,
  );
  const journeys = [
    {
      heading: ONLINE,
      mailbox: 'exchange-online',
      expected: EXPECTED.online,
      steps: splitSteps(section(lines, ONLINE, (l) => l === ONPREM)),
    },
    {
      heading: ONPREM,
      mailbox: 'exchange-onprem',
      expected: EXPECTED.onprem,
      steps: splitSteps(section(lines, ONPREM, (l) => l.startsWith('Si vous voulez implémenter'))),
    },
  ];

  it('lists the seven components as roles, in the seed order', () => {
    expect(components).toHaveLength(EXPECTED.components);
    const named = Object.values(catalog.roles)
      .map((r) => normalize(r.title.fr))
      .filter((t) => components.includes(t));
    expect(named).toEqual(components);
  });

  it('also has the participants the article names outside the component list', () => {
    for (const id of ['exchange-online', 'entra-connect', 'user', 'external-user'])
      expect(catalog.roles[id]).toBeDefined();
    expect(text).toContain('https://outlook.office.com/owa');
    expect(catalog.roles['exchange-online']?.addresses).toContain('outlook.office.com');
    expect(text).toContain('https://mail.contoso.com/owa');
    expect(catalog.parameters.owa_fqdn?.example).toBe('mail.contoso.com');
  });

  describe.each(journeys.map((j) => [j.heading, j] as const))('journey "%s"', (heading, journey) => {
    const scenario = catalog.scenarios.find((s) => normalize(s.ref) === heading);

    it('has the seed number of steps', () => {
      expect(journey.steps).toHaveLength(journey.expected);
      expect(scenario?.steps).toHaveLength(journey.steps.length);
    });

    it.each(journey.steps.map((s, i) => [i + 1, s] as const))(
      'step %i is between components the seed names',
      (n, step) => {
        const named = participants(step, journey.mailbox);
        const ours = scenario?.steps[n - 1];
        expect(ours, `step ${n} missing`).toBeDefined();
        expect(named, `step ${n}: ${step}`).toContain(ours?.from);
        expect(named, `step ${n}: ${step}`).toContain(ours?.to);
      },
    );

    it('references only existing flows and roles', () => {
      const flowIds = new Set(catalog.flows.map((f) => f.id));
      for (const step of scenario?.steps ?? []) {
        if (step.flow) expect(flowIds).toContain(step.flow);
        expect(catalog.roles[step.from]).toBeDefined();
        expect(catalog.roles[step.to]).toBeDefined();
      }
    });
  });

  it('keeps the perimeter layout: Internet reaches only the proxy, the proxy reaches AD FS and Exchange', () => {
    const fromInternet = catalog.flows.filter((f) => f.from === 'external-user');
    expect(fromInternet.map((f) => f.to)).toEqual(['wap']);
    const fromWap = catalog.flows.filter((f) => f.from === 'wap').map((f) => f.to);
    expect(fromWap.sort()).toEqual(['adfs', 'exchange-onprem']);
    for (const f of [...fromInternet, ...catalog.flows.filter((g) => g.from === 'wap')]) {
      expect(f.services).toEqual(['https']);
      expect(catalog.services.https?.ports).toEqual(['tcp/443']);
    }
  });

  it('records the prerequisites as notes and manual checks', () => {
    expect(text).toMatch(/AD FS 2016 ou 2019/);
    expect(text).toMatch(/au moins Microsoft Entra ID P1/);
    const manual = catalog.checks.filter((c) => c.probe.type === 'manual').map((c) => c.title.en);
    expect(manual.some((t) => /2016 or 2019/.test(t))).toBe(true);
    expect(manual.some((t) => /Entra ID P1/.test(t))).toBe(true);
    expect(manual.some((t) => /synchronised.*licensed/.test(t))).toBe(true);
    expect(catalog.notes.some((n) => /2016 or 2019/.test(n.text.en))).toBe(true);
  });

  it('loads through the catalog loader without issues', () => {
    const loaded = loadCatalogFile(`${repoRoot}catalogs/exchange-hybrid-web-mfa.yaml`);
    expect(loaded.ok ? [] : loaded.issues).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/fs.js';
import type { Catalog, Flow } from '../../src/model/catalog.js';
import { pick } from '../../src/model/text.js';
import { readCatalog, readSeed, repoRoot } from '../support/catalogs.js';
import { compare002, normalize, readSeed002 } from '../support/seed-002.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/exchange-hybrid-web-mfa.yaml to seed 002 (web access with AD FS + Microsoft Entra MFA).
 * The facts come from the seed text (test/support/seed-002.ts); `compare002` lists the differences. The real
 * catalog has none; each mutation below (what a careless edit would do) must produce the difference it names.
 */
const SEED = '002_a19bddee126726e8.txt';

const clone = (c: Catalog): Catalog => structuredClone(c);
const flow = (c: Catalog, id: string): Flow => {
  const f = c.flows.find((x) => x.id === id);
  if (!f) throw new Error(`no flow ${id}`);
  return f;
};
/** A flow removed with every scenario step and check that references it. */
function removeFlow(c: Catalog, id: string): void {
  c.flows = c.flows.filter((f) => f.id !== id);
  for (const s of c.scenarios) s.steps = s.steps.filter((st) => st.flow !== id);
  c.scenarios = c.scenarios.filter((s) => s.steps.length > 0);
  for (const ch of c.checks) ch.flows = ch.flows.filter((f) => f !== id);
}

const MUTATIONS: [string, (c: Catalog) => void, RegExp][] = [
  [
    'reverse a flow (Internet → proxy becomes proxy → Internet)',
    (c) => {
      const f = flow(c, 'external-user-to-wap');
      [f.from, f.to] = [f.to, f.from];
    },
    /wap → external-user is not a flow/,
  ],
  [
    'the known defect: Internet → WAP → AD FS only with on-premises mailboxes',
    (c) => {
      flow(c, 'external-user-to-adfs-proxy').when = 'exchange-onprem && external-access';
      flow(c, 'wap-to-adfs').when = 'exchange-onprem && external-access';
    },
    /external-user → wap: closed with online=\d onprem=0 external=1 federated=1/,
  ],
  [
    'drop a condition',
    (c) => {
      flow(c, 'user-to-exchange-onprem').when = undefined;
    },
    /user → exchange-onprem: open/,
  ],
  [
    'widen a condition',
    (c) => {
      flow(c, 'wap-to-exchange-onprem').when = 'exchange-onprem || external-access';
    },
    /wap → exchange-onprem: open/,
  ],
  [
    'narrow a condition (AD FS flows without federated)',
    (c) => {
      flow(c, 'user-to-adfs').when = 'exchange-onprem';
    },
    /user → adfs: closed/,
  ],
  [
    'change a requirement level',
    (c) => {
      flow(c, 'wap-to-adfs').level = 'optional';
    },
    /wap-to-adfs .*level optional/,
  ],
  [
    'change authentication (IWA replaced)',
    (c) => {
      flow(c, 'user-to-adfs').auth = { default: ['basic'], supported: ['basic'] };
    },
    /user-to-adfs .*authentication basic without origin/,
  ],
  [
    'drop multifactor authentication from the Entra ID sign-in',
    (c) => {
      flow(c, 'user-to-entra-id').auth = { default: ['forms'], supported: ['forms'] };
    },
    /user → entra-id: default authentication lacks mfa/,
  ],
  [
    'change encryption',
    (c) => {
      flow(c, 'user-to-exchange-online').encryption = { supported: [], byDefault: 'no' };
    },
    /user-to-exchange-online .*not encrypted by default/,
  ],
  [
    'add an invented destination',
    (c) =>
      void c.flows.push({ ...flow(c, 'user-to-adfs'), id: 'user-to-dc', to: 'active-directory', origin: undefined }),
    /user-to-dc: user → active-directory is not a flow/,
  ],
  [
    'move a port between legs (3268 from the directory service to HTTPS)',
    (c) => {
      const https = c.services.https;
      if (https) https.ports = [...https.ports, 'tcp/3268'];
    },
    /ports tcp\/3268,tcp\/443/,
  ],
  ['remove a flow with everything that references it', (c) => removeFlow(c, 'wap-to-adfs'), /wap → adfs missing/],
  [
    'drop the origin of a fact not in the article',
    (c) => {
      flow(c, 'adfs-to-entra-mfa').origin = undefined;
    },
    /adfs-to-entra-mfa .*ports without origin/,
  ],
  [
    'number the federated paragraph as a step of its own again',
    (c) => {
      const online = c.scenarios.find((s) => s.id === 'exchange-online-web-access');
      online?.steps.splice(2, 0, { from: 'entra-id', to: 'adfs', label: { fr: 'x', en: 'x' } });
    },
    /exchange-online-web-access: 7 steps, the article numbers 6/,
  ],
  [
    'swap two steps of the on-premises journey',
    (c) => {
      const s = c.scenarios.find((x) => x.id === 'exchange-onprem-web-access');
      if (s) [s.steps[1], s.steps[3]] = [s.steps[3] as never, s.steps[1] as never];
    },
    /exchange-onprem-web-access step 2: entra-mfa not named/,
  ],
  [
    'make a web flow cross the Internet inbound to AD FS directly',
    (c) => {
      flow(c, 'external-user-to-adfs-proxy').to = 'adfs';
    },
    /external-user → adfs is not a flow/,
  ],
];

describe.skipIf(missing(requirements.seeds))('exchange-hybrid-web-mfa catalog against seed 002', () => {
  const text = readSeed(seedsDir(), SEED);
  const seed = readSeed002(text);
  const catalog = readCatalog('exchange-hybrid-web-mfa');

  it('reads the article: seven components, six numbered online steps (+ the federated paragraph), seven on-premises', () => {
    expect(seed.components).toHaveLength(7);
    expect(seed.online).toHaveLength(6);
    expect(seed.federated).toHaveLength(2);
    expect(seed.onprem).toHaveLength(7);
    expect(seed.conditionalAccessStep).toBe(3);
    expect(seed.wapIsAdfsProxy).toBe(true);
    expect(seed.federatedGoesToAdfs).toBe(true);
    expect(seed.adfsAuth).toEqual({ internal: 'windows-integrated', external: 'forms' });
    expect(seed.httpsUrls).toEqual([
      { host: 'outlook.office.com', roles: ['exchange-online'] },
      { host: 'mail.contoso.com', roles: ['exchange-onprem', 'wap'] },
    ]);
    expect(seed.prerequisites).toEqual({ adfsVersions: ['2016', '2019'], entraP1: true });
  });

  it('has no difference with the article', () => {
    expect(compare002(seed, catalog)).toEqual([]);
  });

  it.each(MUTATIONS)('catches a mutation: %s', (_, mutate, expected) => {
    const mutated = clone(catalog);
    mutate(mutated);
    const diffs = compare002(seed, mutated);
    expect(diffs.join('\n')).toMatch(expected);
  });

  it('lists the seven components as roles, in the seed order, and the other participants', () => {
    const named = Object.values(catalog.roles)
      .map((r) => normalize(pick(r.title, 'fr')))
      .filter((t) => seed.components.includes(t));
    expect(named).toEqual(seed.components);
    for (const u of seed.httpsUrls)
      for (const role of u.roles) {
        const host = catalog.roles[role]?.addresses?.[0] ?? catalog.parameters.owa_fqdn?.example;
        expect(host, role).toBe(u.host);
      }
  });

  it('marks where every role address, parameter default and added check comes from', () => {
    for (const [id, r] of Object.entries(catalog.roles)) {
      const fromSeed = (r.addresses ?? []).every((a) => seed.httpsUrls.some((u) => u.host === a));
      if (!fromSeed) expect(r.origin?.en, id).toBeTruthy();
    }
    for (const [id, p] of Object.entries(catalog.parameters))
      if (p.default !== undefined || (p.example !== undefined && !text.includes(String(p.example))))
        expect(p.origin?.en, id).toBeTruthy();
    for (const c of catalog.checks)
      if (c.probe.target && !text.includes(c.probe.target.replace(/\$\{[^}]+\}/g, '')))
        expect(c.origin?.en, c.id).toBeTruthy();
    for (const [id, s] of Object.entries(catalog.services))
      if (s.ports.some((p) => p !== 'tcp/443')) expect(s.origin?.en, id).toBeTruthy();
  });

  it('records the prerequisites as notes and manual checks', () => {
    const manual = catalog.checks.filter((c) => c.probe.type === 'manual').map((c) => pick(c.title, 'en'));
    expect(manual.some((t) => t.includes(seed.prerequisites.adfsVersions.join(' or ')))).toBe(true);
    expect(manual.some((t) => /Entra ID P1/.test(t))).toBe(true);
    expect(manual.some((t) => /synchronised.*licensed/.test(t))).toBe(true);
    expect(catalog.notes.some((n) => pick(n.text, 'en').includes(seed.prerequisites.adfsVersions.join(' or ')))).toBe(
      true,
    );
  });

  it('keeps the article wording in the component titles (typographic apostrophe)', () => {
    expect(catalog.roles.wap?.title.fr).toBe('Proxy d’application web');
  });

  it('loads through the catalog loader without issues', () => {
    const loaded = loadCatalogFile(`${repoRoot}catalogs/exchange-hybrid-web-mfa.yaml`);
    expect(loaded.ok ? loaded.warnings : loaded.issues).toEqual([]);
  });
});

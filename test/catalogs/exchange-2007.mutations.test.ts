import { describe, expect, it } from 'vitest';
import type { Catalog, Flow } from '../../src/model/catalog.js';
import { readCatalog, readSeed } from '../support/catalogs.js';
import { SEED_003 } from '../support/seed-003.js';
import { compareWithSeed, type Difference } from '../support/seed-003-compare.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * The fidelity comparison cannot be fooled: each mutation of the real catalog (a copy) must be reported, with the
 * fact it breaks. The unmutated catalog gives no difference (exchange-2007.fidelity.test.ts).
 */
type Mutation = readonly [name: string, mutate: (c: Catalog) => void, expected: Partial<Difference>];

const flow = (c: Catalog, id: string): Flow => {
  const f = c.flows.find((x) => x.id === id);
  if (!f) throw new Error(`no flow ${id}`);
  return f;
};
/** Removes a flow and what refers to it (checks, scenario steps): the seed row must then be reported. */
const removeFlow = (c: Catalog, id: string) => {
  c.flows = c.flows.filter((f) => f.id !== id);
  c.checks = c.checks.map((k) => ({ ...k, flows: k.flows.filter((f) => f !== id) }));
  c.scenarios = c.scenarios.map((s) => ({ ...s, steps: s.steps.filter((st) => st.flow !== id) }));
};

const MUTATIONS: Mutation[] = [
  [
    'reverse Hub → Edge',
    (c) => Object.assign(flow(c, 'hub-to-edge-smtp'), { from: 'edge-transport', to: 'hub-transport' }),
    { flow: 'hub-to-edge-smtp', fact: 'from' },
  ],
  [
    'reverse UM → Mailbox',
    (c) => Object.assign(flow(c, 'um-to-mailbox-rpc'), { from: 'mailbox', to: 'unified-messaging' }),
    { flow: 'um-to-mailbox-rpc', fact: 'to' },
  ],
  [
    'reverse a Client Access row (client → CAS by the table introduction)',
    (c) => Object.assign(flow(c, 'client-to-cas-owa-https'), { from: 'client-access', to: 'end-user-client' }),
    { flow: 'client-to-cas-owa-https', fact: 'from' },
  ],
  [
    'drop the Outlook 2003 condition',
    (c) => void delete flow(c, 'client-to-mailbox-oab-rpc').when,
    { flow: 'client-to-mailbox-oab-rpc', fact: 'when' },
  ],
  [
    'widen the Outlook 2003 condition',
    (c) => {
      flow(c, 'client-to-mailbox-oab-rpc').when = 'outlook-2003 || outlook-2007';
    },
    { flow: 'client-to-mailbox-oab-rpc', fact: 'when' },
  ],
  [
    'narrow the web distribution condition',
    (c) => {
      flow(c, 'client-to-cas-oab-web-https').when = 'outlook-2007 && oab-web-distribution && outlook-2003';
    },
    { flow: 'client-to-cas-oab-web-https', fact: 'when' },
  ],
  [
    'drop the earlier-Exchange condition',
    (c) => void delete flow(c, 'cas-to-legacy-mailbox').when,
    { flow: 'cas-to-legacy-mailbox', fact: 'when' },
  ],
  [
    'drop a condition of ours (POP3 is then optional with no condition)',
    (c) => {
      const f = flow(c, 'client-to-cas-pop3');
      delete f.when;
      delete f.origin;
    },
    { flow: 'client-to-cas-pop3', fact: 'level' },
  ],
  [
    'add a condition without origin',
    (c) => {
      flow(c, 'hub-to-ad').when = 'edge-transport';
    },
    { flow: 'hub-to-ad', fact: 'when' },
  ],
  [
    'change a requirement level',
    (c) => {
      flow(c, 'hub-to-ad').level = 'recommended';
    },
    { flow: 'hub-to-ad', fact: 'level' },
  ],
  [
    'make an optional path mandatory',
    (c) => {
      flow(c, 'client-to-cas-imap4').level = 'mandatory';
    },
    { flow: 'client-to-cas-imap4', fact: 'level' },
  ],
  [
    'EdgeSync 50389 marked LDAPS, encrypted by default',
    (c) => {
      flow(c, 'hub-to-edge-edgesync-ldap').encryption = { supported: ['ldaps'], byDefault: 'yes' };
    },
    { flow: 'hub-to-edge-edgesync-ldap', fact: 'encryption' },
  ],
  [
    'row 4 LDAP/HTTP marked TLS',
    (c) => {
      flow(c, 'edge-certificate-validation').encryption = { supported: ['tls'], byDefault: 'yes' };
    },
    { flow: 'edge-certificate-validation', fact: 'encryption' },
  ],
  [
    'UM media marked encrypted',
    (c) => {
      flow(c, 'gateway-to-um-fax-media').encryption = { supported: ['tls'], byDefault: 'yes' };
    },
    { flow: 'gateway-to-um-fax-media', fact: 'encryption' },
  ],
  [
    'OAB web marked encrypted by default',
    (c) => {
      flow(c, 'client-to-cas-oab-web-https').encryption = { supported: ['https'], byDefault: 'yes' };
    },
    { flow: 'client-to-cas-oab-web-https', fact: 'encryption' },
  ],
  [
    'HTTP leg without its origin',
    (c) => void delete flow(c, 'client-to-cas-owa-http').origin?.encryption,
    { flow: 'client-to-cas-owa-http', fact: 'encryption' },
  ],
  [
    'invented destination',
    (c) => {
      flow(c, 'hub-to-edge-smtp').to = ['edge-transport', 'backup-server'];
    },
    { flow: 'hub-to-edge-smtp', fact: 'to' },
  ],
  [
    'invented role',
    (c) => {
      c.roles.mystery = { title: { fr: 'Mystère', en: 'Mystery' } };
    },
    { ref: 'roles.mystery', fact: 'role' },
  ],
  [
    'move 50389 into the LDAPS leg',
    (c) => {
      flow(c, 'hub-to-edge-edgesync-ldaps').services.push('adam-ldap');
      removeFlow(c, 'hub-to-edge-edgesync-ldap');
    },
    { flow: 'hub-to-edge-edgesync-ldaps', fact: 'encryption' },
  ],
  [
    'move port 80 into the HTTPS leg',
    (c) => {
      flow(c, 'client-to-cas-owa-https').services.unshift('http');
      removeFlow(c, 'client-to-cas-owa-http');
    },
    { flow: 'client-to-cas-owa-https', fact: 'encryption' },
  ],
  [
    'move 995 to the TLS leg',
    (c) => {
      flow(c, 'client-to-cas-pop3').services.push('pop3s');
      removeFlow(c, 'client-to-cas-pop3s');
    },
    { flow: 'client-to-cas-pop3', fact: 'encryption' },
  ],
  [
    'remove a port',
    (c) => {
      c.services['ad-access'] = { ports: ['tcp/389', 'tcp/3268', 'tcp/88', 'udp/88', 'tcp/53', 'udp/53', 'tcp/135'] };
    },
    { ref: 'Transport table, row 10', fact: 'services' },
  ],
  [
    'add a port',
    (c) => void flow(c, 'hub-to-hub-smtp').services.push('smtp-submission'),
    { ref: 'Transport table, row 1', fact: 'services' },
  ],
  [
    'remove the EdgeSync cleartext leg and what refers to it',
    (c) => removeFlow(c, 'hub-to-edge-edgesync-ldap'),
    { ref: 'Transport table, row 8', fact: 'services' },
  ],
  ['remove a whole row', (c) => removeFlow(c, 'mailbox-assistants'), { ref: 'Mailbox table, row 7', fact: 'row' }],
  [
    'a port the document does not write, without origin',
    (c) => void delete flow(c, 'client-to-hub-smtp').origin?.services,
    { flow: 'client-to-hub-smtp', fact: 'services' },
  ],
  [
    'a direction of ours without origin',
    (c) => void delete flow(c, 'client-to-mailbox-mapi').origin,
    { flow: 'client-to-mailbox-mapi', fact: 'from' },
  ],
  [
    'a feature default without origin',
    (c) => void delete (c.features.pop3 as { origin?: unknown }).origin,
    { ref: 'features.pop3', fact: 'feature' },
  ],
  [
    'a parameter default without origin',
    (c) => void delete (c.parameters.rpc_dynamic_low as { origin?: unknown }).origin,
    { ref: 'parameters.rpc_dynamic_low', fact: 'parameter' },
  ],
  [
    'a protocol the document does not name, without origin',
    (c) => {
      flow(c, 'hub-to-ad').app = 'QUIC';
    },
    { flow: 'hub-to-ad', fact: 'app' },
  ],
  [
    'the label loses its no-break space',
    (c) => {
      (flow(c, 'hub-to-edge-edgesync-ldaps').label as { fr: string }).fr = 'Service EdgeSync de Microsoft Exchange';
    },
    { flow: 'hub-to-edge-edgesync-ldaps', fact: 'label' },
  ],
  [
    'the co-located Kerberos note dropped',
    (c) => void delete flow(c, 'hub-to-mailbox-mapi').auth?.note,
    { flow: 'hub-to-mailbox-mapi', fact: 'notes' },
  ],
  [
    'the RPC contradiction note dropped',
    (c) => void delete flow(c, 'mailbox-assistants').notes,
    { flow: 'mailbox-assistants', fact: 'notes' },
  ],
  [
    'the hotfix 937301 note dropped',
    (c) => void delete flow(c, 'cas-to-legacy-mailbox').notes,
    { flow: 'cas-to-legacy-mailbox', fact: 'notes' },
  ],
  [
    'a ref the document does not have',
    (c) => void c.flows.push({ ...flow(c, 'hub-to-hub-smtp'), id: 'extra', ref: 'Transport table, row 99' }),
    { flow: 'extra', fact: 'row' },
  ],
];

describe.skipIf(missing(requirements.seeds))('exchange-2007 fidelity comparison catches', () => {
  const text = readSeed(seedsDir(), SEED_003);
  const original = readCatalog('exchange-2007');

  it.each(MUTATIONS)('%s', (_name, mutate, expected) => {
    const copy = structuredClone(original);
    mutate(copy);
    expect(compareWithSeed(copy, text)).toContainEqual(expect.objectContaining(expected));
  });

  // Any row: every flow's authentication and encryption, changed one at a time, is reported on that flow.
  it.each(original.flows.filter((f) => f.auth).map((f) => [f.id] as const))('a changed authentication on %s', (id) => {
    const copy = structuredClone(original);
    const auth = flow(copy, id).auth;
    if (auth)
      auth.supported = auth.supported.includes('digest')
        ? auth.supported.filter((m) => m !== 'digest')
        : [...auth.supported, 'digest'];
    expect(compareWithSeed(copy, text)).toContainEqual(expect.objectContaining({ flow: id, fact: 'auth' }));
  });
  it.each(original.flows.filter((f) => f.encryption).map((f) => [f.id] as const))(
    'a changed encryption on %s',
    (id) => {
      const copy = structuredClone(original);
      const e = flow(copy, id).encryption;
      if (e) e.byDefault = e.byDefault === 'yes' ? 'no' : 'yes';
      expect(compareWithSeed(copy, text)).toContainEqual(expect.objectContaining({ flow: id, fact: 'encryption' }));
    },
  );
});

import type { Catalog, Flow, FlowFact } from '../../src/model/catalog.js';
import { evalWhen, parseWhen } from '../../src/model/when.js';
import { normalize, notesParagraphs, readSeedRows, type SeedRow } from './seed-003.js';
import { conditionOf, endsOf, NAMED_ELSEWHERE, ROLE_WORDS } from './seed-003-facts.js';

/**
 * The fidelity comparison of catalogs/exchange-2007.yaml with seed 003, as a function returning every difference:
 * the real catalog must give none, and each mutation of it the difference it introduces. Facts the document does
 * not give are accepted only with an `origin` saying where they come from.
 */
export interface Difference {
  readonly ref: string;
  readonly flow?: string;
  readonly fact: FlowFact | 'label' | 'notes' | 'role' | 'feature' | 'parameter' | 'service';
  readonly message: string;
}

const sameSet = <T>(a: Iterable<T>, b: Iterable<T>): boolean => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};
const list = (v: string | readonly string[]): string[] => (typeof v === 'string' ? [v] : [...v]);
const show = (s: Iterable<string>) => `[${[...s].sort().join(', ')}]`;

/** A flow's services as the seed reader's port tokens (`tcp/25`, `tcp/rpc-dynamic` for `${rpc_dynamic_low}-…`). */
export function flowPorts(catalog: Catalog, flow: Flow): Set<string> {
  const out = new Set<string>();
  for (const entry of flow.services)
    for (const spec of catalog.services[entry]?.ports ?? [entry]) {
      const m = /^(tcp|udp)\/(.+)$/.exec(spec);
      if (!m) throw new Error(`flow ${flow.id}: unexpected port spec ${spec}`);
      for (const part of (m[2] as string).split(',')) {
        const range = /^\$\{(\w+)_low\}-\$\{\1_high\}$/.exec(part);
        out.add(`${m[1]}/${range ? (range[1] as string).replaceAll('_', '-') : part}`);
      }
    }
  return out;
}

export function compareWithSeed(catalog: Catalog, seedText: string): Difference[] {
  const rows = readSeedRows(seedText);
  const out: Difference[] = [];
  const refs = new Set(rows.map((r) => r.ref));
  for (const row of rows) out.push(...compareRow(catalog, row, seedText));
  for (const flow of catalog.flows) {
    if (refs.has(flow.ref) || flow.origin?.row) continue;
    out.push(...compareNotesFlow(catalog, flow, seedText));
  }
  out.push(...compareDeclarations(catalog, seedText));
  return out;
}

function compareRow(catalog: Catalog, row: SeedRow, seedText: string): Difference[] {
  const out: Difference[] = [];
  const diff = (fact: Difference['fact'], message: string, flow?: Flow) =>
    out.push({ ref: row.ref, ...(flow ? { flow: flow.id } : {}), fact, message });
  const flows = catalog.flows.filter((f) => f.ref === row.ref && !f.origin?.row);
  if (flows.length === 0) diff('row', 'no flow for this row of the document');
  const ports = new Set(flows.flatMap((f) => [...flowPorts(catalog, f)]));
  if (flows.length > 0 && !sameSet(ports, row.legs.keys()))
    diff('services', `ports ${show(ports)}, the document ${show(row.legs.keys())}`);
  const ends = endsOf(row, seedText);
  const condition = conditionOf(row);
  for (const flow of flows) {
    if (flow.label?.fr !== row.path) diff('label', `label « ${flow.label?.fr} », the document « ${row.path} »`, flow);
    const mine = flowPorts(catalog, flow);
    if ([...mine].some((p) => row.inferredPorts.has(p)) && !flow.origin?.services)
      diff('services', 'a port the document does not write out, without origin.services', flow);
    for (const port of mine) {
      const leg = row.legs.get(port);
      if (!leg) continue;
      const e = flow.encryption;
      if (!e || !sameSet(e.supported, leg.encryption) || e.byDefault !== leg.byDefault)
        diff(
          'encryption',
          `${port}: ${show(e?.supported ?? [])}/${e?.byDefault}, the document ${show(leg.encryption)}/${leg.byDefault}`,
          flow,
        );
      else if (leg.ours && !flow.origin?.encryption)
        diff('encryption', `${port}: read per port without origin.encryption`, flow);
    }
    if (!sameSet(flow.auth?.default ?? [], row.authDefault) || !sameSet(flow.auth?.supported ?? [], row.authSupported))
      diff(
        'auth',
        `${show(flow.auth?.default ?? [])} / ${show(flow.auth?.supported ?? [])}, the document ${show(row.authDefault)} / ${show(row.authSupported)}`,
        flow,
      );
    for (const side of ['from', 'to'] as const) {
      const expected = ends[side];
      const actual = list(flow[side]);
      if (flow.origin?.[side]) continue;
      if (!expected) diff(side, `${side} [${actual}] is not in the document and has no origin`, flow);
      else if (!sameSet(actual, expected)) diff(side, `${side} [${actual}], the document [${expected}]`, flow);
    }
    out.push(...compareCondition(row, flow, condition));
    for (const fact of notesFacts(row, seedText)) if (!fact.test(flow, mine)) diff('notes', fact.message, flow);
  }
  return out;
}

function compareCondition(row: SeedRow, flow: Flow, condition: ReturnType<typeof conditionOf>): Difference[] {
  const out: Difference[] = [];
  const diff = (fact: FlowFact, message: string) => out.push({ ref: row.ref, flow: flow.id, fact, message });
  if (condition) {
    const parsed = flow.when ? parseWhen(flow.when) : undefined;
    if (!parsed?.ok) diff('when', `no condition, the document: ${row.note ?? row.path}`);
    else {
      // Every combination of the features the two conditions name must give the same answer.
      const features = [...new Set([...condition.features, ...whenNames(flow.when as string)])];
      for (let bits = 0; bits < 1 << features.length; bits++) {
        const isOn = (f: string) => ((bits >> features.indexOf(f)) & 1) === 1;
        if (evalWhen(parsed.value, isOn) !== condition.holds(isOn)) {
          diff(
            'when',
            `« ${flow.when} » differs from the document for ${features.filter(isOn).join(', ') || 'no feature'} on`,
          );
          break;
        }
      }
    }
  } else if (flow.when && !flow.origin?.when)
    diff('when', `condition « ${flow.when} » not in the document and without origin`);
  const expectedLevel = flow.when ? 'optional' : 'mandatory';
  if (flow.level !== expectedLevel && !flow.origin?.level)
    diff(
      'level',
      `${flow.level}: the document's « Ports requis » make a path ${expectedLevel} ${flow.when ? 'under its condition' : 'with no condition'}`,
    );
  return out;
}
const whenNames = (when: string): string[] => [...when.matchAll(/[a-z0-9][a-z0-9._-]*/g)].map((m) => m[0]);

interface NotesFact {
  readonly message: string;
  /** Whether the flow carries the fact; `ports` are its port tokens. */
  readonly test: (flow: Flow, ports: ReadonlySet<string>) => boolean;
}
/** Facts the document puts in a cell's second sentence, a row's note or the section notes, that a flow must carry. */
function notesFacts(row: SeedRow, seedText: string): NotesFact[] {
  const facts: NotesFact[] = [];
  const all = (f: Flow) => `${f.notes?.fr ?? ''} ${f.auth?.note?.fr ?? ''} ${f.encryption?.note?.fr ?? ''}`;
  if (/Kerberos est utilisé/.test(row.cells.authDefault))
    facts.push({
      message: 'Kerberos on the same server (auth cell)',
      test: (f) => /Kerberos/.test(f.auth?.note?.fr ?? '') && /même serveur/.test(f.auth?.note?.fr ?? ''),
    });
  if (/v2 uniquement/.test(row.cells.authSupported))
    facts.push({ message: 'NTLM v2 only (auth cell)', test: (f) => /version 2/.test(f.auth?.note?.fr ?? '') });
  if (/texte brut POP\/IMAP/.test(row.cells.authSupported))
    facts.push({ message: 'plain-text POP/IMAP (auth cell)', test: (f) => /POP\/IMAP/.test(f.auth?.note?.fr ?? '') });
  if (/certificat auto-signé/.test(row.cells.byDefault))
    facts.push({
      message: 'self-signed certificate (encrypted by default cell)',
      test: (f) => f.encryption?.supported.length === 0 || /auto-signé/.test(f.encryption?.note?.fr ?? ''),
    });
  if (row.note)
    facts.push({
      message: 'the row’s note',
      test: (f) => normalize(all(f)).includes(normalize(row.note as string).slice(0, 40)),
    });
  if (
    /Le trafic RPC est toujours chiffré/.test(seedText) &&
    /\(RPC\)/.test(row.cells.ports) &&
    row.cells.byDefault.startsWith('Non')
  )
    facts.push({
      message: 'contradiction with « Le trafic RPC est toujours chiffré »',
      test: (f) => /Contradiction/.test(all(f)) && /toujours chiffré/.test(all(f)),
    });
  if (row.legs.has('tcp/5060') && /RTM.*5060\/TCP \(non sécurisé\).*5061\/TCP \(sécurisé\)/.test(seedText))
    facts.push({
      message: 'RTM: 5060 or 5061, not both',
      test: (f, ports) => !ports.has('tcp/5060') || (/RTM/.test(all(f)) && /pas sur les deux/.test(all(f))),
    });
  if (/exécutant une version antérieure/.test(row.path) && /937301/.test(seedText))
    facts.push({
      message: 'Exchange 2003 notes: hotfix 937301, Microsoft-Server-ActiveSync',
      test: (f) => /937301/.test(all(f)) && /Microsoft-Server-ActiveSync/.test(all(f)),
    });
  if (/^Messagerie unifiée vers transport Hub$/.test(row.path))
    facts.push({
      message: 'the same path twice, (TLS) and (SSL)',
      test: (f) => /Contradiction/.test(all(f)) && /\(SSL\)/.test(all(f)) && /\(TLS\)/.test(all(f)),
    });
  return facts;
}

/** A flow from a section's notes: its ports must be in that paragraph, and what it adds must say where from. */
function compareNotesFlow(catalog: Catalog, flow: Flow, seedText: string): Difference[] {
  const m = /^Mailbox notes, paragraph (\d+)$/.exec(flow.ref);
  if (!m)
    return [
      { ref: flow.ref, flow: flow.id, fact: 'row', message: 'a ref the document does not have, without origin.row' },
    ];
  const paragraph =
    notesParagraphs(seedText, 'Notes sur les serveurs de boîtes aux lettres', /^Serveur d'accès au client$/)[
      Number(m[1]) - 1
    ] ?? '';
  const out: Difference[] = [];
  for (const port of flowPorts(catalog, flow)) {
    const [proto, number] = port.split('/') as [string, string];
    if (!new RegExp(`${proto}\\b.*\\b${number}\\b`, 'i').test(paragraph))
      out.push({ ref: flow.ref, flow: flow.id, fact: 'services', message: `${port} is not in ${flow.ref}` });
  }
  for (const fact of ['from', 'to', 'when'] as const)
    if ((fact !== 'when' || flow.when) && !flow.origin?.[fact])
      out.push({ ref: flow.ref, flow: flow.id, fact, message: `${fact} not in the notes, without origin` });
  return out;
}

/** Roles, features, parameters and services: what the document does not name or give carries an origin. */
function compareDeclarations(catalog: Catalog, seedText: string): Difference[] {
  const out: Difference[] = [];
  const named = new Set(
    [...ROLE_WORDS, ...NAMED_ELSEWHERE].filter(([re]) => re.test(seedText)).map(([, role]) => role),
  );
  for (const [id, role] of Object.entries(catalog.roles))
    if (!named.has(id) && !role.origin)
      out.push({ ref: `roles.${id}`, fact: 'role', message: 'a role the document does not name, without origin' });
  for (const [id, feature] of Object.entries(catalog.features))
    if (!feature.origin)
      out.push({
        ref: `features.${id}`,
        fact: 'feature',
        message: 'the document has no options nor defaults: origin needed',
      });
  for (const [id, parameter] of Object.entries(catalog.parameters))
    if (!parameter.origin)
      out.push({ ref: `parameters.${id}`, fact: 'parameter', message: 'the document gives no value: origin needed' });
  const words = normalize(seedText).toLowerCase();
  for (const [id, service] of Object.entries(catalog.services)) {
    const templated = service.ports.some((p) => p.includes('${'));
    const unknownApp = (service.app ?? '').split('/').some((w) => w !== '' && !words.includes(w.toLowerCase()));
    if ((templated || unknownApp) && !service.origin)
      out.push({
        ref: `services.${id}`,
        fact: 'service',
        message: 'a range or protocol the document does not give, without origin',
      });
  }
  for (const flow of catalog.flows)
    if (flow.app?.split('/').some((w) => !words.includes(w.toLowerCase())) && !flow.origin?.app)
      out.push({
        ref: flow.ref,
        flow: flow.id,
        fact: 'app',
        message: `application protocol ${flow.app} not in the document, without origin`,
      });
  return out;
}

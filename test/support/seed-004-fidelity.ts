import type { Catalog, Flow, FlowFact } from '../../src/model/catalog.js';
import { pick } from '../../src/model/text.js';
import { evalWhen, parseWhen } from '../../src/model/when.js';
import { EXPECTED_ROWS_004, normalisePorts, type Peer, type SeedRow004 } from './seed-004.js';

/**
 * The fidelity of catalogs/lync-2013-edge.yaml to seed 004, as a list of differences (empty = faithful). Facts come
 * from the seed's cells (seed-004.ts); a catalog fact no cell states must carry an `origin`, or it is a difference.
 * The feature ids below are the catalog's names for the functions and partner types the seed's words name.
 */

/** What a row's words make necessary: every feature of `all`, and at least one of each `anyOf` group. */
interface Conditions {
  readonly all: Set<string>;
  readonly anyOf: string[][];
}

function seedConditions(row: SeedRow004): Conditions {
  const all = new Set<string>();
  const anyOf: string[][] = [];
  const { table, remark, cell, app } = row;
  if (table === 'Public IM connectivity') all.add('public-im');
  if (table === 'Federation') all.add('federation');
  if (table === 'XMPP' || app.startsWith('XMPP')) all.add('xmpp');
  if (/uniquement pour la fédération avec des partenaires exécutant Office Communications Server 2007/.test(remark))
    for (const f of ['federation', 'federation-ocs2007']) all.add(f);
  if (/^Obligatoire pour la fédération/.test(remark)) all.add('federation');
  if (/Obligatoire en cas de fédération avec .*Windows Live Messenger.*plusieurs pools de serveurs Edge/.test(remark))
    anyOf.push(['federation', 'public-im', 'multiple-edge-pools']);
  if (/connectivité fédérée et PIC/.test(remark) && table === 'External interface')
    anyOf.push(['federation', 'public-im']);
  if (cell.startsWith('Conférence web/') || app.startsWith('PSOM')) all.add('web-conferencing');
  if (cell.startsWith('A/V/') || /A\/V/.test(remark) || app === 'RTP' || app === 'STUN/MSTURN') all.add('av');
  if (table === 'External interface' && /accès des utilisateurs externes/.test(remark)) all.add('remote-access');
  return { all, anyOf };
}

/** Rows the seed makes optional: « uniquement … », the public IM table, XMPP (« de manière facultative »). */
const optionalRow = (row: SeedRow004): boolean =>
  /uniquement pour/.test(row.remark) || row.table === 'Public IM connectivity' || row.app.startsWith('XMPP');

const list = (v: string | readonly string[]): string[] => (typeof v === 'string' ? [v] : [...v]);
const has = (f: Flow, fact: FlowFact): boolean => f.origin?.[fact] !== undefined;
const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join(' ') === [...b].sort().join(' ');

function checkPeer(c: Catalog, f: Flow, side: 'from' | 'to', expected: Peer, row: SeedRow004, out: string[]): void {
  const at = `${row.ref} ${f.id}`;
  const roles = list(f[side]);
  for (const r of roles) if (!(r in c.roles)) out.push(`${at}: ${side} names unknown role ${r}`);
  if (expected.any) {
    const role = roles[0] as string;
    if (roles.length !== 1 || !same(c.roles[role]?.addresses ?? [], ['any']))
      out.push(`${at}: ${side} is « Indifférente » (any), not ${roles.join(', ')}`);
    if ((row.iface === 'internal') !== (role === 'internal-any'))
      out.push(`${at}: ${side} any address on the ${row.iface} side, not ${role}`);
    return;
  }
  if (!same(roles, expected.roles)) out.push(`${at}: ${side} ${roles.join(', ')} ≠ seed ${expected.roles.join(', ')}`);
  if (!expected.narrowed) return;
  // « Indifférente (définissable en tant que …) »: the catalog may take the narrowing, as a reading of its own.
  for (const r of roles) if (c.roles[r]?.addresses) out.push(`${at}: ${side} ${r} is site-bound, not fixed`);
  if (!has(f, side)) out.push(`${at}: ${side} narrows « Indifférente » without origin`);
}

function checkSecurity(f: Flow, row: SeedRow004, out: string[]): void {
  const at = `${row.ref} ${f.id}`;
  const enc = f.encryption;
  const auth = [...(f.auth?.default ?? []), ...(f.auth?.supported ?? [])];
  if (!enc) out.push(`${at}: no encryption facts`);
  if (!f.auth) out.push(`${at}: no authentication facts`);
  const mtls = /MTLS/.test(row.app);
  if (mtls) {
    if (!enc?.supported.includes('mtls') || enc.byDefault !== 'yes') out.push(`${at}: MTLS is encrypted by default`);
    if (!f.auth?.default.includes('mtls')) out.push(`${at}: MTLS authenticates both ends`);
  } else if (auth.includes('mtls')) out.push(`${at}: mutual TLS authentication the cell does not state`);
  const unstated = auth.filter((a) => a !== 'unknown' && !(mtls && a === 'mtls'));
  if (unstated.length > 0 && !has(f, 'auth')) out.push(`${at}: authentication ${unstated.join(', ')} without origin`);
  if (!enc || mtls) return;
  if (/\/TLS$/.test(row.app)) {
    if (!enc.supported.includes('tls') || enc.byDefault !== 'yes') out.push(`${at}: TLS is encrypted by default`);
  } else if (row.app === 'HTTPS') {
    if (!enc.supported.includes('https') || enc.byDefault !== 'yes') out.push(`${at}: HTTPS is encrypted by default`);
  } else if (row.app === 'HTTP' || row.app === 'DNS') {
    if (enc.supported.length > 0 || enc.byDefault !== 'no') out.push(`${at}: ${row.app} is cleartext`);
  } else {
    if (enc.byDefault !== 'unknown') out.push(`${at}: encryption byDefault ${enc.byDefault}, the cell says nothing`);
    if (enc.supported.length > 0 && !has(f, 'encryption'))
      out.push(`${at}: encryption ${enc.supported.join(', ')} without origin`);
  }
}

function checkCondition(c: Catalog, f: Flow, row: SeedRow004, out: string[]): void {
  const at = `${row.ref} ${f.id}`;
  const parsed = f.when === undefined ? undefined : parseWhen(f.when);
  if (parsed && !parsed.ok) {
    out.push(`${at}: bad condition "${f.when}"`);
    return;
  }
  const holds = (on: (x: string) => boolean) => (parsed ? evalWhen(parsed.value, on) : true);
  const { all, anyOf } = seedConditions(row);
  const features = Object.keys(c.features);
  const necessary = features.filter((x) => !holds((y) => y !== x));
  for (const x of all) if (!necessary.includes(x)) out.push(`${at}: condition "${f.when ?? ''}" does not require ${x}`);
  for (const group of anyOf) {
    if (holds((y) => !group.includes(y))) out.push(`${at}: condition holds without any of ${group.join(', ')}`);
    for (const x of group)
      if (!holds((y) => y === x || !group.includes(y))) out.push(`${at}: condition does not accept ${x} alone`);
  }
  const stated = new Set([...all, ...anyOf.flat()]);
  for (const x of necessary)
    if (!stated.has(x) && !has(f, 'when')) out.push(`${at}: condition requires ${x}, not in the seed`);
  const level = optionalRow(row) ? 'optional' : 'mandatory';
  if (f.level !== level && !has(f, 'level')) out.push(`${at}: level ${f.level} ≠ seed ${level}`);
}

function checkRow(c: Catalog, f: Flow, row: SeedRow004, out: string[]): void {
  const at = `${row.ref} ${f.id}`;
  if (f.kind !== 'network') out.push(`${at}: kind ${f.kind}`);
  if (f.app !== row.app) out.push(`${at}: app ${f.app} ≠ seed ${row.app}`);
  const specs = f.services.flatMap((s) => c.services[s]?.ports ?? [s]).map(normalisePorts);
  if (!same(specs, [row.spec])) out.push(`${at}: ports ${specs.join(' ')} ≠ seed ${row.spec}`);
  if (f.interface !== row.iface) out.push(`${at}: interface ${f.interface} ≠ seed ${row.iface}`);
  const edgeSends = !row.from.any && row.from.roles.some((r) => r.startsWith('edge-'));
  const direction = row.iface === 'internal' ? 'internal' : edgeSends ? 'outbound' : 'inbound';
  if (f.direction !== direction) out.push(`${at}: direction ${f.direction} ≠ seed ${direction}`);
  checkPeer(c, f, 'from', row.from, row, out);
  checkPeer(c, f, 'to', row.to, row, out);
  checkSecurity(f, row, out);
  checkCondition(c, f, row, out);
  const label = (f.label && pick(f.label, 'fr'))?.split(' — ')[0];
  if (label !== row.rawCell) out.push(`${at}: label « ${label} » ≠ the cell « ${row.rawCell} »`);
}

/** Every difference between the catalog and the seed; [] when the catalog is faithful. */
export function lyncDifferences(c: Catalog, rows: readonly SeedRow004[], seed: string): string[] {
  const out: string[] = [];
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.table] = (counts[r.table] ?? 0) + 1;
  for (const [table, n] of Object.entries(EXPECTED_ROWS_004))
    if (counts[table] !== n) out.push(`seed: ${counts[table] ?? 0} rows in ${table}, not ${n}`);
  if (!/déploie de manière facultative un proxy XMPP/.test(seed)) out.push('seed: XMPP is no longer optional');
  const seedRefs = new Set(rows.map((r) => r.ref));
  for (const f of c.flows) {
    const inTable = Object.keys(EXPECTED_ROWS_004).some((t) => f.ref.startsWith(`${t}, row `));
    if (inTable && !seedRefs.has(f.ref)) out.push(`${f.id}: ref ${f.ref} is no row of the seed`);
    if (!inTable && !has(f, 'row')) out.push(`${f.id}: not a table row, and no origin says where it comes from`);
  }
  for (const [id, feature] of Object.entries(c.features))
    if (feature.default && !feature.origin) out.push(`feature ${id}: on by default without origin`);
  for (const row of rows) {
    const flows = c.flows.filter((f) => f.ref === row.ref);
    if (flows.length !== 1) {
      out.push(`${row.ref}: ${flows.length} flows, not 1`);
      continue;
    }
    checkRow(c, flows[0] as Flow, row, out);
  }
  return out;
}

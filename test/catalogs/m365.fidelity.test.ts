import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import type { Catalog, Flow } from '../../src/model/catalog.js';
import { readCatalog, readSeed } from '../support/catalogs.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/m365-additional-endpoints.yaml to seed 001 ("Autres points de terminaison non inclus dans
 * le service Web Adresse IP et URL Microsoft 365"). The seed is parsed here with its own layout rules (numbered
 * rows, a Type phrase closing each row, per-cloud headings, French port phrases) and never through the catalog.
 */
const SEED = '001_35544d9936f145e4.txt';
const ROW_COUNT = 25;

type Direction = 'inbound' | 'outbound' | 'user';

interface SeedAddress {
  readonly cloud: string | undefined;
  /** Ports tied to this address by the row (`host:80`, `https://`, `X sur les ports TCP 80 et 443`). */
  readonly ports: Set<string>;
}

interface SeedRow {
  readonly n: number;
  readonly text: string;
  readonly direction: Direction;
  readonly trusted: boolean;
  readonly addresses: Map<string, SeedAddress>;
  /** Ports the row gives without tying them to one address. */
  readonly rowPorts: Set<string>;
  readonly https: boolean;
  readonly clientTlsPort: string | undefined;
  readonly entraToken: boolean;
  /** Row 17: "every « .sharepoint.com » name with «< locataire> » in it". */
  readonly namePattern: { readonly suffix: string; readonly param: string } | undefined;
}

// --- Seed text ---------------------------------------------------------------------------------------------------

/** No-break and thin spaces become plain spaces; `2001 :489a :3500 ::/50` becomes `2001:489a:3500::/50`. */
function normaliseSeed(raw: string): string {
  const spaced = raw.replace(/[\u00A0\u202F\u2009\u2007]/g, ' ');
  return spaced.replace(/[0-9a-f]{1,4}(?:\s*:\s*[0-9a-f]{0,4})+\/\d{1,3}/gi, (m) => m.replace(/\s+/g, ''));
}

const TYPE_PHRASES: readonly [RegExp, Direction, boolean][] = [
  [/Trafic serveur entrant$/, 'inbound', false],
  [/Trafic serveur sortant$/, 'outbound', false],
  [/Trafic sortant (?:TCP )?serveur uniquement$/, 'outbound', false],
  [/Scénario sortant rare$/, 'outbound', false],
  [/Connectivité sortante de serveur local Skype Entreprise$/, 'outbound', false],
  [/Entrée hybride locale pour Skype Entreprise$/, 'inbound', false],
  [/Sites de confiance$/, 'user', true],
  [/Versions de clients plus anciens Skype Entreprise dans Office 2013 et versions antérieures$/, 'user', false],
];

const CLOUD_HEADINGS: readonly [RegExp, string][] = [
  [/GCC High, DoD IP addresses\s*:/g, 'gcc-high-dod'],
  [/Worldwide Commercial & GCC\s*:/g, 'worldwide'],
  [/Cloud public\s*:/g, 'worldwide'],
  [/Microsoft Cloud for US Government\s*:/g, 'us-government'],
  [/Microsoft Cloud Chine géré par 21Vianet\s*:/g, 'china-21vianet'],
  [/Microsoft 365 Worldwide \(y compris GCC\)/g, 'worldwide'],
];

/** The table body: numbered rows 1..n, each starting a line with its number and a word. */
function splitRows(text: string): { n: number; text: string }[] {
  const start = text.indexOf('\nLigne Objectif Destination Type\n');
  const end = text.indexOf('\nGestion des points de terminaison Microsoft 365');
  const rows: { n: number; text: string }[] = [];
  for (const line of text.slice(start, end).split('\n').slice(2)) {
    const next = rows.length + 1;
    const opens = new RegExp(`^${next} (?=\\p{L})`, 'u').test(line);
    if (opens) rows.push({ n: next, text: line.slice(String(next).length + 1) });
    else if (rows.length > 0) (rows.at(-1) as { text: string }).text += `\n${line}`;
  }
  return rows.map((r) => ({ n: r.n, text: r.text.trim() }));
}

const PORT_NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
const num = (s: string): number => Number(s.replace(/,/g, ''));

/** `TCP 80 & 443`, `UDP 50,000-59,999`, `TCP 50,000-59,999 ; 5061`, `TCP 80 et 443` → `tcp/80`, `udp/50000-59999`. */
function portPhrases(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(TCP|UDP)\b/g)) {
    const item = new RegExp(String.raw`\s*(?:(?:&|et|;)\s*)?${PORT_NUMBER}(?:\s*-\s*${PORT_NUMBER})?`, 'y');
    item.lastIndex = (m.index ?? 0) + 3;
    for (let p = item.exec(text); p !== null; p = item.exec(text)) {
      const lo = num(p[1] as string);
      const hi = p[2] === undefined ? lo : num(p[2]);
      out.push(`${(m[1] as string).toLowerCase()}/${lo === hi ? lo : `${lo}-${hi}`}`);
    }
  }
  return out;
}

function canonical(address: string): string {
  const a = address.trim();
  if (/^[\d.]+(\/\d+)?$/.test(a) || (a.includes(':') && /^[0-9a-f:]+(\/\d+)?$/i.test(a))) {
    if (!a.includes('/')) return ipaddr.parse(a).toString();
    const [ip, len] = ipaddr.parseCIDR(a);
    return `${ip.toString()}/${len}`;
  }
  return a.toLowerCase().replace(/^<([a-z_]+)>\./, '$${$1}.');
}

const NAME = /(?<![\w.-])((?:\*\.|<[a-z_]+>\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[\w*./-]*[\w*])?)(?::(\d{1,5}))?/gi;
const IPV4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?(?![\w.])/g;
const IPV6 = /(?<![\w:])[0-9a-f]{1,4}(?::[0-9a-f]{0,4})+\/\d{1,3}/gi;

/** Addresses of one cloud section; ports tied to an address are read here too. */
function sectionAddresses(section: string, cloud: string | undefined, into: Map<string, SeedAddress>): string {
  let rest = section;
  const add = (a: string, ports: string[] = []) => {
    const key = canonical(a);
    const entry = into.get(key) ?? { cloud, ports: new Set<string>() };
    for (const p of ports) entry.ports.add(p);
    into.set(key, entry);
  };
  rest = rest.replace(/https:\/\/([a-z0-9.-]+)/gi, (_m, host: string) => {
    add(host, ['tcp/443']);
    return ' ';
  });
  rest = rest.replace(/(\S+) sur les ports? ((?:TCP|UDP)[^,.]*)/g, (_m, host: string, ports: string) => {
    add(host, portPhrases(ports));
    return ' ';
  });
  const take = (m: string): string => {
    add(m);
    return ' ';
  };
  rest = rest.replace(IPV6, take).replace(IPV4, take);
  rest = rest.replace(NAME, (_m, name: string, port?: string) => {
    add(name, port === undefined ? [] : [`tcp/${port}`]);
    return ' ';
  });
  return rest;
}

function parseRow(n: number, text: string): SeedRow {
  const type = TYPE_PHRASES.find(([re]) => re.test(text));
  if (!type) throw new Error(`row ${n}: no Type phrase at its end`);
  const pattern = /«\s*(\.[a-z.]+)\s*»[^«]*«\s*<\s*(\w+)>\s*»/.exec(text);
  let body = pattern ? text.replace(pattern[0], ' ') : text;
  const addresses = new Map<string, SeedAddress>();
  const marks = CLOUD_HEADINGS.flatMap(([re, cloud]) => [...body.matchAll(re)].map((m) => ({ m, cloud })));
  marks.sort((a, b) => (a.m.index ?? 0) - (b.m.index ?? 0));
  const cuts = [{ at: 0, len: 0, cloud: undefined as string | undefined }].concat(
    marks.map(({ m, cloud }) => ({ at: m.index ?? 0, len: m[0].length, cloud })),
  );
  body = cuts
    .map((c, i) => sectionAddresses(body.slice(c.at + c.len, cuts[i + 1]?.at ?? body.length), c.cloud, addresses))
    .join(' ');
  return {
    n,
    text,
    direction: type[1],
    trusted: type[2],
    addresses,
    rowPorts: new Set(portPhrases(body)),
    https: /https:\/\//.test(text),
    clientTlsPort: /TCP (\d+) avec ClientTLS/.exec(text)?.[1],
    entraToken: /jeton utilisateur Microsoft Entra/.test(text),
    namePattern: pattern ? { suffix: pattern[1] as string, param: pattern[2] as string } : undefined,
  };
}

// --- Catalog side --------------------------------------------------------------------------------------------------

/** Template names of the seed (French placeholder) → catalog parameter names. */
const PLACEHOLDER_PARAMETERS: Record<string, string> = { locataire: 'tenant', email_domain: 'email_domain' };

function flowPorts(c: Catalog, f: Flow): Set<string> {
  const specs = f.services.flatMap((s) => c.services[s]?.ports ?? [s]);
  const filled = specs.map((s) =>
    s.replace(/\$\{(\w+)\}/g, (_m, name: string) => String(c.parameters[name]?.default ?? `\${${name}}`)),
  );
  return new Set(
    filled.flatMap((s) => {
      const [proto, list = ''] = s.toLowerCase().split('/');
      return list.split(',').map((p) => `${proto}/${p}`);
    }),
  );
}

/** Fixed addresses of a flow's roles, with the cloud they belong to (undefined = every cloud). */
function flowAddresses(c: Catalog, f: Flow): { address: string; cloud: string | undefined }[] {
  const roles = [f.from, f.to].flat();
  return roles.flatMap((id) => {
    const role = c.roles[id];
    const plain = (role?.addresses ?? []).map((a) => ({ address: canonical(a), cloud: undefined }));
    const byCloud = Object.entries(role?.addressesBy?.values ?? {}).flatMap(([cloud, list]) =>
      list.map((a) => ({ address: canonical(a), cloud })),
    );
    return [...plain, ...byCloud];
  });
}

const rowOf = (f: Flow): number => Number(/^row (\d+)[a-z]?$/.exec(f.ref)?.[1] ?? Number.NaN);
const union = (sets: Iterable<Set<string>>): string[] => [...new Set([...sets].flatMap((s) => [...s]))].sort();

const skip = missing(requirements.seeds);

describe.skipIf(skip)('m365-additional-endpoints catalog against seed 001', () => {
  const raw = skip ? '' : readSeed(seedsDir(), SEED);
  const rows = splitRows(normaliseSeed(raw)).map((r) => parseRow(r.n, r.text));
  const catalog = readCatalog('m365-additional-endpoints');
  const flowsOf = (n: number) => catalog.flows.filter((f) => rowOf(f) === n);

  it('finds the 25 numbered rows of the document, in order', () => {
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: ROW_COUNT }, (_, i) => i + 1));
  });

  it('normalises the source typography independently of the catalog', () => {
    expect(raw).toContain('2001\u00A0:489a\u00A0:3500\u00A0::/50');
    const r23 = rows[22] as SeedRow;
    const clouds = (c: string) => [...r23.addresses.values()].filter((a) => a.cloud === c).length;
    expect([clouds('worldwide'), clouds('us-government'), clouds('china-21vianet')]).toEqual([106, 19, 14]);
    expect(r23.addresses.has('2001:489a:3500::/50')).toBe(true);
    expect(r23.addresses.has('2406:e500:5500::/48')).toBe(true);
    expect((rows[1] as SeedRow).addresses.size).toBe(16);
    expect([...(rows[12] as SeedRow).rowPorts].sort()).toEqual(['tcp/50000-59999', 'tcp/5061', 'udp/50000-59999']);
  });

  it('has no flow whose ref names no row', () => {
    expect(catalog.flows.filter((f) => !(rowOf(f) >= 1 && rowOf(f) <= ROW_COUNT)).map((f) => f.ref)).toEqual([]);
  });

  describe.each(rows.map((r) => [r.n, r] as const))('row %i', (n, row) => {
    const flows = flowsOf(n);

    it('is in the catalog with the document’s traffic type', () => {
      expect(flows.length).toBeGreaterThan(0);
      expect(flows.map((f) => f.direction)).toEqual(flows.map(() => row.direction));
    });

    it('has the same ports', () => {
      const seedPorts = union([row.rowPorts, ...[...row.addresses.values()].map((a) => a.ports)]);
      expect(union(flows.map((f) => flowPorts(catalog, f)))).toEqual(seedPorts);
    });

    it('is a network, trusted-site or reference row as the document allows', () => {
      for (const f of flows) {
        const hasAddresses = flowAddresses(catalog, f).length > 0;
        const expected = f.services.length > 0 ? 'network' : row.trusted && hasAddresses ? 'trusted-site' : 'reference';
        expect(f.kind, f.id).toBe(expected);
      }
    });

    it('has the same addresses, per cloud instance, with the ports tied to each', () => {
      const paired = [...row.addresses.values()].some((a) => a.ports.size > 0);
      const catalogSide = flows.flatMap((f) => flowAddresses(catalog, f).map((a) => ({ ...a, flow: f })));
      const seedSide = [...row.addresses.entries()].map(([address, a]) => ({ address, cloud: a.cloud }));
      const key = (a: { address: string; cloud: string | undefined }) => `${a.cloud ?? '*'} ${a.address}`;
      if (row.namePattern) {
        const param = PLACEHOLDER_PARAMETERS[row.namePattern.param] as string;
        expect(catalogSide.length).toBeGreaterThan(0);
        for (const a of catalogSide)
          expect(a.address).toMatch(new RegExp(`\\$\\{${param}\\}.*\\${row.namePattern.suffix}$`));
      } else {
        expect([...new Set(catalogSide.map(key))].sort()).toEqual(seedSide.map(key).sort());
      }
      for (const [address, a] of row.addresses) {
        const expected = paired ? [...a.ports].sort() : union([a.ports, row.rowPorts]);
        const holders = catalogSide.filter((c) => c.address === address && c.cloud === a.cloud).map((c) => c.flow);
        expect(union(holders.map((f) => flowPorts(catalog, f))), address).toEqual(expected);
      }
    });

    it('states the security facts the row gives, and no others', () => {
      for (const f of flows) {
        const ports = flowPorts(catalog, f);
        const clientTls = row.clientTlsPort !== undefined && ports.has(`tcp/${row.clientTlsPort}`);
        if (clientTls) {
          expect(f.auth?.default, f.id).toContain('certificate');
          expect(f.encryption?.supported, f.id).toContain('mtls');
        }
        if (row.https && f.services.length > 0) expect(f.encryption?.supported, f.id).toContain('tls');
        if (row.entraToken) expect(f.auth?.default, f.id).toContain('oauth2');
        const statedEncryption = clientTls || (row.https && f.services.length > 0);
        expect(f.encryption?.byDefault ?? 'unknown', f.id).toBe(statedEncryption ? 'yes' : 'unknown');
        if (!clientTls && !row.entraToken) expect(f.auth?.default ?? ['unknown'], f.id).toEqual(['unknown']);
      }
    });
  });
});

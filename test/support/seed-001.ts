import ipaddr from 'ipaddr.js';

/**
 * Seed 001 ("Autres points de terminaison non inclus dans le service Web Adresse IP et URL Microsoft 365") read
 * with its own layout rules: numbered rows 1..25, a Type phrase closing each row, per-cloud headings, French port
 * phrases. Nothing here looks at a catalog: the facts come from the seed text only.
 */
export const SEED_001 = '001_35544d9936f145e4.txt';
export const ROW_COUNT_001 = 25;

export type SeedDirection = 'inbound' | 'outbound' | 'user';

export interface SeedAddress {
  readonly cloud: string | undefined;
  /** Ports tied to this address by the row (`host:80`, `https://`, `X sur les ports TCP 80 et 443`). */
  readonly ports: Set<string>;
}

export interface SeedRow001 {
  readonly n: number;
  /** The row as written (typography kept), lines joined with spaces. */
  readonly raw: string;
  /** The row with no-break spaces and spaced IPv6 prefixes normalised. */
  readonly text: string;
  readonly direction: SeedDirection;
  /** False where the Type column names no direction (row 12: client versions). */
  readonly directionStated: boolean;
  readonly trusted: boolean;
  readonly addresses: Map<string, SeedAddress>;
  /** Ports the row gives without tying them to one address. */
  readonly rowPorts: Set<string>;
  /** Ports read from a URL scheme (`https://` → tcp/443) rather than written. */
  readonly schemePorts: boolean;
  /** `host:80` — a port with no transport protocol written. */
  readonly bareHostPorts: boolean;
  readonly https: boolean;
  readonly clientTlsPort: string | undefined;
  readonly entraToken: boolean;
  /** Row 18: « nécessite que l’utilisateur authentifié soit passé via un proxy ». */
  readonly proxyRequired: boolean;
  /** Row 17: "every « .sharepoint.com » name with «< locataire> » in it". */
  readonly namePattern: { readonly suffix: string; readonly param: string } | undefined;
}

/** No-break and thin spaces become plain spaces; `2001 :489a :3500 ::/50` becomes `2001:489a:3500::/50`. */
export function normaliseSeed001(raw: string): string {
  const spaced = raw.replace(/[\u00A0\u202F\u2009\u2007]/g, ' ');
  return spaced.replace(/[0-9a-f]{1,4}(?:\s*:\s*[0-9a-f]{0,4})+\/\d{1,3}/gi, (m) => m.replace(/\s+/g, ''));
}

/** Type phrase → direction; `stated` is false where the phrase is not a traffic direction. */
const TYPE_PHRASES: readonly { re: RegExp; direction: SeedDirection; trusted: boolean; stated: boolean }[] = [
  { re: /Trafic serveur entrant$/, direction: 'inbound', trusted: false, stated: true },
  { re: /Trafic serveur sortant$/, direction: 'outbound', trusted: false, stated: true },
  { re: /Trafic sortant (?:TCP )?serveur uniquement$/, direction: 'outbound', trusted: false, stated: true },
  { re: /Scénario sortant rare$/, direction: 'outbound', trusted: false, stated: true },
  {
    re: /Connectivité sortante de serveur local Skype Entreprise$/,
    direction: 'outbound',
    trusted: false,
    stated: true,
  },
  { re: /Entrée hybride locale pour Skype Entreprise$/, direction: 'inbound', trusted: false, stated: true },
  { re: /Sites de confiance$/, direction: 'user', trusted: true, stated: true },
  {
    re: /Versions de clients plus anciens Skype Entreprise dans Office 2013 et versions antérieures$/,
    direction: 'user',
    trusted: false,
    stated: false,
  },
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
export function splitRows001(text: string): { n: number; text: string }[] {
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
export function portPhrases(text: string): string[] {
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

/** One spelling per address: IPs and CIDRs through ipaddr, names lower-cased, `<x>.` placeholders as `${x}.`. */
export function canonicalAddress(address: string): string {
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

/** Addresses of one cloud section; ports tied to an address are read here too. Returns what is left. */
function sectionAddresses(section: string, cloud: string | undefined, into: Map<string, SeedAddress>): string {
  let rest = section;
  const add = (a: string, ports: string[] = []) => {
    const key = canonicalAddress(a);
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

function parseRow(n: number, text: string, raw: string): SeedRow001 {
  const type = TYPE_PHRASES.find(({ re }) => re.test(text));
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
    raw,
    text,
    direction: type.direction,
    directionStated: type.stated,
    trusted: type.trusted,
    addresses,
    rowPorts: new Set(portPhrases(body)),
    schemePorts: /https:\/\//.test(text) && !/\b(?:TCP|UDP)\b/.test(text),
    bareHostPorts: /[a-z]:\d{2,5}\b/.test(text) && !/\b(?:TCP|UDP)\b/.test(text),
    https: /https:\/\//.test(text),
    clientTlsPort: /TCP (\d+) avec ClientTLS/.exec(text)?.[1],
    entraToken: /jeton utilisateur Microsoft Entra/.test(text),
    proxyRequired: /passé via un proxy/.test(text),
    namePattern: pattern ? { suffix: pattern[1] as string, param: pattern[2] as string } : undefined,
  };
}

/** Whitespace runs (not the no-break spaces of the typography) become one space. */
export const collapseBlanks = (s: string): string => s.replace(/[ \t\r\n]+/g, ' ').trim();

/** The 25 rows of the seed, each with its facts. */
export function parseSeed001(raw: string): SeedRow001[] {
  const rawRows = splitRows001(raw);
  return splitRows001(normaliseSeed001(raw)).map((r, i) =>
    parseRow(r.n, r.text, collapseBlanks(rawRows[i]?.text ?? '')),
  );
}

import type { SeedRow } from './seed-003.js';

/**
 * What seed 003 says about a row beyond its cells: the ends of the path (from its wording and its table's
 * introduction or notes) and the condition it applies under (from its « > [!Note] » or its wording). The role and
 * feature ids are the test's vocabulary for the document's words; each word is checked to occur in the seed.
 */

/** The document's words for the roles, most specific first. */
export const ROLE_WORDS: readonly [RegExp, string][] = [
  [/serveur de boîtes aux lettres exécutant une version antérieure/i, 'legacy-exchange'],
  [/transport Hub/i, 'hub-transport'],
  [/transport Edge/i, 'edge-transport'],
  [/boîtes aux lettres/i, 'mailbox'],
  [/serveur d'accès au client/i, 'client-access'],
  [/messagerie unifiée/i, 'unified-messaging'],
  [/Client SMTP d'utilisateur final|^Outlook/i, 'end-user-client'],
  [/Active Directory/i, 'domain-controller'],
];
/** Roles the document names outside the tables' path cells (notes, introductions), with the words it uses. */
export const NAMED_ELSEWHERE: readonly [RegExp, string][] = [
  [/passerelle IP.{0,20}IP PBX/, 'ip-gateway'],
  [/de l'application cliente vers le serveur d'accès au client/, 'end-user-client'],
];

const roleOf = (words: string): string | undefined => ROLE_WORDS.find(([re]) => re.test(words))?.[1];

export interface Ends {
  readonly from?: readonly string[];
  readonly to?: readonly string[];
}

/** The initiator and responder the document gives a row, where it gives them. */
export function endsOf(row: SeedRow, seedText: string): Ends {
  const path = row.path;
  let m = /^Entre (serveurs de transport (?:Hub|Edge))$/.exec(path);
  if (m) {
    const role = roleOf(m[1] as string) as string;
    return { from: [role], to: [role] };
  }
  m = /^Entre (.+?) et (.+?)(?: via .*)?$/.exec(path);
  if (m) return sides(roleOf(m[1] as string), roleOf(m[2] as string));
  m = /^(.+?) vers (.+)$/.exec(path);
  if (m) return sides(roleOf(m[1] as string), roleOf(m[2] as string));
  m = /à partir d'un (.+)$/.exec(path);
  if (m && /Active Directory/.test(path)) return sides(roleOf(m[1] as string), 'domain-controller');
  // « Accès Active Directory », « … à Active Directory », « … pour Active Directory »: the table's server reads the
  // directory (not « Accès au service de topologie Active Directory … », a service of its own).
  if (/^Accès Active Directory$|(?:à|pour) Active Directory$/.test(path) && row.table.ref === 'Mailbox table')
    return sides('mailbox', 'domain-controller');
  if (/\(ADAM\) sur serveur de transport Edge$/.test(path)) return { to: ['edge-transport'] };
  if (/\(accès client à la boîte aux lettres\)$/.test(path)) return { to: ['mailbox'] };
  if (/^Outlook accédant/.test(path) && row.table.ref === 'Client Access table')
    return sides('end-user-client', 'client-access');
  if (/^Outlook accédant/.test(path)) return { from: ['end-user-client'] };
  if (row.table.ref === 'Mailbox table' && /^WebDav$/i.test(path) && WEBDAV_NOTE.test(seedText))
    return { from: ['client-access', 'end-user-client'], to: ['mailbox'] };
  // « Sauf indication contraire, … de l'application cliente vers le serveur d'accès au client. »
  if (row.table.ref === 'Client Access table' && CAS_DEFAULT.test(seedText))
    return sides('end-user-client', 'client-access');
  return {};
}
const WEBDAV_NOTE =
  /clients WebDav puissent se connecter au serveur de boîtes aux lettres[^.]*\. Le serveur d'accès au client se connecte ensuite au serveur de boîtes aux lettres/;
const CAS_DEFAULT = /Sauf indication contraire, .* de l'application cliente vers le serveur d'accès au client/;

const sides = (from: string | undefined, to: string | undefined): Ends => ({
  ...(from ? { from: [from] } : {}),
  ...(to ? { to: [to] } : {}),
});

/** A condition the document states, as a predicate over the concepts it names, and those concepts' feature ids. */
export interface Condition {
  readonly features: readonly string[];
  readonly holds: (isOn: (feature: string) => boolean) => boolean;
}

/** The concepts of the document's conditions, as feature ids (the test's vocabulary). */
export const CONCEPTS = {
  outlook2003: 'outlook-2003',
  outlook2007: 'outlook-2007',
  oabWeb: 'oab-web-distribution',
  earlierExchange: 'legacy-coexistence',
} as const;

export function conditionOf(row: SeedRow): Condition | undefined {
  const { outlook2003, outlook2007, oabWeb, earlierExchange } = CONCEPTS;
  const note = row.note ?? '';
  if (/exécutant une version antérieure/.test(row.path))
    return { features: [earlierExchange], holds: (on) => on(earlierExchange) };
  if (!note) return undefined;
  const terms: ((on: (f: string) => boolean) => boolean)[] = [];
  if (/Outlook 2003 ou aux versions précédentes/.test(note)) terms.push((on) => on(outlook2003));
  const web =
    /Outlook 2007 lorsque la distribution Web du carnet d'adresses en mode hors connexion (n'est pas|est) activée/.exec(
      note,
    );
  if (web) {
    const enabled = web[1] === 'est';
    terms.push((on) => on(outlook2007) && on(oabWeb) === enabled);
  }
  if (terms.length === 0) throw new Error(`${row.ref}: a note the test does not understand: ${note}`);
  return { features: [outlook2003, outlook2007, oabWeb], holds: (on) => terms.some((t) => t(on)) };
}

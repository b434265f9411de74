import { refIn } from '../../model/ref.js';
import { safeText } from '../kit/escape.js';
import { defineFindings, type RowRef } from '../kit/findings.js';

const m365Align = () => ({
  fr: 'Aligner la matrice : proxy: never (direct) ou proxy: required (par le proxy) sur le flux, pour que les règles des pare-feu suivent',
  en: 'Align the matrix: proxy: never (direct) or proxy: required (through the proxy) on the flow, so that the firewall rules follow',
});

/** What pac says it cannot do (besides the generate stage's findings, src/targets/generate/findings.ts). */
export const pacFindings = defineFindings('pac', {
  bypass: {
    severity: 'medium',
    title: {
      fr: 'Exception du proxy illisible (ignorée)',
      en: 'Proxy bypass entry a PAC file cannot express (ignored)',
    },
    message: ({ entry }: { entry: string }) => ({
      fr: `Exception du proxy illisible pour un fichier PAC : ${safeText(entry, 80)} (ignorée)`,
      en: `Proxy bypass entry a PAC file cannot express: ${safeText(entry, 80)} (ignored)`,
    }),
  },
  'internal-domain': {
    severity: 'medium',
    title: { fr: 'Domaine interne illisible (ignoré)', en: 'Internal domain a PAC file cannot express (ignored)' },
    message: ({ domain }: { domain: string }) => ({
      fr: `Domaine interne illisible pour un fichier PAC : ${safeText(domain, 80)} (ignoré)`,
      en: `Internal domain a PAC file cannot express: ${safeText(domain, 80)} (ignored)`,
    }),
  },
  'ipv6-zone': {
    severity: 'low',
    title: {
      fr: 'Préfixes IPv6 d’une zone interne absents du PAC',
      en: 'IPv6 prefixes of an internal zone not in the PAC',
    },
    message: ({ zone, prefixes }: { zone: string; prefixes: readonly string[] }) => ({
      fr: `Zone ${zone} : préfixes IPv6 ${prefixes.join(', ')} absents du PAC (isInNet ne connaît que l’IPv4) ; une URL à adresse IPv6 littérale suit la règle par défaut`,
      en: `Zone ${zone}: IPv6 prefixes ${prefixes.join(', ')} are not in the PAC (isInNet only knows IPv4); a URL with a literal IPv6 address follows the default`,
    }),
    remediation: () => ({ fr: 'Nommer les serveurs internes (FQDN)', en: 'Name the internal servers (FQDN)' }),
  },
  'any-destination': {
    severity: 'medium',
    title: { fr: 'Destination « any » contraire à la règle par défaut', en: 'Destination "any" against the default' },
    message: ({ row, verdict }: { row: RowRef; verdict: 'direct' | 'proxy' }) => {
      const to =
        verdict === 'direct' ? { fr: 'en direct', en: 'direct' } : { fr: 'par le proxy', en: 'through the proxy' };
      return {
        fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : destination « any » ${to.fr}, mais la règle par défaut du PAC dit l’inverse`,
        en: `Flow ${row.flow} (${row.ref}): destination "any" ${to.en}, but the PAC file's default says otherwise`,
      };
    },
    remediation: () => ({
      fr: 'Nommer les destinations du flux, ou changer l’option default du PAC',
      en: 'Name the flow’s destinations, or change the PAC default option',
    }),
  },
  'invalid-address': {
    severity: 'high',
    title: { fr: 'Destination illisible pour un PAC', en: 'Destination a PAC file cannot express' },
    message: ({ row, value }: { row: RowRef; value: string }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : destination illisible pour un PAC (${safeText(value, 80)}), non écrite`,
      en: `Flow ${row.flow} (${row.ref}): destination a PAC file cannot express (${safeText(value, 80)}), not written`,
    }),
    remediation: () => ({
      fr: 'Corriger l’adresse dans le catalogue ou le site',
      en: 'Fix the address in the catalog or the site',
    }),
  },
  'direct-and-proxied': {
    severity: 'medium',
    title: { fr: 'Destination directe et par le proxy selon la source', en: 'Destination direct or proxied by source' },
    message: ({ row, code, firstBy }: { row: RowRef; code: string; firstBy: string }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : ${safeText(code, 100)} passe par le proxy ici mais en direct pour ${safeText(firstBy, 100)} ; un PAC ne distingue pas les sources, il l’envoie en direct`,
      en: `Flow ${row.flow} (${row.ref}): ${safeText(code, 100)} goes through the proxy here but direct for ${safeText(firstBy, 100)}; a PAC file does not tell sources apart, it sends it direct`,
    }),
    remediation: () => ({
      fr: 'Décider d’un seul chemin pour cette destination (proxy: never ou bypass)',
      en: 'Choose one path for this destination (proxy: never or bypass)',
    }),
  },
  'm365-direct': {
    severity: 'low',
    title: { fr: 'Microsoft 365 en direct (m365Type)', en: 'Microsoft 365 sent direct (m365Type)' },
    message: ({ row, type }: { row: RowRef; type: number | string }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : envoyé en direct par le PAC (option m365Type ${type}, comme Get-PacFile) alors que la matrice le fait passer par le proxy ; les pare-feu doivent laisser les postes le joindre directement`,
      en: `Flow ${row.flow} (${row.ref}): sent DIRECT by the PAC file (option m365Type ${type}, as Get-PacFile does) while the matrix routes it through the proxy; the firewalls must let clients reach it directly`,
    }),
    remediation: m365Align,
  },
  'm365-proxied': {
    severity: 'low',
    title: { fr: 'Microsoft 365 par le proxy (m365Type)', en: 'Microsoft 365 sent through the proxy (m365Type)' },
    message: ({ row, type }: { row: RowRef; type: number | string }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : envoyé au proxy par le PAC (option m365Type ${type}, comme Get-PacFile) alors que la matrice le fait passer en direct ; les pare-feu doivent laisser le proxy le joindre`,
      en: `Flow ${row.flow} (${row.ref}): sent through the proxy by the PAC file (option m365Type ${type}, as Get-PacFile does) while the matrix routes it direct; the firewalls must let the proxy reach it`,
    }),
    remediation: m365Align,
  },
  'm365-no-category': {
    severity: 'medium',
    title: { fr: 'Catégorie Microsoft 365 inconnue', en: 'Microsoft 365 category unknown' },
    message: ({ row, type }: { row: RowRef; type: number | string }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : catégorie Microsoft 365 inconnue, laissé par le proxy malgré l’option m365Type ${type}`,
      en: `Flow ${row.flow} (${row.ref}): Microsoft 365 category unknown, left through the proxy despite option m365Type ${type}`,
    }),
    remediation: () => ({
      fr: 'Réimporter le flux (flowmatrix import m365) : la référence porte alors la catégorie',
      en: 'Re-import the feed (flowmatrix import m365): the reference then carries the category',
    }),
  },
});

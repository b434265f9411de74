import type { Finding } from '../../model/finding.js';
import type { MatrixRow } from '../../model/matrix.js';
import { type FirewallRule, rowFinding } from '../generate/rules.js';

/**
 * Microsoft's Get-PacFile: Type 1 sends the Optimize endpoints DIRECT, Type 2 the Optimize and Allow ones; the
 * rest of Microsoft 365 goes through the proxy. The category is read from the `ref` the importer writes
 * (`endpoint set 12 (Optimize)`, src/import/m365/catalog.ts).
 */
export type M365Type = 1 | 2;
export const M365_TYPES: readonly M365Type[] = [1, 2];

const DIRECT: Record<M365Type, readonly string[]> = { 1: ['Optimize'], 2: ['Optimize', 'Allow'] };

const REF = /^endpoint set \d+(?: \((Optimize|Allow|Default)\))?$/;

/** `direct` / `proxy` for a row of an imported Microsoft 365 catalog; `unknown` when its ref has no category. */
export function m365Route(row: MatrixRow, type: M365Type): 'direct' | 'proxy' | 'unknown' | undefined {
  const m = REF.exec(row.ref);
  if (!m) return undefined;
  if (!m[1]) return 'unknown';
  return DIRECT[type].includes(m[1]) ? 'direct' : 'proxy';
}

/** Rows routed by the option, and what a reader must know about them. */
export function splitM365(
  proxied: readonly FirewallRule[],
  direct: readonly FirewallRule[],
  type: M365Type,
): { direct: FirewallRule[]; proxied: FirewallRule[]; findings: Finding[] } {
  const out = { direct: [] as FirewallRule[], proxied: [] as FirewallRule[], findings: [] as Finding[] };
  for (const rule of direct) {
    // The matrix sends it around the proxy (UDP beside TCP, proxy: never…); the type decides for the PAC file.
    if (m365Route(rule.row, type) === 'proxy') {
      out.proxied.push(rule);
      out.findings.push(routedFinding(rule, type, 'proxy'));
    } else out.direct.push(rule);
  }
  for (const rule of proxied) {
    const route = m365Route(rule.row, type);
    if (route === 'direct') {
      out.direct.push(rule);
      out.findings.push(routedFinding(rule, type, 'direct'));
    } else {
      if (route === 'unknown') out.findings.push(noCategory(rule, type));
      out.proxied.push(rule);
    }
  }
  return out;
}

function routedFinding(rule: FirewallRule, type: M365Type, to: 'direct' | 'proxy'): Finding {
  const direct = to === 'direct';
  return rowFinding(
    direct ? 'target:pac:m365-direct' : 'target:pac:m365-proxied',
    'low',
    rule.row,
    direct
      ? {
          fr: `Flux ${rule.row.flow} (${rule.row.ref}) : envoyé en direct par le PAC (option m365Type ${type}, comme Get-PacFile) alors que la matrice le fait passer par le proxy ; les pare-feu doivent laisser les postes le joindre directement`,
          en: `Flow ${rule.row.flow} (${rule.row.ref}): sent DIRECT by the PAC file (option m365Type ${type}, as Get-PacFile does) while the matrix routes it through the proxy; the firewalls must let clients reach it directly`,
        }
      : {
          fr: `Flux ${rule.row.flow} (${rule.row.ref}) : envoyé au proxy par le PAC (option m365Type ${type}, comme Get-PacFile) alors que la matrice le fait passer en direct ; les pare-feu doivent laisser le proxy le joindre`,
          en: `Flow ${rule.row.flow} (${rule.row.ref}): sent through the proxy by the PAC file (option m365Type ${type}, as Get-PacFile does) while the matrix routes it direct; the firewalls must let the proxy reach it`,
        },
    {
      fr: 'Aligner la matrice : proxy: never (direct) ou proxy: required (par le proxy) sur le flux, pour que les règles des pare-feu suivent',
      en: 'Align the matrix: proxy: never (direct) or proxy: required (through the proxy) on the flow, so that the firewall rules follow',
    },
  );
}

function noCategory(rule: FirewallRule, type: M365Type): Finding {
  return rowFinding(
    'target:pac:m365-no-category',
    'medium',
    rule.row,
    {
      fr: `Flux ${rule.row.flow} (${rule.row.ref}) : catégorie Microsoft 365 inconnue, laissé par le proxy malgré l’option m365Type ${type}`,
      en: `Flow ${rule.row.flow} (${rule.row.ref}): Microsoft 365 category unknown, left through the proxy despite option m365Type ${type}`,
    },
    {
      fr: 'Réimporter le flux (flowmatrix import m365) : la référence porte alors la catégorie',
      en: 'Re-import the feed (flowmatrix import m365): the reference then carries the category',
    },
  );
}

import type { Severity } from '../../model/finding.js';
import { refIn } from '../../model/ref.js';
import { safeText } from '../kit/escape.js';
import { defineFindings, type RowRef } from '../kit/findings.js';

/** What squid says it cannot do (besides the generate stage's findings, src/targets/generate/findings.ts). */
export const squidFindings = defineFindings('squid', {
  'invalid-address': {
    severity: { among: ['high', 'medium'], of: (p: { severity: Severity }) => p.severity },
    title: { fr: 'Adresse illisible pour Squid', en: 'Address Squid cannot express' },
    message: ({ row, side, values }: { row: RowRef; side: string; values: readonly string[]; severity: Severity }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : ${side} illisible pour Squid (${safeText(values.join(', '), 120)}), non ouverte`,
      en: `Flow ${row.flow} (${row.ref}): ${side} Squid cannot express (${safeText(values.join(', '), 120)}), not opened`,
    }),
    remediation: () => ({
      fr: 'Corriger l’adresse dans le catalogue ou le site',
      en: 'Fix the address in the catalog or the site',
    }),
  },
  'source-name': {
    severity: { among: ['high', 'medium'], of: (p: { sourceLeft: boolean }) => (p.sourceLeft ? 'medium' : 'high') },
    title: { fr: 'Source nommée (Squid voit l’adresse du client)', en: 'Named source (Squid sees the client address)' },
    message: ({ row, names }: { row: RowRef; names: readonly string[]; sourceLeft: boolean }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : source nommée (${safeText(names.join(', '), 120)}) ; Squid voit l’adresse du client, pas son nom : non ouverte`,
      en: `Flow ${row.flow} (${row.ref}): named source (${safeText(names.join(', '), 120)}); Squid sees the client's address, not its name: not opened`,
    }),
    remediation: () => ({ fr: 'Lier le rôle source à des adresses', en: 'Bind the source role to addresses' }),
  },
  'url-over-tls': {
    severity: 'low',
    title: { fr: 'Chemin d’URL invisible en HTTPS', en: 'URL path not visible over HTTPS' },
    message: ({ row }: { row: RowRef }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : url_regex ne voit le chemin qu’en HTTP ; en HTTPS (CONNECT) sans ssl_bump, seule la requête en clair est permise`,
      en: `Flow ${row.flow} (${row.ref}): url_regex sees the path only over HTTP; over HTTPS (CONNECT) without ssl_bump only the plain request is allowed`,
    }),
  },
  withheld: {
    severity: 'high',
    title: { fr: 'Rien d’exprimable dans Squid', en: 'Nothing Squid can express' },
    message: ({ row }: { row: RowRef }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : rien d’exprimable dans Squid, règle non générée`,
      en: `Flow ${row.flow} (${row.ref}): nothing Squid can express, rule not generated`,
    }),
  },
});

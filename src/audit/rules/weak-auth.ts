import { AUTH_MECHANISMS, type AuthMechanism } from '../../model/vocab.js';
import { cleartextByDesign } from '../by-design.js';
import { rowName } from '../rows.js';
import { defineAuditRule, type RuleHit } from '../types.js';

/** Default mechanisms that prove little (an address, nothing) or expose a reusable secret. */
const WEAK: ReadonlySet<AuthMechanism> = new Set(['basic', 'ntlm', 'ip-address', 'anonymous', 'none']);
/** Mechanisms that send a replayable credential: in cleartext, the password itself is on the wire. */
const CREDENTIAL: ReadonlySet<AuthMechanism> = new Set(['basic', 'ntlm']);
/** What ICMP, DNS, NTP and DHCP do by design: no proof of identity is part of these protocols. */
const NO_PROOF: ReadonlySet<AuthMechanism> = new Set(['ip-address', 'anonymous', 'none']);
/** The weak mechanisms as a French sentence names them (ids are English: `none` would read as a word). */
const WEAK_FR: Partial<Record<AuthMechanism, string>> = {
  none: 'aucune',
  anonymous: 'anonyme',
  basic: 'basique',
  ntlm: 'NTLM',
  'ip-address': 'adresse IP',
};
const inFrench = (ids: readonly AuthMechanism[]): string =>
  ids.map((m) => WEAK_FR[m] ?? AUTH_MECHANISMS[m].fr).join(', ');

export default defineAuditRule({
  id: 'weak-auth',
  severity: 'medium',
  category: 'authentication',
  needs: 'catalog',
  title: { fr: 'Authentification faible ou héritée par défaut', en: 'Weak or legacy authentication by default' },
  rationale: {
    fr: 'Basique et NTLM exposent un secret réutilisable ; une adresse IP ou l’absence d’authentification ne prouvent rien. Sur un flux non chiffré par défaut, un mot de passe Basique circule en clair.',
    en: 'Basic and NTLM expose a reusable secret; an IP address or no authentication prove nothing. On a flow not encrypted by default, a Basic password crosses the network in cleartext.',
  },
  remediation: {
    fr: 'Utiliser le mécanisme le plus fort pris en charge (Kerberos, certificat, TLS mutuel, OAuth 2.0) ; à défaut, restreindre les sources et chiffrer le flux.',
    en: 'Use the strongest supported mechanism (Kerberos, certificate, mutual TLS, OAuth 2.0); failing that, restrict the sources and encrypt the flow.',
  },
  references: [
    'NIST SP 800-63B §5',
    'CIS Controls v8 6.3',
    'ANSSI Recommandations relatives à l’authentification multifacteur et aux mots de passe',
  ],
  check: ({ matrix }) =>
    matrix.rows.flatMap((row): RuleHit[] => {
      if (row.kind === 'trusted-site' || !row.auth) return [];
      const weak = row.auth.default.filter((m) => WEAK.has(m));
      if (weak.length === 0) return [];
      // Ping, DNS, NTP or DHCP without authentication is how the protocol works, and cleartext-by-design says
      // so once; a reusable credential (Basic, NTLM) on them would still be a finding.
      if (cleartextByDesign(row) && weak.every((m) => NO_PROOF.has(m))) return [];
      const stronger = row.auth.supported.filter((m) => !WEAK.has(m) && m !== 'unknown' && m !== 'other');
      const clear = row.encryption !== undefined && row.encryption.byDefault !== 'yes';
      const exposed = clear && weak.some((m) => CREDENTIAL.has(m));
      const list = weak.join(', ');
      const alt = stronger.length > 0 ? stronger.join(', ') : '';
      const altFr = stronger.length > 0 ? inFrench(stronger) : '';
      return [
        {
          row,
          messageId: exposed ? 'credentialInClear' : 'weakDefault',
          ...(exposed ? { severity: 'high' as const } : {}),
          data: { mechanisms: list, stronger: alt },
          message: {
            fr: `${rowName(row, 'fr')} : authentification par défaut ${inFrench(weak)}${exposed ? ' sur un flux non chiffré par défaut' : ''}${altFr ? ` (plus fort possible : ${altFr})` : ''}`,
            en: `${rowName(row, 'en')}: default authentication ${list}${exposed ? ' on a flow not encrypted by default' : ''}${alt ? ` (stronger supported: ${alt})` : ''}`,
          },
        },
      ];
    }),
});

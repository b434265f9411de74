import type { Text } from './text.js';

/**
 * Authentication mechanisms a catalog may name. A closed list so the audit can reason on them
 * and a typo is caught with a hint; the label is what documents print.
 */
export const AUTH_MECHANISMS = {
  none: { fr: 'Aucune', en: 'None' },
  anonymous: { fr: 'Anonyme', en: 'Anonymous' },
  basic: { fr: 'Basique', en: 'Basic' },
  digest: { fr: 'Digest', en: 'Digest' },
  ntlm: { fr: 'NTLM', en: 'NTLM' },
  kerberos: { fr: 'Kerberos', en: 'Kerberos' },
  negotiate: { fr: 'Negotiate (Kerberos ou NTLM)', en: 'Negotiate (Kerberos or NTLM)' },
  'windows-integrated': { fr: 'Authentification Windows intégrée', en: 'Integrated Windows authentication' },
  certificate: { fr: 'Certificat', en: 'Certificate' },
  mtls: { fr: 'TLS mutuel', en: 'Mutual TLS' },
  'direct-trust': { fr: 'Confiance directe', en: 'Direct trust' },
  'ip-address': { fr: 'Adresse IP', en: 'IP address' },
  forms: { fr: 'Formulaire', en: 'Forms-based' },
  oauth2: { fr: 'OAuth 2.0', en: 'OAuth 2.0' },
  oidc: { fr: 'OpenID Connect', en: 'OpenID Connect' },
  saml: { fr: 'SAML', en: 'SAML' },
  'ws-federation': { fr: 'WS-Federation', en: 'WS-Federation' },
  mfa: { fr: 'Authentification multifacteur', en: 'Multi-factor authentication' },
  'api-key': { fr: 'Clé d’API', en: 'API key' },
  'shared-secret': { fr: 'Secret partagé', en: 'Shared secret' },
  'ldap-bind': { fr: 'Liaison LDAP', en: 'LDAP bind' },
  'sql-login': { fr: 'Compte SQL', en: 'SQL login' },
  'smtp-auth': { fr: 'SMTP AUTH', en: 'SMTP AUTH' },
  'mrasp-token': { fr: 'Jeton MRAS', en: 'MRAS token' },
  'sip-digest': { fr: 'SIP Digest', en: 'SIP Digest' },
  other: { fr: 'Autre (voir notes)', en: 'Other (see notes)' },
  unknown: { fr: 'Non documentée', en: 'Not documented' },
} as const satisfies Record<string, Text>;
export type AuthMechanism = keyof typeof AUTH_MECHANISMS;
export const AUTH_MECHANISM_IDS = Object.keys(AUTH_MECHANISMS) as AuthMechanism[];

/** Mechanisms that protect a flow in transit. */
export const ENCRYPTION_MECHANISMS = {
  tls: { fr: 'TLS', en: 'TLS' },
  mtls: { fr: 'TLS mutuel', en: 'Mutual TLS' },
  ssl: { fr: 'SSL', en: 'SSL' },
  ldaps: { fr: 'LDAPS', en: 'LDAPS' },
  starttls: { fr: 'STARTTLS', en: 'STARTTLS' },
  ipsec: { fr: 'IPsec', en: 'IPsec' },
  rpc: { fr: 'Chiffrement RPC', en: 'RPC encryption' },
  kerberos: { fr: 'Chiffrement Kerberos', en: 'Kerberos encryption' },
  smb: { fr: 'Chiffrement/signature SMB', en: 'SMB encryption/signing' },
  srtp: { fr: 'SRTP', en: 'SRTP' },
  ssh: { fr: 'SSH', en: 'SSH' },
  https: { fr: 'HTTPS', en: 'HTTPS' },
  other: { fr: 'Autre (voir notes)', en: 'Other (see notes)' },
} as const satisfies Record<string, Text>;
export type EncryptionMechanism = keyof typeof ENCRYPTION_MECHANISMS;
export const ENCRYPTION_MECHANISM_IDS = Object.keys(ENCRYPTION_MECHANISMS) as EncryptionMechanism[];

/** Whether encryption is on without any configuration: `partial` covers "SIP yes, media clear". */
export const BY_DEFAULT = ['yes', 'no', 'partial', 'unknown'] as const;
export type ByDefault = (typeof BY_DEFAULT)[number];

/** What the documents and the table import print for each `byDefault`. */
export const BY_DEFAULT_LABELS: Record<ByDefault, Text> = {
  yes: { fr: 'Oui', en: 'Yes' },
  no: { fr: 'Non', en: 'No' },
  partial: { fr: 'Partiel', en: 'Partial' },
  unknown: { fr: 'Non documenté', en: 'Not documented' },
};

export const REQUIREMENT_LEVELS = ['mandatory', 'recommended', 'optional'] as const;
export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];
export const REQUIREMENT_LABELS: Record<RequirementLevel, Text> = {
  mandatory: { fr: 'Obligatoire', en: 'Mandatory' },
  recommended: { fr: 'Recommandé', en: 'Recommended' },
  optional: { fr: 'Optionnel', en: 'Optional' },
};

/**
 * What a row is. `network`: a packet flow a firewall must allow. `trusted-site`: browser configuration
 * (Internet Explorer / Edge trusted sites), never a firewall rule. `reference`: the document points elsewhere
 * or gives no port; kept as a documented row that yields a finding, never an invented rule.
 */
export const FLOW_KINDS = ['network', 'trusted-site', 'reference'] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

/** Direction as the source document states it (Microsoft's "traffic type"). */
export const TRAFFIC_DIRECTIONS = ['inbound', 'outbound', 'internal', 'user'] as const;
export type TrafficDirection = (typeof TRAFFIC_DIRECTIONS)[number];

export const DIRECTION_LABELS: Record<TrafficDirection, Text> = {
  inbound: { fr: 'Entrant', en: 'Inbound' },
  outbound: { fr: 'Sortant', en: 'Outbound' },
  internal: { fr: 'Interne', en: 'Internal' },
  user: { fr: 'Utilisateur', en: 'User' },
};

export { PORTED_PROTOCOLS, PROTOCOLS, type Protocol } from '../net/types.js';

export const TLS_VERSIONS = ['1.0', '1.1', '1.2', '1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

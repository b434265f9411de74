// Written by `npm run docs` (scripts/emit-cli-ids.ts) from the modules that define these ids: do not edit.
// The CLI's declarations read them here so that `--help` and parsing load none of those modules.

export const LANG_IDS = ['fr', 'en'] as const;

export const TARGET_IDS = [
  'nftables',
  'iptables',
  'cisco-asa',
  'panos',
  'fortios',
  'juniper-srx',
  'windows-firewall',
  'aws-sg',
  'azure-nsg',
  'kubernetes',
  'pac',
  'squid',
] as const;

export const AUDIT_FORMAT_IDS = ['text', 'json', 'sarif', 'junit', 'md'] as const;
export type AuditFormatChoice = (typeof AUDIT_FORMAT_IDS)[number];

export const AUDIT_RULE_IDS = [
  'cleartext-flow',
  'cleartext-by-design',
  'encryption-not-default',
  'tls-minimum-version',
  'weak-auth',
  'any-address-across-firewall',
  'broad-exposure',
  'internet-inbound',
  'nat-unpublished',
  'wide-port-range',
  'fqdn-unenforceable',
  'unsupported-by-source',
  'source-contradiction',
  'undocumented-port',
  'optional-unjustified',
  'zone-policy',
  'suppression-expired',
  'unenforced-flow',
  'flow-expired',
  'flow-review-due',
] as const;

/** The configuration syntaxes `verify --format` reads (`auto`: detected from the first file). */
export const CONFIG_FORMAT_IDS = [
  'auto',
  'ruleset-json',
  'nft-json',
  'nft',
  'iptables',
  'asa',
  'panos-xml',
  'panos-set',
  'fortios',
  'srx',
  'windows-firewall',
  'aws-sg',
  'azure-nsg',
] as const;

export const VERIFY_REPORT_IDS = ['text', 'json', 'sarif', 'junit', 'md'] as const;

/** Document formats of `flowmatrix matrix`, with the file extension each writes. */
export const DOCUMENT_EXTENSIONS = {
  csv: 'csv',
  xlsx: 'xlsx',
  md: 'md',
  html: 'html',
  json: 'json',
  mermaid: 'mmd',
  dot: 'dot',
} as const;
export type DocumentFormatId = keyof typeof DOCUMENT_EXTENSIONS;
export const DOCUMENT_FORMAT_IDS = Object.keys(DOCUMENT_EXTENSIONS) as DocumentFormatId[];

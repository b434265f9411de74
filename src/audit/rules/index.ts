import type { AuditRule } from '../types.js';
import anyAddressAcrossFirewall from './any-address-across-firewall.js';
import broadExposure from './broad-exposure.js';
import cleartextByDesign from './cleartext-by-design.js';
import cleartextFlow from './cleartext-flow.js';
import encryptionNotDefault from './encryption-not-default.js';
import flowExpired from './flow-expired.js';
import flowReviewDue from './flow-review-due.js';
import fqdnUnenforceable from './fqdn-unenforceable.js';
import internetInbound from './internet-inbound.js';
import natUnpublished from './nat-unpublished.js';
import optionalUnjustified from './optional-unjustified.js';
import sourceContradiction from './source-contradiction.js';
import suppressionExpired from './suppression-expired.js';
import tlsMinimumVersion from './tls-minimum-version.js';
import undocumentedPort from './undocumented-port.js';
import unenforcedFlow from './unenforced-flow.js';
import unsupportedBySource from './unsupported-by-source.js';
import weakAuth from './weak-auth.js';
import widePortRange from './wide-port-range.js';
import zonePolicy from './zone-policy.js';

/** Every audit rule, by id (= file name). A plain table: nothing registers itself on import. */
export const auditRules = {
  'cleartext-flow': cleartextFlow,
  'cleartext-by-design': cleartextByDesign,
  'encryption-not-default': encryptionNotDefault,
  'tls-minimum-version': tlsMinimumVersion,
  'weak-auth': weakAuth,
  'any-address-across-firewall': anyAddressAcrossFirewall,
  'broad-exposure': broadExposure,
  'internet-inbound': internetInbound,
  'nat-unpublished': natUnpublished,
  'wide-port-range': widePortRange,
  'fqdn-unenforceable': fqdnUnenforceable,
  'unsupported-by-source': unsupportedBySource,
  'source-contradiction': sourceContradiction,
  'undocumented-port': undocumentedPort,
  'optional-unjustified': optionalUnjustified,
  'zone-policy': zonePolicy,
  'suppression-expired': suppressionExpired,
  'unenforced-flow': unenforcedFlow,
  'flow-expired': flowExpired,
  'flow-review-due': flowReviewDue,
} satisfies Record<string, AuditRule>;

export type AuditRuleId = keyof typeof auditRules;
export const auditRuleIds = Object.keys(auditRules) as AuditRuleId[];

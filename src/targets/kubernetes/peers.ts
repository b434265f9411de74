import type { Issue } from '../../model/issues.js';
import { issue } from '../../model/issues.js';
import type { Address, Endpoint, PortRange } from '../../model/matrix.js';
import type { K8sSelector } from '../../model/site.js';
import { text } from '../../model/text.js';
import { withLength } from '../../net/prefixes.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { AllowRule } from '../../ruleset/firewall.js';
import { safeText } from '../kit/escape.js';
import { cidrPrefixes } from '../kit/objects.js';
import { protocolGroups } from '../kit/plan.js';
import { DNS1123_LABEL, isLabelKey, LABEL_VALUE } from './capabilities.js';

export type Peer =
  | { namespaceSelector: { matchLabels: Record<string, string> }; podSelector: { matchLabels: Record<string, string> } }
  | { ipBlock: { cidr: string; except?: string[] } };

export interface PolicyPort {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  endPort?: number;
}

export const selectorsOf = (ep: Endpoint): K8sSelector[] =>
  ep.addresses.flatMap((a: Address) => (a.kind === 'k8s' ? [a.selector] : []));

/** The namespace's own name label, set by Kubernetes on every namespace (1.21+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The peers of one side: `undefined` for any (no from/to: every peer), else selectors then ipBlocks. */
export function peersOf(ep: ParsedEndpoint): Peer[] | undefined {
  if (ep.addresses.some((a) => a.kind === 'any')) return undefined;
  const selectors: Peer[] = selectorsOf(ep).map((s) => ({
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: s.namespace } },
    podSelector: { matchLabels: { ...s.pods } },
  }));
  const cidrs = cidrPrefixes(ep);
  return [...selectors, ...cidrs.map((p): Peer => ({ ipBlock: { cidr: withLength(p) } }))];
}

const PROTOCOLS = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' } as const;

/**
 * `undefined` when the rule allows every protocol (`ip`): a NetworkPolicy rule without `ports`. A protocol a policy
 * cannot name is an issue, not a skipped entry: `ports: []` would read as every port.
 */
export function portsOf(rule: AllowRule, issues: Issue[]): PolicyPort[] | undefined {
  const groups = protocolGroups(rule.services);
  if (groups.some((g) => g.protocol === 'ip')) return undefined;
  return groups.flatMap((g) => {
    const protocol = Object.hasOwn(PROTOCOLS, g.protocol) ? PROTOCOLS[g.protocol as keyof typeof PROTOCOLS] : undefined;
    if (protocol === undefined) {
      issues.push(
        issue(
          'target-unsupported',
          ['rows', rule.origin.key, 'services'],
          text(
            `une NetworkPolicy n’a pas d’entrée de port pour ${g.protocol} (${safeText(g.names.join(', '), 60)})`,
            `a NetworkPolicy has no port entry for ${g.protocol} (${safeText(g.names.join(', '), 60)})`,
          ),
        ),
      );
      return [];
    }
    return g.ports.map(
      (p: PortRange): PolicyPort =>
        p.from === p.to ? { protocol, port: p.from } : { protocol, port: p.from, endPort: p.to },
    );
  });
}

/**
 * Selector values go into the policy as they are (changing them would select other pods), so an invalid one is an
 * error to fix in the site, never a silent rewrite.
 */
export function selectorIssues(s: K8sSelector, rule: AllowRule, side: 'source' | 'destination'): Issue[] {
  const issues: Issue[] = [];
  const at = ['rows', rule.origin.key, side];
  const role = safeText(rule[side].role, 60);
  if (!DNS1123_LABEL.test(s.namespace)) {
    issues.push(
      issue(
        'invalid-value',
        at,
        text(
          `rôle "${role}" : l’espace de noms "${safeText(s.namespace, 60)}" n’est pas un label DNS-1123`,
          `role "${role}": namespace "${safeText(s.namespace, 60)}" is not a DNS-1123 label`,
        ),
        text(
          'utilisez au plus 63 lettres minuscules, chiffres et "-", en commençant et finissant par une lettre ou un chiffre',
          'use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit',
        ),
      ),
    );
  }
  for (const [key, value] of Object.entries(s.pods)) {
    if (isLabelKey(key) && LABEL_VALUE.test(value)) continue;
    issues.push(
      issue(
        'invalid-value',
        at,
        text(
          `rôle "${role}" : le label de pod ${safeText(key, 60)}=${safeText(value, 60)} n’est pas un label Kubernetes valide`,
          `role "${role}": pod label ${safeText(key, 60)}=${safeText(value, 60)} is not a valid Kubernetes label`,
        ),
        text(
          'une clé s’écrit [préfixe/]nom, une valeur fait au plus 63 lettres, chiffres, "-", "_", "." et commence et finit par une lettre ou un chiffre',
          'keys are [prefix/]name and values at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric',
        ),
      ),
    );
  }
  return issues;
}

import type { Finding } from '../../model/finding.js';
import { fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import type { K8sSelector } from '../../model/site.js';
import { text } from '../../model/text.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { AllowRule, FirewallRuleset } from '../../ruleset/firewall.js';
import type { TargetOutput } from '../generate/target.js';
import { safeText } from '../kit/escape.js';
import { createNamer, fileName } from '../kit/names.js';
import { DNS1123_NAME_RULES } from './capabilities.js';
import { emitPolicies, type NetworkPolicy } from './emit.js';
import { kubernetesFindings } from './findings.js';
import type { KubernetesOptions } from './options.js';
import { peersOf as peersOfEndpoint, portsOf, selectorIssues, selectorsOf as selectorsOfEndpoint } from './peers.js';

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'flowmatrix' };

/** Many rules share an endpoint (a role's addresses): its selectors and peers are worked out once per render. */
function perEndpoint<T>(of: (ep: ParsedEndpoint) => T): (ep: ParsedEndpoint) => T {
  const known = new Map<string, T>();
  return (ep) => {
    const key = ep.values.key;
    if (known.has(key)) return known.get(key) as T;
    const value = of(ep);
    known.set(key, value);
    return value;
  };
}

export function printKubernetes(slice: FirewallRuleset, options: KubernetesOptions = {}): Result<TargetOutput> {
  const selectorsOf = perEndpoint(selectorsOfEndpoint);
  const peersOf = perEndpoint(peersOfEndpoint);
  const anyPods = slice.rules.some((r) => selectorsOf(r.source).length + selectorsOf(r.destination).length > 0);
  if (!anyPods && slice.rules.length > 0) {
    return fail([
      issue(
        'target-unsupported',
        ['firewalls', slice.firewall],
        text(
          `pare-feu ${slice.firewall} : aucun rôle de ses flux n’est lié à des pods Kubernetes, aucune NetworkPolicy ne peut être générée`,
          `firewall ${slice.firewall}: no role of its flows is bound to Kubernetes pods, no NetworkPolicy can be generated`,
        ),
        text(
          'liez les rôles à des éléments `{ k8s: { namespace, pods } }`, ou à des hôtes avec `k8s:`',
          'bind the roles with `{ k8s: { namespace, pods } }` items, or hosts with `k8s:`',
        ),
      ),
    ]);
  }
  const issues: Issue[] = [];
  const findings: Finding[] = [];
  const policies: NetworkPolicy[] = [];
  const namers = new Map<string, (parts: readonly string[], identity: string) => string>();
  const nameIn = (namespace: string, parts: readonly string[], identity: string): string => {
    let namer = namers.get(namespace);
    if (!namer) {
      namer = createNamer(DNS1123_NAME_RULES);
      namer(['flowmatrix-default-deny'], 'default-deny'); // reserved first, so no rule can take the name
      namers.set(namespace, namer);
    }
    return namer(
      parts.map((p) => p.toLowerCase()),
      identity,
    );
  };

  for (const rule of slice.rules) {
    const sources = selectorsOf(rule.source);
    const destinations = selectorsOf(rule.destination);
    if (sources.length + destinations.length === 0) {
      findings.push(noSelectorFinding(rule));
      continue;
    }
    for (const s of sources) issues.push(...selectorIssues(s, rule, 'source'));
    for (const s of destinations) issues.push(...selectorIssues(s, rule, 'destination'));
    const ports = portsOf(rule, issues);
    const peers = { Ingress: peersOf(rule.source), Egress: peersOf(rule.destination) };
    if (peers.Ingress?.length === 0 || peers.Egress?.length === 0) {
      // The capability check leaves no side empty; an empty `from`/`to` would read as every peer.
      issues.push(
        issue(
          'target-unsupported',
          ['rows', rule.origin.key],
          text(
            `flux ${rule.origin.flow} : un côté n’a ni sélecteur de pods ni CIDR`,
            `flow ${rule.origin.flow}: a side has no pod selector nor CIDR`,
          ),
        ),
      );
      continue;
    }
    const annotations = { 'flowmatrix.io/flow': rule.origin.label, 'flowmatrix.io/site': slice.site.id };
    const policy = (selector: K8sSelector, type: 'Ingress' | 'Egress', index: number): NetworkPolicy => {
      const short = type === 'Ingress' ? 'in' : 'out';
      const name = nameIn(
        selector.namespace,
        [rule.origin.catalog, rule.origin.flow, short],
        `${rule.id}|${short}|${index}`,
      );
      const entry = {
        ...(peers[type] === undefined ? {} : { [type === 'Ingress' ? 'from' : 'to']: peers[type] }),
        ...(ports === undefined ? {} : { ports }),
      };
      return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name, namespace: selector.namespace, labels: { ...MANAGED_BY }, annotations },
        spec: {
          podSelector: Object.keys(selector.pods).length > 0 ? { matchLabels: { ...selector.pods } } : {},
          policyTypes: [type],
          ...(type === 'Ingress' ? { ingress: [entry] } : { egress: [entry] }),
        },
      };
    };
    destinations.forEach((s, i) => {
      policies.push(policy(s, 'Ingress', i));
    });
    sources.forEach((s, i) => {
      policies.push(policy(s, 'Egress', i));
    });
  }
  if (issues.length > 0) return fail(issues);

  if (options.defaultDeny ?? true) {
    const namespaces = [...new Set(policies.map((p) => p.metadata.namespace))].sort();
    policies.unshift(...namespaces.map(defaultDeny));
    const dnsOpen = new Set(policies.filter(allowsDns).map((p) => p.metadata.namespace));
    for (const ns of namespaces) if (!dnsOpen.has(ns)) findings.push(dnsBlockedFinding(ns));
  }
  const header = [
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)} (Kubernetes NetworkPolicy). Generated: change the catalog or the site, not this file.`,
    '# Ingress policies select the destination pods, egress policies the source pods. Needs a CNI that enforces',
    '# NetworkPolicy, and Kubernetes 1.25+ for port ranges (endPort). Apply: kubectl apply -f this file.',
  ];
  return ok({
    artifacts: [
      {
        path: `${fileName(slice.firewall)}.networkpolicy.yaml`,
        content: `${header.join('\n')}\n${emitPolicies(policies)}`,
        mediaType: 'application/yaml',
      },
    ],
    findings,
  });
}

/** Does this egress policy let its pods reach UDP 53 (all ports, or a range holding 53)? */
const allowsDns = (p: NetworkPolicy): boolean =>
  (p.spec.egress ?? []).some(
    (e) =>
      e.ports === undefined ||
      e.ports.some((port) => port.protocol === 'UDP' && port.port <= 53 && 53 <= (port.endPort ?? port.port)),
  );

/** Default deny also cuts name resolution: said per namespace, since most matrices never list DNS. */
const dnsBlockedFinding = (namespace: string): Finding => kubernetesFindings.raise('dns-blocked', { namespace });

function defaultDeny(namespace: string): NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'flowmatrix-default-deny', namespace, labels: { ...MANAGED_BY } },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
}

const noSelectorFinding = (rule: AllowRule): Finding =>
  kubernetesFindings.raise('no-selector', {
    row: rule.origin,
    source: rule.source.role,
    destination: rule.destination.role,
  });

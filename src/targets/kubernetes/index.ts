import { defineTarget } from '../generate/target.js';
import { KUBERNETES_CAPABILITIES } from './capabilities.js';
import { kubernetesFindings } from './findings.js';
import { kubernetesOptions } from './options.js';
import { printKubernetes } from './render.js';

export type { KubernetesOptions } from './options.js';

/**
 * Kubernetes NetworkPolicies for the roles bound to pod selectors: an ingress policy on the destination pods and an
 * egress policy on the source pods of each rule, `ipBlock` for CIDR peers.
 */
export const kubernetes = defineTarget({
  id: 'kubernetes',
  title: { fr: 'Kubernetes NetworkPolicy', en: 'Kubernetes NetworkPolicy' },
  capabilities: KUBERNETES_CAPABILITIES,
  options: kubernetesOptions,
  findings: kubernetesFindings,
  print: printKubernetes,
});

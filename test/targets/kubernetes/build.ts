import type { Address, Endpoint } from '../../../src/model/matrix.js';
import { address } from '../../fixtures/targets/build.js';

/** A role bound to pods: namespace and labels. */
export const pods = (namespace: string, labels: Record<string, string>): Address => ({
  kind: 'k8s',
  selector: { namespace, pods: labels },
});

/** An endpoint from pod selectors and address texts. */
export const ep = (role: string, addresses: readonly (Address | string)[]): Endpoint => ({
  role,
  title: { fr: role, en: role },
  addresses: addresses.map((a) => (typeof a === 'string' ? address(a) : a)),
  bindings: [],
  fixed: false,
});

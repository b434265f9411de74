import { isTargetId, targets } from '../targets/index.js';
import type { NameCapabilities } from './types.js';

/** Name capabilities of a firewall platform, from the target registry; undefined for a platform with no target. */
export function targetNameCapabilities(platform: string): NameCapabilities | undefined {
  if (!isTargetId(platform)) return undefined;
  const { fqdn, wildcardFqdn } = targets[platform].capabilities;
  return { fqdn, wildcardFqdn };
}

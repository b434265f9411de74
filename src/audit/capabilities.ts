import { TARGET_NAME_CAPABILITIES } from './target-capabilities.js';
import type { NameCapabilities } from './types.js';

/** Name capabilities of a firewall platform, from the target registry; undefined for a platform with no target. */
export function targetNameCapabilities(platform: string): NameCapabilities | undefined {
  if (!Object.hasOwn(TARGET_NAME_CAPABILITIES, platform)) return undefined;
  const { fqdn, wildcardFqdn } = TARGET_NAME_CAPABILITIES[platform] as NameCapabilities;
  return { fqdn, wildcardFqdn };
}

import { type Issue, issue } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';

/**
 * Which addresses each security group is on, from `aws ec2 describe-network-interfaces` (JSON): a group filters the
 * network interfaces it is attached to, and a Terraform file does not say which those are. Each interface gives its
 * private addresses (`PrivateIpAddresses`, `Ipv6Addresses`, delegated `Ipv4Prefixes`/`Ipv6Prefixes`) and its groups
 * (`GroupName`, `GroupId`); members are keyed by both.
 */
export function readMembers(file: ConfigFile, into: Map<string, CidrSet>): Issue[] {
  let doc: unknown;
  try {
    doc = JSON.parse(file.text);
  } catch (e) {
    return [configIssue(file.path, 1, `not JSON: ${(e as Error).message}`)];
  }
  const interfaces = (doc as { NetworkInterfaces?: unknown })?.NetworkInterfaces;
  if (!Array.isArray(interfaces)) {
    return [
      configIssue(
        file.path,
        1,
        'no NetworkInterfaces list',
        'give the output of aws ec2 describe-network-interfaces (JSON) for the groups’ members',
      ),
    ];
  }
  const issues: Issue[] = [];
  interfaces.forEach((eni: Record<string, unknown>, n) => {
    const texts = [
      ...strings(eni.PrivateIpAddresses, 'PrivateIpAddress'),
      ...(typeof eni.PrivateIpAddress === 'string' ? [eni.PrivateIpAddress] : []),
      ...strings(eni.Ipv6Addresses, 'Ipv6Address'),
      ...strings(eni.Ipv4Prefixes, 'Ipv4Prefix'),
      ...strings(eni.Ipv6Prefixes, 'Ipv6Prefix'),
    ];
    const parsed = CidrSet.parse(texts);
    if (!parsed.ok) {
      issues.push({ ...issue('config-syntax', ['NetworkInterfaces', n], parsed.message), file: file.path });
      return;
    }
    const groups = Array.isArray(eni.Groups) ? (eni.Groups as Record<string, unknown>[]) : [];
    for (const g of groups) {
      for (const key of [g.GroupName, g.GroupId]) {
        if (typeof key !== 'string') continue;
        into.set(key, (into.get(key) ?? CidrSet.empty()).union(parsed.value));
      }
    }
  });
  return issues;
}

const strings = (list: unknown, key: string): string[] =>
  Array.isArray(list)
    ? list.flatMap((x: Record<string, unknown>) => (typeof x?.[key] === 'string' ? [x[key] as string] : []))
    : [];

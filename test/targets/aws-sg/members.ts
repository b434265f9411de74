/**
 * The members of the generated security groups as `aws ec2 describe-network-interfaces` would list them once the
 * groups are attached to the site's hosts: one interface per group, carrying the group's addresses (single addresses
 * as private IPs, wider prefixes as delegated prefixes), named as the Terraform file names the group.
 */
import type { Matrix } from '../../../src/model/matrix.js';
import { awsSg } from '../../../src/targets/aws-sg/index.js';
import { planSecurityGroups } from '../../../src/targets/aws-sg/plan.js';
import { allowRule } from '../../../src/targets/generate/rules.js';
import { hclString, readHcl } from '../../../src/targets/kit/hcl-read.js';
import { checkedRules } from '../support/examples.js';

export function interfacesJson(matrix: Matrix, firewall: string, tf: string, referenceGroups = true): string {
  const read = readHcl({ path: 'aws-sg.tf', text: tf });
  if (!read.ok) throw new Error(read.issues.map((i) => i.message).join('\n'));
  const names = new Map(
    read.value
      .filter((b) => b.labels[0] === 'aws_security_group')
      .map((b) => [b.labels[1] as string, hclString(b.attributes.get('name')) as string]),
  );
  const plan = planSecurityGroups(checkedRules(awsSg as never, matrix, firewall).map(allowRule), referenceGroups);
  const NetworkInterfaces = plan.groups.map((g, n) => {
    const hosts = g.addresses.filter((a) => a.endsWith('/32') || a.endsWith('/128'));
    const nets = g.addresses.filter((a) => !hosts.includes(a));
    return {
      NetworkInterfaceId: `eni-${n}`,
      PrivateIpAddresses: hosts
        .filter((a) => !a.includes(':'))
        .map((a) => ({ PrivateIpAddress: a.replace(/\/32$/, '') })),
      Ipv6Addresses: hosts.filter((a) => a.includes(':')).map((a) => ({ Ipv6Address: a.replace(/\/128$/, '') })),
      Ipv4Prefixes: nets.filter((a) => !a.includes(':')).map((a) => ({ Ipv4Prefix: a })),
      Ipv6Prefixes: nets.filter((a) => a.includes(':')).map((a) => ({ Ipv6Prefix: a })),
      Groups: [{ GroupName: names.get(g.label), GroupId: `sg-${n}` }],
    };
  });
  return JSON.stringify({ NetworkInterfaces }, null, 2);
}

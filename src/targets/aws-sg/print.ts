import type { Finding } from '../../model/finding.js';
import { ok, type Result } from '../../model/issues.js';
import type { FirewallRuleset } from '../../ruleset/firewall.js';
import { stageFindings } from '../generate/findings.js';
import type { TargetOutput } from '../generate/target.js';
import { safeText } from '../kit/escape.js';
import { flowName, flowsLabel } from '../kit/flow-labels.js';
import { type HclAttribute, hclBlock, hclObject, hclString } from '../kit/hcl.js';
import { fileName } from '../kit/names.js';
import { AWS_RULES_PER_DIRECTION, AWS_SG_CAPABILITIES } from './capabilities.js';
import { awsSgFindings } from './findings.js';
import type { AwsSgOptions } from './options.js';
import { planSecurityGroups, type SecurityGroup, type SgPlan, type SgRule } from './plan.js';
import { awsText } from './text.js';

const groupName = (slice: FirewallRuleset, g: SecurityGroup): string =>
  awsText(`flowmatrix-${slice.site.id}-${slice.firewall}-${g.label}`);

function groupBlock(slice: FirewallRuleset, g: SecurityGroup, vpc: string): string[] {
  const bound = g.bindings.length > 0 ? ` bound to ${g.bindings.join(', ')}` : '';
  return hclBlock(
    ['resource', 'aws_security_group', g.label],
    [
      ['name', hclString(groupName(slice, g))],
      ['description', hclString(awsText(`flowmatrix role ${g.role}${bound} (site ${slice.site.id})`))],
      ['vpc_id', `var.${vpc}`],
      [
        'tags',
        hclObject([
          ['Name', hclString(groupName(slice, g))],
          ['flowmatrix_role', hclString(awsText(g.role))],
        ]),
      ],
    ],
  );
}

/** The flows a rule serves within AWS's 255 characters, or the finding that lists those only counted. */
function description(r: SgRule, unnamed: Finding[]): string {
  const max = AWS_SG_CAPABILITIES.maxCommentLength;
  const label = flowsLabel(r.flows, max, { separator: '; ', written: (t) => awsText(t, Number.POSITIVE_INFINITY) });
  const first = r.flows[0];
  if (!label.complete && first) {
    const flows = [...new Set(r.flows.map(flowName))];
    unnamed.push(stageFindings.forTarget('aws-sg').raise('flows-unnamed', { row: first, flows, max }));
  }
  return awsText(label.text, max);
}

function ruleBlock(r: SgRule, unnamed: Finding[]): string[] {
  const attributes: HclAttribute[] = [
    ['security_group_id', `aws_security_group.${r.group.label}.id`],
    ['description', hclString(description(r, unnamed))],
    ['ip_protocol', hclString(r.protocol)],
  ];
  if (r.fromPort !== undefined) attributes.push(['from_port', String(r.fromPort)]);
  if (r.toPort !== undefined) attributes.push(['to_port', String(r.toPort)]);
  if (r.peer.kind === 'group') {
    attributes.push(['referenced_security_group_id', `aws_security_group.${r.peer.group.label}.id`]);
  } else {
    attributes.push([r.peer.family === 4 ? 'cidr_ipv4' : 'cidr_ipv6', hclString(r.peer.cidr)]);
  }
  return hclBlock(['resource', `aws_vpc_security_group_${r.direction}_rule`, r.label], attributes);
}

function quotaFindings(slice: FirewallRuleset, plan: SgPlan): Finding[] {
  // Counted in one pass: a filter of every rule per group and direction was quadratic (groups grow with the site).
  const counts = new Map<SecurityGroup, { ingress: number; egress: number }>();
  for (const r of plan.rules) {
    const c = counts.get(r.group) ?? { ingress: 0, egress: 0 };
    c[r.direction]++;
    counts.set(r.group, c);
  }
  const findings: Finding[] = [];
  for (const g of plan.groups) {
    for (const direction of ['ingress', 'egress'] as const) {
      const count = counts.get(g)?.[direction] ?? 0;
      if (count <= AWS_RULES_PER_DIRECTION) continue;
      findings.push(
        awsSgFindings.raise('quota', {
          group: g.label,
          firewall: slice.firewall,
          count,
          direction,
          quota: AWS_RULES_PER_DIRECTION,
        }),
      );
    }
  }
  return findings;
}

export function printAwsSg(slice: FirewallRuleset, options: AwsSgOptions = {}): Result<TargetOutput> {
  const vpc = options.vpcVariable ?? 'vpc_id';
  const plan = planSecurityGroups(slice.rules, options.referenceGroups ?? true);
  const out: string[] = [
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)} (AWS security groups). Generated: change the catalog or the site, not this file.`,
    '# One security group per site role; attach each to the instances (network interfaces) of its role.',
    '# Ingress rules sit on the destination role, egress rules on the source role (Terraform removes the default',
    "# allow-all egress rule). Between two site roles the peer is the other role's security group.",
    '',
    ...hclBlock(
      ['variable', vpc],
      [
        ['type', 'string'],
        ['description', hclString('VPC of the security groups')],
      ],
    ),
  ];
  for (const g of plan.groups) out.push('', ...groupBlock(slice, g, vpc));
  const unnamed: Finding[] = [];
  for (const r of plan.rules) out.push('', ...ruleBlock(r, unnamed));
  out.push(
    '',
    ...hclBlock(
      ['output', 'flowmatrix_security_groups'],
      [['value', hclObject(plan.groups.map((g) => [hclString(g.label), `aws_security_group.${g.label}.id`]))]],
    ),
    '',
  );
  return ok({
    // A folder per firewall: Terraform reads every .tf of a folder as one module, and each file declares its own
    // variable, output and groups (two firewalls' files side by side would declare them twice).
    artifacts: [
      { path: `${fileName(slice.firewall)}/aws-sg.tf`, content: out.join('\n'), mediaType: 'text/x-terraform' },
    ],
    findings: [...plan.findings, ...unnamed, ...quotaFindings(slice, plan)],
  });
}

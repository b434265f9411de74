import type { Finding } from '../../model/finding.js';
import { fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import { text } from '../../model/text.js';
import { hostOrPrefix, parsePrefix } from '../../net/prefixes.js';
import type { AllowRule, FirewallRuleset } from '../../ruleset/firewall.js';
import type { TargetOutput } from '../generate/target.js';
import { safeText } from '../kit/escape.js';
import { type HclAttribute, hclBlock, hclList, hclString, TERRAFORM_NAME_RULES } from '../kit/hcl.js';
import { createNamer, fileName, objectName } from '../kit/names.js';
import {
  type FamilyPlan,
  familyPlans,
  groupFits,
  type ProtocolGroup,
  portText,
  protocolGroups,
  type Side,
} from '../kit/plan.js';
import {
  AZURE_NAME_RULES,
  AZURE_NSG_CAPABILITIES,
  DENY_PRIORITY,
  FIRST_PRIORITY,
  PRIORITY_STEP,
} from './capabilities.js';
import { azureNsgFindings } from './findings.js';
import { type AzureNsgOptions, type NsgDirection, nsgDirection } from './options.js';

type AzureProtocol = (typeof AZURE_NSG_CAPABILITIES.protocols)[number];

const PROTOCOL: Record<AzureProtocol, string> = {
  tcp: 'Tcp',
  udp: 'Udp',
  icmp: 'Icmp',
  icmpv6: 'Icmp',
  esp: 'Esp',
  ah: 'Ah',
  ip: '*',
};

const isAzureProtocol = (protocol: string): protocol is AzureProtocol => Object.hasOwn(PROTOCOL, protocol);

/**
 * Azure's `Icmp` is ICMPv4 and ICMPv6 alike: with `*` on both sides (a `both` plan) it would open the other family
 * too, so the side is narrowed to the whole address space of the group's own family.
 */
const WHOLE_FAMILY = { icmp: parsePrefix('0.0.0.0/0'), icmpv6: parsePrefix('::/0') };

function familySide(side: Side, plan: FamilyPlan, g: ProtocolGroup): Side {
  const whole = g.protocol === 'icmp' || g.protocol === 'icmpv6' ? WHOLE_FAMILY[g.protocol] : undefined;
  return plan.family === 'both' && whole ? [whole] : side;
}

function addressAttributes(kind: 'source' | 'destination', side: Side): HclAttribute {
  return side === 'any'
    ? [`${kind}_address_prefix`, hclString('*')]
    : [`${kind}_address_prefixes`, hclList(side.map(hostOrPrefix))];
}

function portAttribute(g: ProtocolGroup): HclAttribute {
  if (g.protocol !== 'tcp' && g.protocol !== 'udp') return ['destination_port_range', hclString('*')];
  return ['destination_port_ranges', hclList(g.ports.map((p) => portText(p)))];
}

interface NsgRule {
  readonly label: string;
  readonly name: string;
  readonly priority: number;
  readonly direction: NsgDirection;
  readonly access: 'Allow' | 'Deny';
  readonly attributes: HclAttribute[];
}

export function printAzureNsg(slice: FirewallRuleset, options: AzureNsgOptions = {}): Result<TargetOutput> {
  // In the schema's order whatever the option's: Inbound first.
  const directions: NsgDirection[] = nsgDirection.options.filter((d) => options.directions?.includes(d) ?? true);
  const labels = createNamer(TERRAFORM_NAME_RULES);
  const names = createNamer(AZURE_NAME_RULES);
  const nsgLabel = labels([slice.firewall], 'nsg');
  const nsgName = objectName(['flowmatrix', slice.site.id, slice.firewall], AZURE_NAME_RULES);
  const next: Record<NsgDirection, number> = { Inbound: FIRST_PRIORITY, Outbound: FIRST_PRIORITY };
  const rules: NsgRule[] = [];
  const findings: Finding[] = [];
  const issues: Issue[] = [];

  for (const rule of slice.rules) {
    const unknown = rule.services.find((s) => !isAzureProtocol(s.protocol));
    if (unknown) {
      // The capability check removes these first; a fallback to `*` would open every protocol.
      issues.push(
        issue(
          'target-unsupported',
          ['rows', rule.origin.key, 'services'],
          text(
            `azure-nsg n’a pas de valeur de protocole pour ${unknown.protocol} (${safeText(unknown.name, 60)})`,
            `azure-nsg has no protocol value for ${unknown.protocol} (${safeText(unknown.name, 60)})`,
          ),
        ),
      );
      continue;
    }
    const groups = protocolGroups(rule.services).filter((g) => {
      if ((g.protocol === 'icmp' || g.protocol === 'icmpv6') && g.icmpTypes !== 'all') {
        findings.push(icmpTypeFinding(rule, g));
        return false;
      }
      return true;
    });
    for (const direction of directions) {
      for (const plan of familyPlans(rule)) {
        for (const g of groups) {
          if (!groupFits(g, plan.family)) continue;
          const priority = next[direction];
          if (priority >= DENY_PRIORITY) {
            findings.push(priorityFinding(rule, direction));
            continue;
          }
          next[direction] += PRIORITY_STEP;
          const short = direction === 'Inbound' ? 'in' : 'out';
          const family = plan.family === 'both' ? [] : [`v${plan.family}`];
          const parts = [rule.origin.catalog, rule.origin.flow, short, g.protocol, ...family];
          const identity = `${rule.id}|${direction}|${g.protocol}|${plan.family}`;
          rules.push({
            label: labels(parts, identity),
            name: names(parts, identity),
            priority,
            direction,
            access: 'Allow',
            attributes: [
              ['protocol', hclString(PROTOCOL[g.protocol as AzureProtocol])],
              ['source_port_range', hclString('*')],
              portAttribute(g),
              addressAttributes('source', familySide(plan.source, plan, g)),
              addressAttributes('destination', familySide(plan.destination, plan, g)),
              ['description', hclString(safeDescription(`${rule.origin.label}: ${rule.origin.purpose.en}`))],
            ],
          });
        }
      }
    }
  }
  if (options.denyOthers ?? true) {
    for (const direction of directions) {
      const parts = ['flowmatrix', 'deny', direction === 'Inbound' ? 'in' : 'out'];
      rules.push({
        label: labels(parts, `deny|${direction}`),
        name: names(parts, `deny|${direction}`),
        priority: DENY_PRIORITY,
        direction,
        access: 'Deny',
        attributes: [
          ['protocol', hclString('*')],
          ['source_port_range', hclString('*')],
          ['destination_port_range', hclString('*')],
          ['source_address_prefix', hclString('*')],
          ['destination_address_prefix', hclString('*')],
          ['description', hclString('flowmatrix: everything the matrix does not list')],
        ],
      });
    }
  }
  if (issues.length > 0) return fail(issues);
  return ok({
    artifacts: [
      {
        // A folder per firewall: Terraform reads every .tf of a folder as one module (variables declared once).
        path: `${fileName(slice.firewall)}/azure-nsg.tf`,
        content: renderFile(slice, nsgLabel, nsgName, rules),
        mediaType: 'text/x-terraform',
      },
    ],
    findings,
  });
}

/**
 * Descriptions are free text up to 140 characters as Azure (.NET) counts them, in UTF-16 units: cut before escaping,
 * by whole code points so a surrogate pair is never split.
 */
function safeDescription(text: string): string {
  let out = '';
  for (const c of text.replace(/\s+/g, ' ')) {
    if (out.length + c.length > AZURE_NSG_CAPABILITIES.maxCommentLength) break;
    out += c;
  }
  return out.trimEnd();
}

function renderFile(slice: FirewallRuleset, nsgLabel: string, nsgName: string, rules: readonly NsgRule[]): string {
  const out: string[] = [
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)} (Azure NSG). Generated: change the catalog or the site, not this file.`,
    '# Associate the group with the subnets (or NICs) of both ends: Inbound rules hold where traffic arrives,',
    '# Outbound rules where it leaves. The closing deny rules (4096) override AllowVnetInBound/AllowVnetOutBound',
    '# and AllowAzureLoadBalancerInBound: add a rule for load-balancer probes if the site uses them.',
    '',
    ...hclBlock(['variable', 'resource_group_name'], [['type', 'string']]),
    '',
    ...hclBlock(['variable', 'location'], [['type', 'string']]),
    '',
    ...hclBlock(
      ['resource', 'azurerm_network_security_group', nsgLabel],
      [
        ['name', hclString(nsgName)],
        ['location', 'var.location'],
        ['resource_group_name', 'var.resource_group_name'],
      ],
    ),
  ];
  for (const r of rules) {
    out.push(
      '',
      ...hclBlock(
        ['resource', 'azurerm_network_security_rule', r.label],
        [
          ['name', hclString(r.name)],
          ['priority', String(r.priority)],
          ['direction', hclString(r.direction)],
          ['access', hclString(r.access)],
          ...r.attributes,
          ['resource_group_name', 'var.resource_group_name'],
          ['network_security_group_name', `azurerm_network_security_group.${nsgLabel}.name`],
        ],
      ),
    );
  }
  out.push('');
  return out.join('\n');
}

const icmpTypeFinding = (rule: AllowRule, g: ProtocolGroup): Finding =>
  azureNsgFindings.raise('icmp-type', {
    row: rule.origin,
    protocol: g.protocol,
    types: g.icmpTypes === 'all' ? '' : g.icmpTypes.join(', '),
    names: g.names,
  });

const priorityFinding = (rule: AllowRule, direction: NsgDirection): Finding =>
  azureNsgFindings.raise('priority', { row: rule.origin, direction });

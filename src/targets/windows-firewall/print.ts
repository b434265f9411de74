import type { Finding } from '../../model/finding.js';
import { ok, type Result } from '../../model/issues.js';
import { hostOrPrefix } from '../../net/prefixes.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { AllowRule, FirewallRuleset } from '../../ruleset/firewall.js';
import type { TargetOutput } from '../generate/target.js';
import { safeText } from '../kit/escape.js';
import { createNamer, fileName } from '../kit/names.js';
import { cidrPrefixes, isSiteHost } from '../kit/objects.js';
import { type ProtocolGroup, portText, protocolGroups } from '../kit/plan.js';
import { MAX_DISPLAY_NAME, WINDOWS_FIREWALL_CAPABILITIES, WINDOWS_NAME_RULES } from './capabilities.js';
import { windowsFirewallFindings } from './findings.js';
import { type HostDirection, hostDirection, type WindowsFirewallOptions } from './options.js';
import { psArray, psQuote } from './quote.js';

/** `any`, or the side's addresses as New-NetFirewallRule reads them (`10.0.0.1`, `10.0.0.0/24`, `2001:db8::/64`). */
const sideAddresses = (ep: ParsedEndpoint): 'any' | string[] =>
  ep.values.any ? 'any' : cidrPrefixes(ep).map(hostOrPrefix);

const PROTOCOL: Record<ProtocolGroup['protocol'], string> = {
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMPv4',
  icmpv6: 'ICMPv6',
  gre: '47',
  esp: '50',
  ah: '51',
  sctp: '132',
  ip: 'Any',
};

function protocolArgs(group: ProtocolGroup, direction: HostDirection): string {
  const proto = `-Protocol ${PROTOCOL[group.protocol]}`;
  if (group.protocol === 'tcp' || group.protocol === 'udp') {
    const ports = group.ports.map((p) => portText(p));
    return `${proto} ${direction === 'inbound' ? '-LocalPort' : '-RemotePort'} ${psArray(ports)}`;
  }
  if ((group.protocol === 'icmp' || group.protocol === 'icmpv6') && group.icmpTypes !== 'all') {
    return `${proto} -IcmpType ${psArray(group.icmpTypes.map(String))}`;
  }
  return proto;
}

/** Firewall names are ids (`[a-z0-9._-]`), so `/` ends the prefix: one firewall's groups never match another's. */
const GROUP_PREFIX = (firewall: string): string => `flowmatrix ${safeText(firewall, 60)}/`;

export function printWindowsFirewall(
  slice: FirewallRuleset,
  options: WindowsFirewallOptions = {},
): Result<TargetOutput> {
  const directions = new Set<HostDirection>(options.directions ?? hostDirection.options);
  const namer = createNamer(WINDOWS_NAME_RULES);
  const prefix = GROUP_PREFIX(slice.firewall);
  const findings: Finding[] = [];
  const commands: string[] = [];
  for (const rule of slice.rules) {
    const written = renderRule(rule, slice, directions, namer, prefix, commands);
    if (written === 0) findings.push(noHostFinding(rule, directions));
  }
  const header = [
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)} (Windows Defender Firewall). Generated: change the catalog or the site, not this file.`,
    '# Run as administrator on every Windows host of the firewall zones (or as a GPO startup script). Inbound rules',
    '# apply where the host is the flow destination (-LocalAddress = its addresses), outbound rules where it is the',
    '# source; on other hosts they match nothing. Outbound rules only matter when the default outbound action is Block.',
    '# Idempotent: every rule of this firewall (group prefix below) is removed first, then the rules are recreated.',
    '#Requires -RunAsAdministrator',
    '#Requires -Modules NetSecurity',
    'Set-StrictMode -Version Latest',
    "$ErrorActionPreference = 'Stop'",
    `$flowmatrixGroupPrefix = ${psQuote(prefix)}`,
    'Get-NetFirewallRule -ErrorAction Stop | Where-Object { $null -ne $_.Group -and $_.Group.StartsWith($flowmatrixGroupPrefix, [System.StringComparison]::Ordinal) } | Remove-NetFirewallRule -ErrorAction Stop',
  ];
  // A byte-order mark: Windows PowerShell 5.1 reads a script without one as ANSI and would garble French accents.
  const content = `\uFEFF${[...header, ...commands, ''].join('\r\n')}`;
  return ok({
    artifacts: [{ path: `${fileName(slice.firewall)}.ps1`, content, mediaType: 'text/x-powershell' }],
    findings,
  });
}

function renderRule(
  rule: AllowRule,
  slice: FirewallRuleset,
  directions: ReadonlySet<HostDirection>,
  namer: (parts: readonly string[], identity: string) => string,
  prefix: string,
  out: string[],
): number {
  const source = sideAddresses(rule.source);
  const destination = sideAddresses(rule.destination);
  const label = rule.origin.label;
  const description = `${label}: ${rule.origin.purpose.en} / ${rule.origin.purpose.fr} (site ${slice.site.id}, firewall ${slice.firewall})`;
  const group = `${prefix}${rule.origin.catalog}`;
  let written = 0;
  for (const direction of ['inbound', 'outbound'] as const) {
    const host = direction === 'inbound' ? rule.destination : rule.source;
    if (!directions.has(direction) || !isSiteHost(host)) continue;
    const [local, remote] = direction === 'inbound' ? [destination, source] : [source, destination];
    for (const g of protocolGroups(rule.services)) {
      const short = direction === 'inbound' ? 'in' : 'out';
      // The firewall is part of -Name, the rule's id on the host: one host may run the scripts of two firewalls.
      const name = namer(
        ['flowmatrix', slice.firewall, rule.origin.catalog, rule.origin.flow, short, g.protocol],
        `${rule.id}|${short}|${g.protocol}`,
      );
      const args = [
        `-Name ${psQuote(name)}`,
        `-DisplayName ${psQuote(`${label} ${rule.source.role}->${rule.destination.role} ${short} ${g.protocol}`, MAX_DISPLAY_NAME)}`,
        `-Group ${psQuote(group, MAX_DISPLAY_NAME)}`,
        `-Direction ${direction === 'inbound' ? 'Inbound' : 'Outbound'}`,
        '-Action Allow',
        protocolArgs(g, direction),
        local === 'any' ? '' : `-LocalAddress ${psArray(local)}`,
        remote === 'any' ? '' : `-RemoteAddress ${psArray(remote)}`,
        `-Description ${psQuote(description, WINDOWS_FIREWALL_CAPABILITIES.maxCommentLength)}`,
        '-ErrorAction Stop',
      ];
      out.push(`New-NetFirewallRule ${args.filter(Boolean).join(' ')} | Out-Null`);
      written++;
    }
  }
  return written;
}

const noHostFinding = (rule: AllowRule, directions: ReadonlySet<HostDirection>): Finding =>
  windowsFirewallFindings.raise('no-local-host', {
    row: rule.origin,
    source: rule.source.role,
    destination: rule.destination.role,
    restricted: directions.size < 2,
  });

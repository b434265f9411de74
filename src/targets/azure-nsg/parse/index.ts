import { fail, type Issue, ok, type Result } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';
import { type Chain, makeRule, PROTOCOL_NUMBERS, type Rule, type Ruleset } from '../../../ruleset/types.js';
import { type HclBlock, type HclValue, hclNumber, hclRef, hclString, hclStrings, readHcl } from '../../kit/hcl-read.js';

/**
 * Azure network security groups written in Terraform (`azurerm_network_security_group` with inline `security_rule`
 * blocks, or `azurerm_network_security_rule` resources, as `generate --target azure-nsg` writes them) as a neutral
 * ruleset. One group is associated with the subnets (or NICs) of both ends, so a packet leaves through the group's
 * Outbound rules and arrives through its Inbound rules: two stages, each in priority order (lowest first), then
 * Azure's default rules (65000 AllowVnet…, 65001 AllowAzureLoadBalancerInBound / AllowInternetOutBound, 65500
 * DenyAll…). NSGs are stateful: answers of allowed connections pass. A service tag (`VirtualNetwork`, `Internet`,
 * `Storage.WestEurope`…) or an application security group is resolved by Azure: the rule is opaque, never guessed.
 */
export function parseAzureNsg(file: ConfigFile): Result<Ruleset> {
  const blocks = readHcl(file);
  if (!blocks.ok) return blocks;
  const issues: Issue[] = [];
  const err = (at: { line: number; col: number }, message: string, hint?: string) =>
    issues.push(configIssue(file.path, at.line, message, hint, at.col));
  const groups = new Map<string, HclBlock>();
  const written: { block: HclBlock; group: string }[] = [];
  const generated: HclBlock[] = [];
  for (const b of blocks.value) {
    if (b.type !== 'resource') continue;
    const [kind, label] = b.labels;
    if (kind === 'azurerm_network_security_group' && label) {
      groups.set(label, b);
      for (const inner of b.blocks) {
        if (inner.type === 'security_rule') written.push({ block: inner, group: label });
        if (inner.type === 'dynamic' && inner.labels[0] === 'security_rule') generated.push(inner);
      }
    } else if (kind === 'azurerm_network_security_rule') {
      const nsg = b.attributes.get('network_security_group_name');
      const ref = /^azurerm_network_security_group\.([^.]+)\.name$/.exec(hclRef(nsg) ?? '');
      written.push({ block: b, group: ref?.[1] ?? hclString(nsg) ?? '' });
    }
  }
  const names = new Set(written.map((w) => w.group));
  if (groups.size + [...names].filter((n) => !groups.has(n)).length > 1) {
    err(
      blocks.value[0]?.at ?? { line: 1, col: 1 },
      'rules of several network security groups in one file',
      'give one group per file',
    );
  }
  const rules: { direction: 'inbound' | 'outbound'; priority: number; rule: Rule }[] = [];
  for (const { block } of written) {
    const r = readRule(block, file.path, err);
    if (r) rules.push(r);
  }
  for (const direction of ['inbound', 'outbound'] as const) {
    const seen = new Map<number, number>();
    for (const r of rules.filter((x) => x.direction === direction)) {
      const first = seen.get(r.priority);
      if (first !== undefined) {
        err(
          { line: r.rule.provenance.line ?? 1, col: 1 },
          `priority ${r.priority} already used at line ${first} (${direction})`,
          'Azure refuses two rules of one direction at the same priority',
        );
      }
      seen.set(r.priority, r.rule.provenance.line ?? 0);
    }
  }
  if (issues.length > 0) return fail(issues);
  // Rules Terraform makes from for_each: any priority, direction and match, allow or deny — before every other rule.
  for (const block of generated)
    for (const direction of ['inbound', 'outbound'] as const)
      for (const kind of ['accept', 'drop'] as const)
        rules.push({
          direction,
          priority: 0,
          rule: {
            verdict: { kind },
            opaque: ['dynamic "security_rule" block: its rules come from for_each, expanded by Terraform'],
            provenance: { file: file.path, line: block.at.line, text: 'dynamic "security_rule"' },
          },
        });
  const chain = (direction: 'inbound' | 'outbound'): Chain => ({
    name: direction,
    rules: [
      RETURN_TRAFFIC,
      ...rules
        .filter((r) => r.direction === direction)
        .sort((a, b) => a.priority - b.priority)
        .map((r) => r.rule),
      ...DEFAULT_RULES[direction],
    ],
  });
  return ok({
    entry: 'outbound',
    stages: ['inbound'],
    chains: { outbound: chain('outbound'), inbound: chain('inbound') },
    objects: [],
    defaultAction: 'drop',
  });
}

const RETURN_TRAFFIC: Rule = {
  states: ['established', 'related'],
  verdict: { kind: 'accept' },
  provenance: { comment: 'answers of allowed connections (stateful)' },
};

const defaultRule = (name: string, verdict: 'accept' | 'drop', opaque?: string): Rule =>
  makeRule({
    verdict: { kind: verdict },
    opaque: opaque ? [opaque] : undefined,
    provenance: { text: name, comment: `Azure default rule ${name}` },
  });

const DEFAULT_RULES: Record<'inbound' | 'outbound', readonly Rule[]> = {
  inbound: [
    defaultRule('AllowVnetInBound (65000)', 'accept', 'service tag VirtualNetwork to VirtualNetwork'),
    defaultRule('AllowAzureLoadBalancerInBound (65001)', 'accept', 'service tag AzureLoadBalancer'),
    defaultRule('DenyAllInBound (65500)', 'drop'),
  ],
  outbound: [
    defaultRule('AllowVnetOutBound (65000)', 'accept', 'service tag VirtualNetwork to VirtualNetwork'),
    defaultRule('AllowInternetOutBound (65001)', 'accept', 'service tag Internet'),
    defaultRule('DenyAllOutBound (65500)', 'drop'),
  ],
};

const PROTOCOLS: Readonly<Record<string, readonly number[] | undefined>> = {
  '*': undefined,
  any: undefined,
  tcp: [PROTOCOL_NUMBERS.tcp],
  udp: [PROTOCOL_NUMBERS.udp],
  // Azure's Icmp is ICMP and ICMPv6 alike.
  icmp: [PROTOCOL_NUMBERS.icmp, PROTOCOL_NUMBERS.icmpv6],
  esp: [PROTOCOL_NUMBERS.esp],
  ah: [PROTOCOL_NUMBERS.ah],
};

type Report = (at: { line: number; col: number }, message: string, hint?: string) => void;

function readRule(
  b: HclBlock,
  path: string,
  err: Report,
): { direction: 'inbound' | 'outbound'; priority: number; rule: Rule } | undefined {
  const attr = (k: string) => b.attributes.get(k);
  const name = hclString(attr('name')) ?? b.labels[1] ?? '';
  const priority = hclNumber(attr('priority'));
  const direction = hclString(attr('direction'))?.toLowerCase();
  const access = hclString(attr('access'))?.toLowerCase();
  const protocolText = hclString(attr('protocol'))?.toLowerCase() ?? '';
  if (priority === undefined || !Number.isInteger(priority) || priority < 100 || priority > 4096) {
    err(attr('priority')?.at ?? b.at, `rule ${name}: priority must be a whole number from 100 to 4096`);
    return undefined;
  }
  if (direction !== 'inbound' && direction !== 'outbound') {
    err(attr('direction')?.at ?? b.at, `rule ${name}: direction must be "Inbound" or "Outbound"`);
    return undefined;
  }
  if (access !== 'allow' && access !== 'deny') {
    err(attr('access')?.at ?? b.at, `rule ${name}: access must be "Allow" or "Deny"`);
    return undefined;
  }
  if (!Object.hasOwn(PROTOCOLS, protocolText)) {
    err(
      attr('protocol')?.at ?? b.at,
      `rule ${name}: unknown protocol "${protocolText}"`,
      'write Tcp, Udp, Icmp, Esp, Ah or *',
    );
    return undefined;
  }
  const opaque: string[] = [];
  const side = (kind: 'source' | 'destination') => readPrefixes(b, kind, err, opaque);
  const ports = (kind: 'source' | 'destination') => readPortRanges(b, kind, err);
  const protocols = PROTOCOLS[protocolText];
  const rule = makeRule({
    source: side('source'),
    destination: side('destination'),
    protocols: protocols ? PortSet.of(...protocols) : undefined,
    sourcePorts: ports('source'),
    destinationPorts: ports('destination'),
    opaque: opaque.length > 0 ? opaque : undefined,
    verdict: { kind: access === 'allow' ? 'accept' : 'drop' },
    provenance: {
      file: path,
      line: b.at.line,
      text: `${name} (${priority})`,
      ...(hclString(attr('description')) ? { comment: hclString(attr('description')) as string } : {}),
    },
  });
  return { direction, priority, rule };
}

/** `0.0.0.0/0` is the IPv4 space only (Azure keeps the families apart): only `*` and `Any` are every address. */
const ANY_ADDRESS = new Set(['*', 'any']);

/** `*`, addresses and CIDRs (one or a list); a service tag or an application security group makes the rule opaque. */
function readPrefixes(b: HclBlock, kind: 'source' | 'destination', err: Report, opaque: string[]): CidrSet | undefined {
  const one = b.attributes.get(`${kind}_address_prefix`);
  const many = b.attributes.get(`${kind}_address_prefixes`);
  const asg = b.attributes.get(`${kind}_application_security_group_ids`);
  if (asg) {
    opaque.push(`${kind} application security group`);
    return undefined;
  }
  const values = one ? [hclString(one)] : many ? (hclStrings(many) ?? [undefined]) : [];
  if (values.length === 0 || (one && many)) {
    err(b.at, `give ${kind}_address_prefix or ${kind}_address_prefixes (one of them)`);
    return undefined;
  }
  const at = (one ?? many) as HclValue;
  let set = CidrSet.empty();
  const tags: string[] = [];
  for (const v of values) {
    if (v === undefined) {
      err(at.at, `${kind} addresses must be literal strings`);
      return undefined;
    }
    if (ANY_ADDRESS.has(v.trim().toLowerCase())) return undefined;
    if (/^[A-Za-z][A-Za-z0-9.]*$/.test(v.trim())) {
      tags.push(v.trim());
      continue;
    }
    const r = CidrSet.parse([v.trim()], { lenient: true });
    if (!r.ok) {
      err(at.at, `"${v}" is not an address, a CIDR or a service tag`);
      return undefined;
    }
    set = set.union(r.value);
  }
  if (tags.length > 0) {
    opaque.push(`${kind} service tag ${tags.join(',')}`);
    return undefined;
  }
  return set;
}

function readPortRanges(b: HclBlock, kind: 'source' | 'destination', err: Report): PortSet | undefined {
  const one = b.attributes.get(`${kind}_port_range`);
  const many = b.attributes.get(`${kind}_port_ranges`);
  const values = one
    ? [hclString(one) ?? (hclNumber(one) === undefined ? undefined : String(hclNumber(one)))]
    : many
      ? (hclStrings(many) ?? [undefined])
      : [];
  if (values.length === 0 || (one && many)) {
    err(b.at, `give ${kind}_port_range or ${kind}_port_ranges (one of them)`);
    return undefined;
  }
  const ranges: { from: number; to: number }[] = [];
  for (const v of values) {
    const text = v?.trim();
    if (text === '*') return undefined;
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text ?? '');
    const from = Number(m?.[1]);
    const to = Number(m?.[2] ?? m?.[1]);
    if (!m || to > 65535 || from > to) {
      err((one ?? many)?.at ?? b.at, `"${v ?? '?'}" is not a port, a range a-b or *`);
      return undefined;
    }
    ranges.push({ from, to });
  }
  return PortSet.fromRanges(ranges);
}

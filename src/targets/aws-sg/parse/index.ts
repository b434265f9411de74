import { fail, type Issue, ok, type Result } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';
import { makeRule, PROTOCOL_NUMBERS, type Rule, type RuleFields, type Ruleset } from '../../../ruleset/types.js';
import { type HclBlock, type HclPos, hclNumber, hclRef, hclString, hclStrings, readHcl } from '../../kit/hcl-read.js';
import { hostSidesRuleset } from '../../kit/host-sides.js';
import { readMembers } from './members.js';

/**
 * AWS security groups written in Terraform, as a neutral ruleset. Read: `aws_security_group` (inline `ingress` /
 * `egress` blocks), `aws_security_group_rule`, and `aws_vpc_security_group_{ingress,egress}_rule` (what `generate
 * --target aws-sg` writes); other resources filter nothing and are skipped. A group filters the network interfaces it
 * is attached to: ingress rules are traffic to its members (destination = members, source = the peer), egress rules
 * traffic from them. Members come from `aws ec2 describe-network-interfaces` JSON given with the `.tf` files, keyed by
 * group name or id; a group whose members are not given cannot be placed, so its rules are opaque (with a warning).
 * Groups are allow-lists with an implicit deny both ways (Terraform removes AWS's default allow-all egress) and are
 * stateful: a packet crosses the destination's ingress then the source's egress (see `hostSidesRuleset`).
 */
export function parseAwsSg(files: readonly ConfigFile[]): Result<Ruleset> {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const members = new Map<string, CidrSet>();
  const blocks: { file: string; block: HclBlock }[] = [];
  for (const file of files) {
    if (/^\s*[[{]/.test(file.text)) {
      issues.push(...readMembers(file, members));
      continue;
    }
    const r = readHcl(file);
    if (!r.ok) issues.push(...r.issues);
    else for (const block of r.value) if (block.type === 'resource') blocks.push({ file: file.path, block });
  }
  if (issues.length > 0) return fail(issues);
  const groups = new Map<string, Group>();
  for (const { file, block } of blocks) {
    const [kind, label] = block.labels;
    if (kind !== 'aws_security_group' || !label) continue;
    const name = hclString(block.attributes.get('name'));
    const id = hclString(block.attributes.get('id'));
    const set = (name && members.get(name)) ?? (id && members.get(id)) ?? members.get(label);
    groups.set(label, { label, name: name ?? label, ...(set ? { members: set } : {}), at: block.at, file });
  }
  // A group by id (`sg-…`) that no resource of the files declares: its members may still be known.
  const groupOf = (value: string | undefined): Group | undefined => {
    if (value === undefined) return undefined;
    const ref = /^aws_security_group\.([^.]+)\.id$/.exec(value);
    if (ref) return groups.get(ref[1] as string);
    const set = members.get(value);
    return { label: value, name: value, ...(set ? { members: set } : {}), at: { line: 1, col: 1 }, file: '' };
  };
  const inbound: Rule[] = [];
  const outbound: Rule[] = [];
  const add = (read: SgRule, file: string) => {
    const rule = toRule(read, file);
    if (rule) (read.direction === 'ingress' ? inbound : outbound).push(rule);
  };
  const err = (file: string, at: HclPos, message: string, hint?: string) =>
    issues.push(configIssue(file, at.line, message, hint, at.col));
  for (const { file, block } of blocks) {
    const [kind, label] = block.labels;
    const report = (at: HclPos, message: string, hint?: string) => err(file, at, message, hint);
    if (kind === 'aws_security_group') {
      const group = groups.get(label ?? '') as Group;
      for (const inner of block.blocks) {
        const generated = inner.labels[0];
        if (inner.type === 'dynamic' && (generated === 'ingress' || generated === 'egress')) {
          // Rules Terraform makes from for_each: any peer, protocol and port, maybe; never left out.
          const peerOpaque = `dynamic "${generated}" block: its rules come from for_each, expanded by Terraform`;
          const text = `dynamic "${generated}"`;
          add(
            { direction: generated, group, peer: undefined, peerOpaque, protocol: undefined, at: inner.at, text },
            file,
          );
          continue;
        }
        if (inner.type !== 'ingress' && inner.type !== 'egress') continue;
        const r = classicRule(inner, inner.type, group, groupOf, report);
        if (r) add(r, file);
      }
    } else if (kind === 'aws_security_group_rule') {
      const type = hclString(block.attributes.get('type'));
      if (type !== 'ingress' && type !== 'egress') {
        report(block.at, `${label}: type must be "ingress" or "egress"`);
        continue;
      }
      const group = groupOf(
        hclRef(block.attributes.get('security_group_id')) ?? hclString(block.attributes.get('security_group_id')),
      );
      if (!group) {
        report(block.at, `${label}: no security_group_id`);
        continue;
      }
      const r = classicRule(block, type, group, groupOf, report);
      if (r) add(r, file);
    } else if (kind === 'aws_vpc_security_group_ingress_rule' || kind === 'aws_vpc_security_group_egress_rule') {
      const r = vpcRule(block, kind.includes('ingress') ? 'ingress' : 'egress', groupOf, report);
      if (r) add(r, file);
    }
  }
  if (issues.length > 0) return fail(issues);
  for (const g of groups.values()) {
    if (g.members) continue;
    warnings.push({
      ...configIssue(
        g.file,
        g.at.line,
        `the members of security group ${g.name} are not given: its rules are opaque`,
        'add the output of aws ec2 describe-network-interfaces (JSON) to the files read',
        g.at.col,
      ),
      severity: 'warning',
    });
  }
  const hosts = [...groups.values()].reduce((set, g) => (g.members ? set.union(g.members) : set), CidrSet.empty());
  const ruleset = hostSidesRuleset({
    inbound,
    outbound,
    hosts,
    inboundFilters: true,
    outboundFilters: true,
    closing: {
      inbound: 'traffic to a security group member no ingress rule allows (implicit deny)',
      outbound: 'traffic from a security group member no egress rule allows (implicit deny)',
    },
  });
  return ok(ruleset, warnings);
}

interface Group {
  readonly label: string;
  readonly name: string;
  readonly members?: CidrSet;
  readonly at: HclPos;
  readonly file: string;
}

/** One rule as AWS models it: the group it sits on, the peer, the protocol and the port or ICMP fields. */
interface SgRule {
  readonly direction: 'ingress' | 'egress';
  readonly group: Group;
  /** The peer's addresses; `undefined` when the peer is a group whose members are unknown (or a prefix list). */
  readonly peer: CidrSet | undefined;
  readonly peerOpaque?: string;
  readonly protocol: number | undefined;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly at: HclPos;
  readonly text: string;
  readonly description?: string;
}

type Report = (at: HclPos, message: string, hint?: string) => void;

const PROTOCOL_NAMES: Readonly<Record<string, number | undefined>> = {
  '-1': undefined,
  all: undefined,
  tcp: PROTOCOL_NUMBERS.tcp,
  udp: PROTOCOL_NUMBERS.udp,
  icmp: PROTOCOL_NUMBERS.icmp,
  icmpv6: PROTOCOL_NUMBERS.icmpv6,
};

function readProtocol(block: HclBlock, key: string, report: Report): number | undefined | null {
  const v = block.attributes.get(key);
  const text = (hclString(v) ?? (hclNumber(v) === undefined ? undefined : String(hclNumber(v))))?.toLowerCase();
  if (text !== undefined && Object.hasOwn(PROTOCOL_NAMES, text)) return PROTOCOL_NAMES[text];
  if (text !== undefined && /^\d{1,3}$/.test(text) && Number(text) <= 255) return Number(text);
  report(v?.at ?? block.at, `${key} must be tcp, udp, icmp, icmpv6, -1 or a protocol number`);
  return null;
}

function classicRule(
  b: HclBlock,
  direction: 'ingress' | 'egress',
  group: Group,
  groupOf: (v: string | undefined) => Group | undefined,
  report: Report,
): SgRule | undefined {
  const protocol = readProtocol(b, 'protocol', report);
  if (protocol === null) return undefined;
  let peer = CidrSet.empty();
  const opaque: string[] = [];
  const cidrs = [
    ...(hclStrings(b.attributes.get('cidr_blocks')) ?? []),
    ...(hclStrings(b.attributes.get('ipv6_cidr_blocks')) ?? []),
  ];
  const parsed = CidrSet.parse(cidrs);
  if (!parsed.ok) {
    report(b.attributes.get('cidr_blocks')?.at ?? b.at, parsed.message, parsed.hint);
    return undefined;
  }
  peer = peer.union(parsed.value);
  const peerGroups = [
    ...(b.attributes.get('security_groups')?.kind === 'list' ? listRefs(b, 'security_groups') : []),
    ...(b.attributes.get('source_security_group_id') ? [refOrString(b, 'source_security_group_id')] : []),
  ];
  if (b.attributes.get('self')?.kind === 'bool' && (b.attributes.get('self') as { value: boolean }).value)
    peerGroups.push(`aws_security_group.${group.label}.id`);
  for (const ref of peerGroups) {
    const g = groupOf(ref);
    if (g?.members) peer = peer.union(g.members);
    else opaque.push(`peer security group ${g?.name ?? ref}`);
  }
  if (b.attributes.get('prefix_list_ids')) opaque.push('prefix list');
  return sgRule(b, direction, group, protocol, peer, opaque, report);
}

function vpcRule(
  b: HclBlock,
  direction: 'ingress' | 'egress',
  groupOf: (v: string | undefined) => Group | undefined,
  report: Report,
): SgRule | undefined {
  const group = groupOf(refOrString(b, 'security_group_id'));
  if (!group) {
    report(b.at, 'no security_group_id');
    return undefined;
  }
  const protocol = readProtocol(b, 'ip_protocol', report);
  if (protocol === null) return undefined;
  const peers = ['cidr_ipv4', 'cidr_ipv6', 'referenced_security_group_id', 'prefix_list_id'].filter((k) =>
    b.attributes.has(k),
  );
  if (peers.length !== 1) {
    report(b.at, 'give exactly one of cidr_ipv4, cidr_ipv6, referenced_security_group_id, prefix_list_id');
    return undefined;
  }
  const key = peers[0] as string;
  let peer = CidrSet.empty();
  const opaque: string[] = [];
  if (key === 'cidr_ipv4' || key === 'cidr_ipv6') {
    const text = hclString(b.attributes.get(key)) ?? '';
    const parsed = CidrSet.parse([text]);
    if (!parsed.ok || parsed.value.family(key === 'cidr_ipv4' ? 6 : 4).isEmpty() === false) {
      report(
        b.attributes.get(key)?.at ?? b.at,
        `${key} "${text}" is not an ${key === 'cidr_ipv4' ? 'IPv4' : 'IPv6'} CIDR`,
      );
      return undefined;
    }
    peer = parsed.value;
  } else if (key === 'referenced_security_group_id') {
    const g = groupOf(refOrString(b, key));
    if (g?.members) peer = g.members;
    else opaque.push(`peer security group ${g?.name ?? '?'}`);
  } else opaque.push('prefix list');
  return sgRule(b, direction, group, protocol, peer, opaque, report);
}

const refOrString = (b: HclBlock, key: string): string =>
  hclRef(b.attributes.get(key)) ?? hclString(b.attributes.get(key)) ?? '';

function listRefs(b: HclBlock, key: string): string[] {
  const v = b.attributes.get(key);
  return v?.kind === 'list'
    ? v.items.flatMap((i) => (i.kind === 'ref' ? [i.path] : i.kind === 'string' ? [i.value] : []))
    : [];
}

function sgRule(
  b: HclBlock,
  direction: 'ingress' | 'egress',
  group: Group,
  protocol: number | undefined,
  peer: CidrSet,
  opaque: string[],
  report: Report,
): SgRule | undefined {
  const from = hclNumber(b.attributes.get('from_port'));
  const to = hclNumber(b.attributes.get('to_port'));
  const ported = protocol === PROTOCOL_NUMBERS.tcp || protocol === PROTOCOL_NUMBERS.udp;
  if (ported && (from === undefined || to === undefined || from < 0 || to > 65535 || from > to)) {
    report(b.attributes.get('from_port')?.at ?? b.at, 'from_port and to_port must give a port range 0-65535');
    return undefined;
  }
  const rule: { -readonly [K in keyof SgRule]: SgRule[K] } = {
    direction,
    group,
    // A peer the model cannot resolve may hold any address: the side is open and the rule opaque.
    peer: opaque.length > 0 ? undefined : peer,
    protocol,
    at: b.at,
    text: `${b.labels[1] ?? b.type} (${direction})`,
  };
  if (opaque.length > 0) rule.peerOpaque = opaque.join(', ');
  if (from !== undefined) rule.fromPort = from;
  if (to !== undefined) rule.toPort = to;
  const description = hclString(b.attributes.get('description'));
  if (description) rule.description = description;
  return rule;
}

function toRule(r: SgRule, file: string): Rule | undefined {
  const opaque: string[] = [];
  if (r.peerOpaque) opaque.push(r.peerOpaque);
  if (!r.group.members) opaque.push(`members of security group ${r.group.name}`);
  const own = r.group.members;
  const ingress = r.direction === 'ingress';
  const fields: RuleFields = {
    source: ingress ? r.peer : own,
    destination: ingress ? own : r.peer,
    protocols: r.protocol === undefined ? undefined : PortSet.of(r.protocol),
    verdict: { kind: 'accept' },
    opaque: opaque.length > 0 ? opaque : undefined,
    provenance: { file, line: r.at.line, text: r.text, ...(r.description ? { comment: r.description } : {}) },
  };
  if (r.protocol === PROTOCOL_NUMBERS.tcp || r.protocol === PROTOCOL_NUMBERS.udp) {
    fields.destinationPorts = PortSet.fromRanges([{ from: r.fromPort as number, to: r.toPort as number }]);
  } else if (r.protocol === PROTOCOL_NUMBERS.icmp || r.protocol === PROTOCOL_NUMBERS.icmpv6) {
    // ICMP: from_port is the type, to_port the code; -1 is any.
    fields.family = r.protocol === PROTOCOL_NUMBERS.icmp ? 4 : 6;
    if (r.fromPort !== undefined && r.fromPort >= 0) {
      fields.icmp = [
        r.toPort !== undefined && r.toPort >= 0 ? { type: r.fromPort, code: r.toPort } : { type: r.fromPort },
      ];
    }
  }
  return makeRule(fields);
}

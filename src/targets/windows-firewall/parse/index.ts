import { fail, type Issue, ok, type Result } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';
import { makeRule, PROTOCOL_NUMBERS, type Rule, type RuleFields, type Ruleset } from '../../../ruleset/types.js';
import { hostSidesRuleset } from '../../kit/host-sides.js';
import { logicalLines, type PsCommand, PsError, readCommand } from './statements.js';
import { type AddressField, type PortField, readAddresses, readIcmpTypes, readPorts, readProtocol } from './values.js';

/**
 * A Windows Defender Firewall script (`New-NetFirewallRule` commands, as `generate --target windows-firewall` writes
 * them) as a neutral ruleset, read as the platform models it. A rule sits on the host that runs it and names that
 * host's side as `-LocalAddress`/`-LocalPort`: an Inbound rule is traffic *to* the host (destination = local,
 * source = remote), an Outbound rule traffic *from* it (source = local, destination = remote). The hosts the script
 * runs on are those its rules name as local (every host when a rule has no `-LocalAddress`). A packet between two
 * hosts crosses the destination's inbound filter, then the source's outbound filter (see `hostSidesRuleset`). The
 * default actions are Windows' own (inbound Block, outbound Allow) unless the script sets them with
 * `Set-NetFirewallProfile -DefaultInboundAction/-DefaultOutboundAction`: under the default, Outbound allow rules
 * change nothing. Block rules win over allow rules whatever their order, as in Windows. Disabled rules are skipped; a
 * match the model does not interpret (a profile, a program, a keyword address such as `LocalSubnet`) makes the rule
 * opaque, never wider or narrower.
 */
export function parseWindowsFirewall(file: ConfigFile): Result<Ruleset> {
  const issues: Issue[] = [];
  const rules: { direction: 'inbound' | 'outbound'; block: boolean; rule: Rule; local: CidrSet }[] = [];
  const defaults: Defaults = { inbound: 'block', outbound: 'allow' };
  for (const { line, text } of logicalLines(file.text)) {
    try {
      const command = readCommand(text, line);
      if (!command) continue;
      const read = readStatement(command, file.path, defaults);
      if (read) rules.push(read);
    } catch (e) {
      if (!(e instanceof PsError)) throw e;
      issues.push(configIssue(file.path, e.line, e.message, e.hint));
    }
  }
  if (issues.length > 0) return fail(issues);
  const pick = (direction: 'inbound' | 'outbound') => {
    const of = rules.filter((r) => r.direction === direction);
    return [...of.filter((r) => r.block), ...of.filter((r) => !r.block)].map((r) => r.rule);
  };
  const hosts = rules.reduce((set, r) => set.union(r.local), CidrSet.empty());
  return ok(
    hostSidesRuleset({
      inbound: pick('inbound'),
      outbound: pick('outbound'),
      hosts,
      inboundFilters: defaults.inbound === 'block',
      outboundFilters: defaults.outbound === 'block',
      closing: {
        inbound: 'inbound traffic no rule allows (default inbound action Block)',
        outbound: 'outbound traffic no rule allows (default outbound action Block)',
      },
    }),
  );
}

/** Commands a firewall script may hold besides the rules: they change nothing the ruleset describes. */
const HARMLESS = new Set(['set-strictmode', 'import-module', 'write-host', 'write-output', 'write-verbose']);

interface Defaults {
  inbound: 'allow' | 'block';
  outbound: 'allow' | 'block';
}

const ALL_PROFILES = ['any', 'domain,private,public'];

/** `Set-NetFirewallProfile -DefaultInboundAction Block -DefaultOutboundAction Block` (for every profile). */
function readProfileDefaults(c: PsCommand, defaults: Defaults): void {
  const profiles = c.parameters.get('profile') ?? c.parameters.get('name');
  const all =
    !profiles ||
    ALL_PROFILES.includes(
      profiles.values
        .map((v) => v.toLowerCase())
        .sort()
        .join(','),
    );
  for (const [key, direction] of [
    ['defaultinboundaction', 'inbound'],
    ['defaultoutboundaction', 'outbound'],
  ] as const) {
    const value = c.parameters.get(key)?.values.join(',').toLowerCase();
    if (value === undefined || value === 'notconfigured') continue;
    if (value !== 'allow' && value !== 'block') throw new PsError(c.line, `-${key} ${value}`, 'write Allow or Block');
    if (!all) {
      throw new PsError(
        c.line,
        'a default action for some profiles only',
        'this reader takes one default for every profile',
      );
    }
    defaults[direction] = value;
  }
}

function readStatement(
  c: PsCommand,
  path: string,
  defaults: Defaults,
): { direction: 'inbound' | 'outbound'; block: boolean; rule: Rule; local: CidrSet } | undefined {
  const name = c.name.toLowerCase();
  if (name.startsWith('$') && c.positional[0] === '=') return undefined;
  if (HARMLESS.has(name)) return undefined;
  if (name === 'set-netfirewallprofile') {
    readProfileDefaults(c, defaults);
    return undefined;
  }
  // Removing the rules of an earlier run: what is left is what this script creates.
  if (name === 'get-netfirewallrule' && c.pipeline.some((p) => /\bRemove-NetFirewallRule\b/i.test(p))) return undefined;
  if (name !== 'new-netfirewallrule') {
    throw new PsError(
      c.line,
      `${c.name}: not a command this reader interprets`,
      'a firewall script of New-NetFirewallRule commands is read',
    );
  }
  if (c.pipeline.length > 0 && !/^out-null$/i.test(c.pipeline[0] ?? '')) {
    throw new PsError(c.line, `the rule is piped into ${c.pipeline[0]}`, 'pipe only into Out-Null');
  }
  if (c.positional.length > 0)
    throw new PsError(c.line, `unexpected ${c.positional[0]}`, 'give every value after its -Parameter');
  return readRule(c, path);
}

/** Parameters that name or describe a rule, or change how the command runs, not what it matches. */
const DESCRIPTIVE = new Set([
  'name',
  'displayname',
  'group',
  'description',
  'erroraction',
  'warningaction',
  'policystore',
  'confirm',
  'whatif',
  'owner',
  'platform',
]);
/** Parameters whose default value matches everything: any other value is a match this reader does not interpret. */
const DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  profile: ['any'],
  interfacetype: ['any'],
  edgetraversalpolicy: ['block'],
  authentication: ['notrequired'],
  encryption: ['notrequired'],
  overrideblockrules: ['false'],
  loosesourcemapping: ['false'],
  localonlymapping: ['false'],
};

function readRule(
  c: PsCommand,
  path: string,
): { direction: 'inbound' | 'outbound'; block: boolean; rule: Rule; local: CidrSet } | undefined {
  const one = (key: string, fallback: string): string => {
    const p = c.parameters.get(key);
    if (!p) return fallback;
    if (p.values.length !== 1) throw new PsError(c.line, `-${p.name} takes one value`);
    return p.values[0] as string;
  };
  if (/^false$/i.test(one('enabled', 'True'))) return undefined;
  const direction = one('direction', 'Inbound').toLowerCase();
  if (direction !== 'inbound' && direction !== 'outbound') {
    throw new PsError(c.line, `-Direction ${direction}`, 'write Inbound or Outbound');
  }
  const action = one('action', 'Allow').toLowerCase();
  if (action !== 'allow' && action !== 'block') throw new PsError(c.line, `-Action ${action}`, 'write Allow or Block');
  const opaque: string[] = [];
  for (const [key, p] of c.parameters) {
    const known = [
      'enabled',
      'direction',
      'action',
      'protocol',
      'localport',
      'remoteport',
      'icmptype',
      'localaddress',
      'remoteaddress',
    ];
    if (known.includes(key) || DESCRIPTIVE.has(key)) continue;
    const defaults = DEFAULTS[key];
    if (defaults && p.values.every((v) => defaults.includes(v.toLowerCase()))) continue;
    opaque.push(`-${p.name} ${p.values.join(',')}`);
  }
  const protocol = readProtocol(one('protocol', 'Any'), c.line);
  const values = (key: string) => c.parameters.get(key)?.values;
  const local = readAddresses(values('localaddress'), c.line);
  const remote = readAddresses(values('remoteaddress'), c.line);
  const localPort = readPorts(values('localport'), c.line);
  const remotePort = readPorts(values('remoteport'), c.line);
  if ((localPort.set || remotePort.set) && protocol !== PROTOCOL_NUMBERS.tcp && protocol !== PROTOCOL_NUMBERS.udp) {
    throw new PsError(
      c.line,
      'ports with a protocol other than TCP or UDP',
      'Windows takes -LocalPort and -RemotePort for TCP and UDP only',
    );
  }
  const icmp = readIcmpTypes(values('icmptype'), protocol, c.line);
  for (const field of [local, remote, localPort, remotePort] as (AddressField | PortField)[])
    opaque.push(...field.opaque);
  const inbound = direction === 'inbound';
  const fields: RuleFields = {
    source: inbound ? remote.set : local.set,
    destination: inbound ? local.set : remote.set,
    sourcePorts: inbound ? remotePort.set : localPort.set,
    destinationPorts: inbound ? localPort.set : remotePort.set,
    protocols: protocol === undefined ? undefined : PortSet.of(protocol),
    family: protocol === PROTOCOL_NUMBERS.icmp ? 4 : protocol === PROTOCOL_NUMBERS.icmpv6 ? 6 : undefined,
    icmp,
    opaque: opaque.length > 0 ? opaque : undefined,
    verdict: { kind: action === 'block' ? 'drop' : 'accept' },
    provenance: {
      file: path,
      line: c.line,
      text: c.parameters.get('name')?.values[0] ?? c.text.slice(0, 200),
      ...(c.parameters.get('description') ? { comment: c.parameters.get('description')?.values[0] as string } : {}),
    },
  };
  return {
    direction,
    block: action === 'block',
    rule: makeRule(fields),
    local: local.set ?? CidrSet.all(),
  };
}

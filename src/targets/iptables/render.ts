import { fail, type Issue, ok, type Result } from '../../model/issues.js';
import type { Endpoint } from '../../model/matrix.js';
import { withLength } from '../core/cidr.js';
import { type InterfacePattern, interfaceMatcher, quoted, safeText } from '../core/escape.js';
import { createNamer, fileName } from '../core/names.js';
import { ObjectPool } from '../core/objects.js';
import { familyPlans, groupFits, type ProtocolGroup, protocolGroups, type Side } from '../core/plan.js';
import { ruleLabel } from '../core/rules.js';
import type { Artifact, FirewallSlice, TargetOutput } from '../core/target.js';
import { IPSET_NAME_RULES, IPTABLES_CAPABILITIES } from './capabilities.js';
import { portMatches } from './ports.js';

export interface IptablesOptions {
  /** A side with more addresses than this uses an ipset (`-m set --match-set`); default 8. */
  readonly ipsetThreshold: number;
}

interface IpSet {
  readonly family: 4 | 6;
  readonly elements: readonly string[];
}

/** ipsets shared by content across rules, one per role and family. */
class IpSetPool {
  readonly sets = new ObjectPool<IpSet>(createNamer(IPSET_NAME_RULES));

  name(family: 4 | 6, ep: Endpoint, elements: readonly string[]): string {
    return this.sets.name(['fm', ep.role, `v${family}`], `${family}|${elements.join(',')}`, { family, elements });
  }
}

function addressArg(
  pool: IpSetPool,
  family: 4 | 6,
  flag: '-s' | '-d',
  side: Side,
  ep: Endpoint,
  threshold: number,
): string {
  if (side === 'any') return '';
  const elements = side.map(withLength);
  if (elements.length <= threshold) return `${flag} ${elements.join(',')}`;
  return `-m set --match-set ${pool.name(family, ep, elements)} ${flag === '-s' ? 'src' : 'dst'}`;
}

function protocolArgs(group: ProtocolGroup, family: 4 | 6): string[] {
  const { protocol } = group;
  if (protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp') {
    return portMatches(group.ports).map((m) => `-p ${protocol} ${m}`);
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const [p, opt] = family === 4 ? ['icmp', '--icmp-type'] : ['ipv6-icmp', '--icmpv6-type'];
    return group.icmpTypes === 'all' ? [`-p ${p}`] : group.icmpTypes.map((t) => `-p ${p} ${opt} ${t}`);
  }
  return protocol === 'ip' ? [''] : [`-p ${protocol}`];
}

/** iptables' prefix wildcard is a trailing `+`. */
const iptablesInterface = (p: InterfacePattern): string => (p.prefix ? `${p.name}+` : p.name);

const iptablesInterfaces = ({ from, to }: { readonly from?: string; readonly to?: string }): string =>
  [from && `-i ${from}`, to && `-o ${to}`].filter(Boolean).join(' ');

export function renderIptables(slice: FirewallSlice, options: Partial<IptablesOptions> = {}): Result<TargetOutput> {
  const threshold = options.ipsetThreshold ?? 8;
  const pool = new IpSetPool();
  const issues: Issue[] = [];
  const lines: Record<4 | 6, string[]> = { 4: [], 6: [] };
  const interfacesOf = interfaceMatcher(slice.firewall, iptablesInterface, iptablesInterfaces);
  for (const rule of slice.rules) {
    const ifaces = interfacesOf(rule, issues);
    const comment = `-m comment --comment ${quoted(ruleLabel(rule), IPTABLES_CAPABILITIES.maxCommentLength)}`;
    const groups = protocolGroups(rule.services);
    for (const plan of familyPlans(rule)) {
      for (const family of plan.family === 'both' ? ([4, 6] as const) : [plan.family]) {
        const src = addressArg(pool, family, '-s', plan.source, rule.source, threshold);
        const dst = addressArg(pool, family, '-d', plan.destination, rule.destination, threshold);
        for (const group of groups) {
          if (!groupFits(group, family)) continue;
          for (const proto of protocolArgs(group, family)) {
            lines[family].push(['-A FORWARD', ifaces, src, dst, proto, comment, '-j ACCEPT'].filter(Boolean).join(' '));
          }
        }
      }
    }
  }
  if (issues.length > 0) return fail(issues);

  const base = fileName(slice.firewall);
  const hasSets = pool.sets.size > 0;
  const file = (family: 4 | 6): string =>
    [
      `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)}, IPv${family}. Generated: change the catalog or the site, not this file.`,
      `# Load: ${hasSets ? `ipset restore -exist < ${base}.ipset, then ` : ''}${family === 4 ? 'iptables' : 'ip6tables'}-restore < this file (replaces the filter table).`,
      '*filter',
      ':FORWARD DROP [0:0]',
      '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "stateful return" -j ACCEPT',
      '-A FORWARD -m conntrack --ctstate INVALID -m comment --comment "invalid state" -j DROP',
      ...lines[family],
      'COMMIT',
      '',
    ].join('\n');
  const artifacts: Artifact[] = [
    { path: `${base}.iptables`, content: file(4), mediaType: 'text/x-iptables-save' },
    { path: `${base}.ip6tables`, content: file(6), mediaType: 'text/x-iptables-save' },
  ];
  if (hasSets) {
    const ipset: string[] = [];
    for (const { name, value: set } of pool.sets.entries()) {
      ipset.push(`create ${name} hash:net family ${set.family === 4 ? 'inet' : 'inet6'}`, `flush ${name}`);
      for (const e of set.elements) ipset.push(`add ${name} ${e}`);
    }
    artifacts.unshift({ path: `${base}.ipset`, content: `${ipset.join('\n')}\n`, mediaType: 'text/x-ipset' });
  }
  return ok({ artifacts, findings: [] });
}

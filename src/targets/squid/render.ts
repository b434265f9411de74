import type { Finding } from '../../model/finding.js';
import { fail, issue, ok, type Result } from '../../model/issues.js';
import type { MatrixRow, PortRange } from '../../model/matrix.js';
import { text } from '../../model/text.js';
import { append } from '../../util/append.js';
import { type FirewallRule, ruleLabel } from '../generate/rules.js';
import type { FirewallSlice, TargetOutput } from '../generate/target.js';
import { safeText } from '../kit/escape.js';
import { fileName } from '../kit/names.js';
import { endpointParts } from '../kit/objects.js';
import { AclPool, destinationParts, portValues, sourceValues, tcpPorts, tlsPorts } from './acls.js';
import { SQUID_CAPABILITIES } from './capabilities.js';
import { squidFindings } from './findings.js';
import type { SquidOptions } from './options.js';

const comment = (text: string): string => `# ${safeText(text, SQUID_CAPABILITIES.maxCommentLength)}`;

/** Addresses of one side that Squid cannot read: left out of the ACLs, and said so. */
const unreadable = (
  row: MatrixRow,
  side: 'source' | 'destination',
  values: readonly string[],
  severity: Finding['severity'],
): Finding => squidFindings.raise('invalid-address', { row, side, values, severity });

/** The allow lines of one rule: one a destination kind (Squid ANDs the ACLs of a line, lines are ORed). */
function ruleLines(pool: AclPool, rule: FirewallRule, findings: Finding[]): string[] {
  const { row } = rule;
  const src = sourceValues(rule.source);
  const srcLeft = src.values === 'any' || src.values.length > 0;
  if (src.names.length > 0) {
    findings.push(squidFindings.raise('source-name', { row, names: src.names, sourceLeft: srcLeft }));
  }
  if (src.unreadable.length > 0) findings.push(unreadable(row, 'source', src.unreadable, srcLeft ? 'medium' : 'high'));
  if (!srcLeft) return [];
  const dst = destinationParts(rule.destination.addresses);
  if (dst.unreadable.length > 0) findings.push(unreadable(row, 'destination', dst.unreadable, 'high'));
  if (dst.urls.length > 0) {
    findings.push(squidFindings.raise('url-over-tls', { row }));
  }
  const ports = portValues(tcpPorts(rule.services));
  const head = ['http_access allow'];
  if (src.values !== 'any') head.push(pool.ref('src', ['src', ...endpointParts(rule.source)], src.values));
  const dstParts = ['dst', ...endpointParts(rule.destination)];
  const portAcl = pool.ref('port', ['port', ports.join('_')], ports);
  const lines: string[] = [];
  const allow = (...acls: string[]) => lines.push([...head, ...acls, portAcl].join(' '));
  const anyDst = rule.destination.addresses.some((a) => a.kind === 'any');
  if (anyDst) allow();
  else {
    if (dst.names.length > 0) allow(pool.ref('dstdomain', dstParts, dst.names));
    if (dst.wildcards.length > 0) {
      const apex = pool.ref('dstdomain', [...dstParts, 'apex'], dst.apexes);
      allow(pool.ref('dstdomain', [...dstParts, 'sub'], dst.wildcards), `!${apex}`);
    }
    if (dst.prefixes.length > 0) allow(pool.ref('dst', [...dstParts, 'ip'], dst.prefixes));
    if (dst.urls.length > 0) allow(pool.ref('url_regex', [...dstParts, 'url'], dst.urls));
  }
  return lines.length > 0 ? [comment(ruleLabel(rule)), ...lines] : [];
}

export function printSquid(slice: FirewallSlice, options: SquidOptions = {}): Result<TargetOutput> {
  const ctx = slice.proxy;
  if (!ctx) {
    return fail([
      issue(
        'target-unsupported',
        ['proxy'],
        text('squid produit la configuration du proxy du site', 'squid renders for the site’s proxy'),
        text('déclarez proxy: dans le site', 'declare proxy: in the site'),
      ),
    ]);
  }
  const prefix = options.prefix ?? 'fm';
  const pool = new AclPool(prefix);
  const findings: Finding[] = [];
  const body: string[] = [];
  const all: PortRange[] = [];
  const tls: PortRange[] = [];
  for (const rule of slice.rules) {
    const lines = ruleLines(pool, rule, findings);
    if (lines.length === 0) {
      findings.push(squidFindings.raise('withheld', { row: rule.row }));
      continue;
    }
    append(body, lines);
    all.push(...tcpPorts(rule.services));
    tls.push(...tlsPorts(rule.services));
  }
  const p = pool.prefix;
  const out: string[] = [
    comment(`flowmatrix: Squid access rules for proxy ${ctx.name} (port ${ctx.port}) of site ${slice.site.id}.`),
    '# Generated: change the catalog or the site, not this file.',
    '# Include it from squid.conf before any other http_access line. It ends with http_access deny all.',
    `# Its own ACL names (${p}_*) leave the stock SSL_ports and Safe_ports of squid.conf untouched.`,
    `acl ${p}_CONNECT method CONNECT`,
  ];
  const safe = portValues(all);
  const ssl = portValues(tls);
  if (safe.length > 0) out.push(`acl ${p}_Safe_ports port ${safe.join(' ')}`);
  if (ssl.length > 0) out.push(`acl ${p}_SSL_ports port ${ssl.join(' ')}`);
  // `dstdomain -n`: an IP-based request is never reverse-resolved to match a name (its owner writes the PTR record).
  for (const acl of pool.acls) {
    const type = acl.type === 'dstdomain' ? 'dstdomain -n' : acl.type;
    out.push(`acl ${acl.name} ${type} ${acl.values.join(' ')}`);
  }
  out.push('');
  if (safe.length > 0) out.push(`http_access deny !${p}_Safe_ports`);
  out.push(ssl.length > 0 ? `http_access deny ${p}_CONNECT !${p}_SSL_ports` : `http_access deny ${p}_CONNECT`);
  append(out, body).push('# Everything else is refused.', 'http_access deny all', '');
  return ok({
    artifacts: [{ path: `${fileName(ctx.name)}.squid.conf`, content: out.join('\n'), mediaType: 'text/plain' }],
    findings,
  });
}

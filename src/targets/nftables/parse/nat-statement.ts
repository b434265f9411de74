import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { parseNatTo } from '../../../ruleset/nat-text.js';
import type { NatTarget } from '../../../ruleset/types.js';
import type { NftValue } from './model.js';
import { isObject } from './values.js';

/**
 * Where a nat statement sends the packet: `{to, family}` from the text reader, `{addr, port, family}` from
 * `nft -j` (a string or `{range: [a, b]}` each). A map or an expression is not modelled: the translation is then
 * empty and the rule uninterpreted, so the verdicts it could change are indeterminate.
 */
export function natStatement(
  kind: string,
  body: NftValue,
  tableFamily: 4 | 6 | undefined,
): { translate: NatTarget; opaque?: string } {
  if (kind === 'masquerade') return { translate: {}, opaque: 'masquerade: to the outgoing interface address' };
  const b = isObject(body) ? body : {};
  const family = b.family === 'ip' ? 4 : b.family === 'ip6' ? 6 : tableFamily;
  const notModelled = (why: string) => ({ translate: {}, opaque: `${kind}: ${why}` });
  if (kind === 'redirect')
    return notModelled(
      'hands the packet to a program on the firewall itself (a transparent proxy), not forwarded as it is',
    );
  if (typeof b.to === 'string') {
    const t = parseNatTo(b.to, family);
    return t.ok ? { translate: t.value } : notModelled(t.message);
  }
  if (b.unparsed !== undefined) return notModelled(`"${String(b.unparsed)}" (a map or an expression) is not modelled`);
  const out: { addresses?: CidrSet; ports?: PortSet } = {};
  if (b.addr !== undefined) {
    const a = b.addr;
    const r =
      typeof a === 'string'
        ? CidrSet.parse([a])
        : isObject(a) && Array.isArray(a.range) && a.range.length === 2
          ? CidrSet.fromRange(String(a.range[0]), String(a.range[1]))
          : undefined;
    if (!r?.ok) return notModelled(`address ${JSON.stringify(a)} (a map or an expression) is not modelled`);
    out.addresses = r.value;
  }
  if (b.port !== undefined) {
    const p = b.port;
    const range =
      typeof p === 'number'
        ? { from: p, to: p }
        : isObject(p) && Array.isArray(p.range) && p.range.length === 2
          ? { from: Number(p.range[0]), to: Number(p.range[1]) }
          : undefined;
    const port = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;
    if (!range || !port(range.from) || !port(range.to) || range.from > range.to)
      return notModelled(`port ${JSON.stringify(p)} is not modelled`);
    out.ports = PortSet.fromRanges([range]);
  }
  if (!out.addresses && !out.ports) return notModelled('no address nor port read');
  return { translate: out };
}

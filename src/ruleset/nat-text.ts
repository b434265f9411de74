import { CidrSet } from '../net/cidr-set.js';
import { PortSet } from '../net/port-set.js';
import { type ParseResult, parsed, rejected } from '../net/result.js';
import type { NatTarget } from './types.js';

const HINT = 'write ADDRESS[-ADDRESS][:PORT[-PORT]], [IPv6]:PORT for IPv6';

/**
 * The translation target iptables (`--to-destination`, `--to-source`) and nftables (`dnat to`, `snat to`) write:
 * `10.0.0.1`, `10.0.0.1-10.0.0.9`, `10.0.0.1:8080`, `10.0.0.1:8000-8010`, `[2001:db8::1]:443`, `2001:db8::1`, `:8080`.
 * `family` says how to read a bare IPv6 address with a colon (never as address:port).
 */
export function parseNatTo(text: string, family: 4 | 6 | undefined): ParseResult<NatTarget> {
  let addressPart = text;
  let portPart: string | undefined;
  const bracket = /^\[([^\]]+)\](?:-\[([^\]]+)\])?(?::(.+))?$/.exec(text);
  if (bracket) {
    addressPart = bracket[2] ? `${bracket[1]}-${bracket[2]}` : (bracket[1] as string);
    portPart = bracket[3];
  } else if (family !== 6 && !/:.*:/.test(text)) {
    const at = text.indexOf(':');
    if (at >= 0) {
      addressPart = text.slice(0, at);
      portPart = text.slice(at + 1);
    }
  }
  const out: { addresses?: CidrSet; ports?: PortSet } = {};
  if (addressPart !== '') {
    const [first = '', last] = addressPart.split('-');
    const r = last === undefined ? CidrSet.parse([first]) : CidrSet.fromRange(first, last);
    if (!r.ok || first.includes('/'))
      return rejected(`"${addressPart}" is not an address or a range of addresses`, HINT);
    out.addresses = r.value;
  }
  if (portPart !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(portPart);
    const from = Number(m?.[1]);
    const to = m?.[2] === undefined ? from : Number(m[2]);
    if (!m || from > to || to > 65535) return rejected(`"${portPart}" is not a port or a range of ports`, HINT);
    out.ports = PortSet.fromRanges([{ from, to }]);
  }
  if (!out.addresses && !out.ports) return rejected(`"${text}" names neither an address nor a port`, HINT);
  return parsed(out);
}

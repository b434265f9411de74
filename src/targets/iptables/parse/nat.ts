import { parseNatTo } from '../../../ruleset/nat-text.js';
import type { NatTarget } from '../../../ruleset/types.js';
import type { TargetUse } from './rule.js';
import { xtablesNumber } from './values.js';

/**
 * What a target of the nat table does to the packets it takes, for the NAT stage: DNAT and SNAT to where their
 * `--to-destination`/`--to-source` say; MASQUERADE to the outgoing interface's address (after filtering: nothing
 * the filter sees); REDIRECT and NETMAP are recorded as translations this reading does not follow.
 */
export type IptablesNat =
  | { readonly translate: NatTarget; readonly opaque?: undefined }
  | { readonly translate: NatTarget; readonly opaque: string }
  | { readonly message: string; readonly hint?: string };

export function natOf(target: TargetUse, family: 4 | 6): IptablesNat | undefined {
  const option = target.name === 'DNAT' ? '--to-destination' : target.name === 'SNAT' ? '--to-source' : undefined;
  if (option) {
    const values = target.args.filter((a) => a.startsWith(`${option} `)).map((a) => a.slice(option.length + 1).trim());
    if (values.length !== 1) {
      return values.length === 0
        ? { message: `-j ${target.name} needs ${option}`, hint: `write -j ${target.name} ${option} ADDRESS[:PORT]` }
        : { translate: {}, opaque: `-j ${target.name} with several ${option} (the kernel spreads connections)` };
    }
    const to = parseNatTo(xtablesPorts(values[0] as string, family), family);
    if (!to.ok) return { message: `${option}: ${to.message}`, ...(to.hint ? { hint: to.hint } : {}) };
    return { translate: to.value };
  }
  if (target.name === 'MASQUERADE') return { translate: {}, opaque: 'MASQUERADE: to the outgoing interface address' };
  if (target.name === 'REDIRECT')
    return {
      translate: {},
      opaque:
        'REDIRECT hands the packet to a program on the firewall itself (a transparent proxy): not forwarded as it is',
    };
  if (target.name === 'NETMAP')
    return { translate: {}, opaque: 'NETMAP (a prefix mapped onto another) is not modelled' };
  return undefined;
}

/**
 * `ADDRESS:PORT[-PORT]` with the ports as libxt_NAT reads them, in base 0 (`:010-020` is 8 to 16, `:0x50` is 80);
 * as written when they do not read so (the reader then says what is wrong).
 */
function xtablesPorts(text: string, family: 4 | 6): string {
  const bracket = text.lastIndexOf(']:');
  const colon = bracket >= 0 ? bracket + 1 : family === 4 ? text.indexOf(':') : -1;
  if (colon < 0) return text;
  const ports = text.slice(colon + 1).split('-');
  const read = ports.map((p) => xtablesNumber(p, 65535));
  if (read.some((n) => n === undefined)) return text;
  return `${text.slice(0, colon + 1)}${read.join('-')}`;
}

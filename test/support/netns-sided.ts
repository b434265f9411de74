import type { ChildProcess } from 'node:child_process';
import type { Lab, Probe } from './netns.js';
import { type ListenPorts, probeFrom, startListener } from './netns-agents.js';
import { deleteNamespaces, inNamespace, keepUntilExit, rulesetLoader, run, uniquePrefix } from './netns-base.js';

/**
 * Kernel lab shaped like a site's firewall: one namespace per side (one per zone the firewall separates) around a
 * firewall namespace whose interfaces carry the names the site declares (`eth1`, `eth2`, `outside`…), so the
 * generated `iifname`/`oifname` matches are exercised. Each side holds the real site addresses as /32 and /128
 * on its interface; the firewall routes each of them to its side. Neighbours are static (fixed MAC addresses),
 * so no probe races ARP or neighbour discovery and nothing is pinged before the ruleset is loaded.
 *
 *   side 0 (n0, 10.20.30.11/32 …) —— eth1 firewall eth2 —— (n0, 172.16.50.10/32 …) side 1
 *
 * Transfer links use 169.254.<i+1>.0/24 and fdfe:0:<i+1>::/64 (the firewall is .1, the side .2); site addresses
 * must not fall in them.
 */
export interface SideSpec {
  /** Firewall interface name, as in the site's `firewalls[].interfaces`. */
  readonly iface: string;
  /** Site addresses (no prefix length) this side holds. */
  readonly addresses: readonly string[];
}

export interface SidedLab extends Pick<Lab, 'loadNft' | 'loadIptables'> {
  readonly names: { readonly firewall: string; readonly sides: readonly string[] };
  exec(ns: string, cmd: string, args: readonly string[], input?: string): Promise<string>;
  /** Start (or restart) listeners on one side, on these ports, for these addresses (UDP binds each). */
  listen(side: number, ports: ListenPorts, addresses: readonly string[]): Promise<void>;
  /** Probe from one side (every probe's `src` must be held by that side); results in the same order. */
  probe(side: number, probes: readonly Probe[], opts?: { timeoutMs?: number; limit?: number }): Promise<boolean[]>;
  destroy(): void;
}

export const TRANSFER_V4 = '169.254.0.0/16';
export const TRANSFER_V6 = 'fdfe::/16';

const mac = (side: number, firewall: boolean): string =>
  `02:fd:00:${firewall ? '01' : '02'}:${(side >> 8).toString(16).padStart(2, '0')}:${(side & 0xff).toString(16).padStart(2, '0')}`;
const v6 = (a: string) => a.includes(':');

export async function createSidedLab(sides: readonly SideSpec[]): Promise<SidedLab> {
  const prefix = uniquePrefix('fms');
  const names = { firewall: `${prefix}-f`, sides: sides.map((_, i) => `${prefix}-${i}`) };
  const children: ChildProcess[] = [];
  const listeners = new Map<number, ChildProcess>();
  let forget = (): void => {};
  const batch = (ns: string, lines: readonly string[]) => run('ip', ['-n', ns, '-batch', '-'], `${lines.join('\n')}\n`);

  const destroy = (): void => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    deleteNamespaces([names.firewall, ...names.sides]);
    forget();
  };
  const lab: SidedLab = {
    names,
    exec: inNamespace,
    ...rulesetLoader(names.firewall),
    async listen(side, ports, addresses) {
      listeners.get(side)?.kill('SIGKILL');
      const { child, ready } = startListener(names.sides[side] as string, ports, addresses);
      children.push(child);
      listeners.set(side, child);
      await ready;
    },
    probe: (side, probes, opts = {}) =>
      probeFrom(names.sides[side] as string, probes, { timeoutMs: opts.timeoutMs ?? 1000, limit: opts.limit ?? 128 }),
    destroy,
  };
  forget = keepUntilExit(lab);

  try {
    await run('ip', ['-batch', '-'], `${[names.firewall, ...names.sides].map((n) => `netns add ${n}`).join('\n')}\n`);
    // Firewall side first: the veth pairs (the peer born in the side's namespace), transfer addresses, links up.
    await batch(names.firewall, [
      ...sides.flatMap((s, i) => [
        `link add ${s.iface} address ${mac(i, true)} type veth peer name n0 address ${mac(i, false)} netns ${names.sides[i]}`,
        `addr add 169.254.${i + 1}.1/24 dev ${s.iface}`,
        `addr add fdfe:0:${i + 1}::1/64 dev ${s.iface} nodad`,
        `link set ${s.iface} up`,
      ]),
      'link set lo up',
    ]);
    await Promise.all(
      sides.map((s, i) =>
        batch(names.sides[i] as string, [
          `addr add 169.254.${i + 1}.2/24 dev n0`,
          `addr add fdfe:0:${i + 1}::2/64 dev n0 nodad`,
          ...s.addresses.map((a) => `addr add ${a}/${v6(a) ? 128 : 32} dev n0${v6(a) ? ' nodad' : ''}`),
          'link set n0 up',
          'link set lo up',
          `route add default via 169.254.${i + 1}.1 dev n0`,
          `route add default via fdfe:0:${i + 1}::1 dev n0`,
          `neigh add 169.254.${i + 1}.1 lladdr ${mac(i, true)} dev n0 nud permanent`,
          `neigh add fdfe:0:${i + 1}::1 lladdr ${mac(i, true)} dev n0 nud permanent`,
        ]),
      ),
    );
    await batch(
      names.firewall,
      sides.flatMap((s, i) =>
        s.addresses.flatMap((a) => [
          `route add ${a}/${v6(a) ? 128 : 32} dev ${s.iface}`,
          `neigh add ${a} lladdr ${mac(i, false)} dev ${s.iface} nud permanent`,
        ]),
      ),
    );
    await inNamespace(names.firewall, 'sysctl', [
      '-qw',
      'net.ipv4.ip_forward=1',
      'net.ipv6.conf.all.forwarding=1',
      'net.ipv4.conf.all.rp_filter=0',
    ]);
  } catch (e) {
    destroy();
    throw e;
  }
  return lab;
}

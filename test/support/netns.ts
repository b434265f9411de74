import type { ChildProcess } from 'node:child_process';
import { type ListenPorts, probeFrom, startListener } from './netns-agents.js';
import { deleteNamespaces, inNamespace, keepUntilExit, rulesetLoader, run, uniquePrefix } from './netns-base.js';
import { commandWorks } from './system.js';

/**
 * Kernel test harness: three throw-away network namespaces (client — firewall — server) joined by veth pairs,
 * IPv4 (198.18.0.0/15) and IPv6 (2001:db8::/32) documentation addresses, forwarding on in the firewall. A ruleset
 * is loaded in the firewall namespace only; listeners run in the server namespace; probes leave the client.
 * Nothing touches the host's own namespace. Everything is removed by `destroy()`, and at process exit.
 *
 *   client c0 (198.18.1.x, 2001:db8:1::x) —— f0 firewall f1 —— s0 server (198.18.2.x, 2001:db8:2::x)
 */
export interface LabAddresses {
  readonly clientV4: readonly string[];
  readonly clientV6: readonly string[];
  readonly serverV4: readonly string[];
  readonly serverV6: readonly string[];
}

export const DEFAULT_LAB: LabAddresses = {
  clientV4: ['198.18.1.2', '198.18.1.3'],
  clientV6: ['2001:db8:1::2', '2001:db8:1::3'],
  serverV4: ['198.18.2.2', '198.18.2.3'],
  serverV6: ['2001:db8:2::2', '2001:db8:2::3'],
};

/** The firewall's interfaces as the rules see them. */
export const LAB_INTERFACES = { client: 'f0', server: 'f1' } as const;

export type ProbeProto = 'tcp' | 'udp' | 'icmp';
export interface Probe {
  readonly proto: ProbeProto;
  readonly src: string;
  readonly dst: string;
  /** Destination port (ignored for ICMP echo). */
  readonly port: number;
}

export interface Lab {
  readonly names: { readonly client: string; readonly firewall: string; readonly server: string };
  readonly addresses: LabAddresses;
  /** Run a command in one of the lab's namespaces; rejects with stderr on failure. */
  exec(ns: string, cmd: string, args: readonly string[], input?: string): Promise<string>;
  /** Replace the firewall's nftables ruleset (flushes any previous one, iptables-nft included). */
  loadNft(ruleset: string): Promise<void>;
  /** Load iptables-save / ip6tables-save files (and an ipset restore file first). */
  loadIptables(files: { readonly v4: string; readonly v6: string; readonly ipset?: string }): Promise<void>;
  /** Start (or restart) listeners in the server namespace on these ports. */
  listen(ports: ListenPorts): Promise<void>;
  /** Probe from the client namespace; results in the same order. */
  probe(probes: readonly Probe[], opts?: { readonly timeoutMs?: number; readonly limit?: number }): Promise<boolean[]>;
  destroy(): void;
}

export const netnsRequirements = {
  ping: {
    what: 'ping (iputils-ping)',
    install: 'apt-get install -y iputils-ping',
    probe: () => commandWorks('ping', ['-V']),
  },
  ipset: { what: 'ipset', install: 'apt-get install -y ipset', probe: () => commandWorks('ipset', ['version']) },
};

export async function createLab(addresses: LabAddresses = DEFAULT_LAB): Promise<Lab> {
  const prefix = uniquePrefix('fmt');
  const names = { client: `${prefix}-c`, firewall: `${prefix}-f`, server: `${prefix}-s` };
  const children: ChildProcess[] = [];
  let listener: ChildProcess | undefined;
  const ip = (...args: string[]) => run('ip', args);
  let forget = (): void => {};

  const destroy = (): void => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    deleteNamespaces(Object.values(names));
    forget();
  };
  const lab: Lab = {
    names,
    addresses,
    exec: inNamespace,
    ...rulesetLoader(names.firewall),
    async listen(ports) {
      listener?.kill('SIGKILL');
      const { child, ready } = startListener(names.server, ports, [...addresses.serverV4, ...addresses.serverV6]);
      children.push(child);
      listener = child;
      await ready;
    },
    probe: (probes, opts = {}) =>
      probeFrom(names.client, probes, { timeoutMs: opts.timeoutMs ?? 1500, limit: opts.limit ?? 256 }),
    destroy,
  };
  forget = keepUntilExit(lab);

  try {
    for (const ns of Object.values(names)) await ip('netns', 'add', ns);
    await ip('-n', names.client, 'link', 'add', 'c0', 'type', 'veth', 'peer', 'name', 'f0', 'netns', names.firewall);
    await ip('-n', names.server, 'link', 'add', 's0', 'type', 'veth', 'peer', 'name', 'f1', 'netns', names.firewall);
    const addr = (ns: string, dev: string, cidr: string) =>
      ip('-n', ns, 'addr', 'add', cidr, 'dev', dev, ...(cidr.includes(':') ? ['nodad'] : []));
    await addr(names.firewall, 'f0', '198.18.1.1/24');
    await addr(names.firewall, 'f1', '198.18.2.1/24');
    await addr(names.firewall, 'f0', '2001:db8:1::1/64');
    await addr(names.firewall, 'f1', '2001:db8:2::1/64');
    for (const a of addresses.clientV4) await addr(names.client, 'c0', `${a}/24`);
    for (const a of addresses.clientV6) await addr(names.client, 'c0', `${a}/64`);
    for (const a of addresses.serverV4) await addr(names.server, 's0', `${a}/24`);
    for (const a of addresses.serverV6) await addr(names.server, 's0', `${a}/64`);
    for (const [ns, dev] of [
      [names.client, 'c0'],
      [names.firewall, 'f0'],
      [names.firewall, 'f1'],
      [names.server, 's0'],
      [names.client, 'lo'],
      [names.firewall, 'lo'],
      [names.server, 'lo'],
    ] as const) {
      await ip('-n', ns, 'link', 'set', dev, 'up');
    }
    await ip('-n', names.client, 'route', 'add', 'default', 'via', '198.18.1.1');
    await ip('-n', names.server, 'route', 'add', 'default', 'via', '198.18.2.1');
    await ip('-n', names.client, '-6', 'route', 'add', 'default', 'via', '2001:db8:1::1');
    await ip('-n', names.server, '-6', 'route', 'add', 'default', 'via', '2001:db8:2::1');
    // Every neighbour known for good before any probe: a probe from a second client address (or to a second server
    // address) would otherwise wait on ARP / neighbour discovery for its answer, which a loaded machine can lose.
    const mac = async (ns: string, dev: string): Promise<string> =>
      (JSON.parse(await ip('-j', '-n', ns, 'link', 'show', 'dev', dev)) as { address: string }[])[0]?.address ?? '';
    const [c0, f0, f1, s0] = await Promise.all([
      mac(names.client, 'c0'),
      mac(names.firewall, 'f0'),
      mac(names.firewall, 'f1'),
      mac(names.server, 's0'),
    ]);
    const neighbour = (ns: string, dev: string, address: string, lladdr: string) =>
      ip('-n', ns, 'neigh', 'replace', address, 'lladdr', lladdr, 'dev', dev, 'nud', 'permanent');
    for (const a of [...addresses.clientV4, ...addresses.clientV6]) await neighbour(names.firewall, 'f0', a, c0);
    for (const a of [...addresses.serverV4, ...addresses.serverV6]) await neighbour(names.firewall, 'f1', a, s0);
    for (const gw of ['198.18.1.1', '2001:db8:1::1']) await neighbour(names.client, 'c0', gw, f0);
    for (const gw of ['198.18.2.1', '2001:db8:2::1']) await neighbour(names.server, 's0', gw, f1);
    await inNamespace(names.firewall, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
    await inNamespace(names.firewall, 'sysctl', ['-qw', 'net.ipv6.conf.all.forwarding=1']);
    // Resolve every neighbour once (no ruleset yet, forwarding open) so no probe races neighbour discovery.
    await Promise.all(
      [...addresses.serverV4, ...addresses.serverV6].map((dst) =>
        inNamespace(names.client, 'ping', [dst.includes(':') ? '-6' : '-4', '-n', '-c', '1', '-W', '3', dst]),
      ),
    );
  } catch (e) {
    destroy();
    throw e;
  }
  return lab;
}

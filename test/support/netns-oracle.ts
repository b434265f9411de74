import { deleteNamespaces, inNamespace, keepUntilExit, rulesetLoader, run, uniquePrefix } from './netns-base.js';

/**
 * The kernel as oracle for one packet at a time, at any address: a sender, a firewall and a sink namespace.
 * The sender holds every probe's source address (/32, /128) and sends one TCP SYN, UDP datagram or ICMP echo
 * request; the firewall routes everything to the sink; the sink records in nftables sets what arrives, keyed by
 * destination, protocol and ports (a NAT of the source address leaves them alone), and answers nothing. A probe
 * went through when its key is recorded. The firewall's two interfaces are renamed per batch to the names the
 * rules use (`-i eth1.96 -o eth0`). Nothing touches the host's namespace; all is removed by `destroy()`.
 *
 *   sender s0 —— IN firewall OUT —— k0 sink (records, drops)
 */
export interface OracleProbe {
  readonly proto: 'tcp' | 'udp' | 'icmp';
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
}

export interface OracleLab {
  loadNft(ruleset: string): Promise<void>;
  loadIptables(files: { readonly v4: string; readonly v6: string; readonly ipset?: string }): Promise<void>;
  /**
   * Sends a batch through interfaces named `inName` → `outName`; whether each probe reached the sink (as one of
   * `arrivals[i]` when given: the probe as the firewall may forward it after a destination translation).
   */
  send(
    inName: string,
    outName: string,
    probes: readonly OracleProbe[],
    arrivals?: readonly (readonly OracleProbe[])[],
  ): Promise<boolean[]>;
  /** Every key (`probeKey`) the sink recorded in the last batch sent, expected or not. */
  lastArrivals(): ReadonlySet<string>;
  destroy(): void;
}

const SINK_RULES = `
table inet rec {
  set t4 { type ipv4_addr . inet_proto . inet_service . inet_service; flags dynamic; size 65535; }
  set t6 { type ipv6_addr . inet_proto . inet_service . inet_service; flags dynamic; size 65535; }
  set e4 { type ipv4_addr; flags dynamic; size 65535; }
  set e6 { type ipv6_addr; flags dynamic; size 65535; }
  chain pre {
    type filter hook prerouting priority -400; policy drop;
    iifname "k0" tcp flags & (syn | ack) == syn add @t4 { ip daddr . meta l4proto . th sport . th dport }
    iifname "k0" tcp flags & (syn | ack) == syn add @t6 { ip6 daddr . meta l4proto . th sport . th dport }
    iifname "k0" meta l4proto udp add @t4 { ip daddr . meta l4proto . th sport . th dport }
    iifname "k0" meta l4proto udp add @t6 { ip6 daddr . meta l4proto . th sport . th dport }
    iifname "k0" icmp type echo-request add @e4 { ip daddr }
    iifname "k0" icmpv6 type echo-request add @e6 { ip6 daddr }
  }
}
`;

/** Sends each probe once (TCP: a SYN, never completed; UDP: one datagram; ICMP: one echo request). */
const SENDER = `
import net from 'node:net';
import dgram from 'node:dgram';
import { execFile } from 'node:child_process';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const probes = JSON.parse(input);
const sent = probes.map((p) => new Promise((done) => {
  if (p.proto === 'tcp') {
    const s = net.connect({ host: p.dst, port: p.dport, localAddress: p.src, localPort: p.sport });
    s.on('error', () => {});
    setTimeout(() => { s.destroy(); done(); }, 400);
  } else if (p.proto === 'udp') {
    const s = dgram.createSocket(p.dst.includes(':') ? 'udp6' : 'udp4');
    s.on('error', () => { s.close(); done(); });
    s.bind(p.sport, p.src, () => s.send('probe', p.dport, p.dst, () => { s.close(); done(); }));
  } else {
    execFile('ping', [p.dst.includes(':') ? '-6' : '-4', '-n', '-c', '1', '-W', '1', '-I', p.src, p.dst], () => done());
  }
}));
await Promise.all(sent);
process.stdout.write('sent');
`;

const MAC_IN = '02:fe:00:00:00:01';
const MAC_SINK = '02:fe:00:00:00:02';

export async function createOracleLab(): Promise<OracleLab> {
  const prefix = uniquePrefix('fmo');
  const ns = { sender: `${prefix}-s`, firewall: `${prefix}-f`, sink: `${prefix}-k` };
  const ip = (...args: string[]) => run('ip', args);
  const held = new Set<string>();
  let names = { in: 'fin', out: 'fout' };
  let forget = (): void => {};
  const destroy = (): void => {
    deleteNamespaces(Object.values(ns));
    forget();
  };
  forget = keepUntilExit({ destroy });

  /** Routes and neighbours of the firewall (a renamed, re-raised link loses them; it keeps its addresses). */
  const firewallRoutes = (): string =>
    [
      `link set ${names.in} up`,
      `link set ${names.out} up`,
      `neigh replace 169.254.251.2 lladdr ${MAC_SINK} dev ${names.out} nud permanent`,
      `neigh replace fe80::2 lladdr ${MAC_SINK} dev ${names.out} nud permanent`,
      `route replace default via 169.254.251.2 dev ${names.out}`,
      `route replace ::/0 via fe80::2 dev ${names.out}`,
    ].join('\n');

  try {
    for (const n of Object.values(ns)) await ip('netns', 'add', n);
    await ip('-n', ns.sender, 'link', 'add', 's0', 'type', 'veth', 'peer', 'name', 'fin', 'netns', ns.firewall);
    await ip('-n', ns.sink, 'link', 'add', 'k0', 'type', 'veth', 'peer', 'name', 'fout', 'netns', ns.firewall);
    await ip('-n', ns.firewall, 'link', 'set', 'fin', 'address', MAC_IN);
    await ip('-n', ns.sink, 'link', 'set', 'k0', 'address', MAC_SINK);
    for (const [n, dev] of [
      [ns.sender, 's0'],
      [ns.sender, 'lo'],
      [ns.sink, 'k0'],
      [ns.sink, 'lo'],
      [ns.firewall, 'lo'],
    ] as const) {
      await ip('-n', n, 'link', 'set', dev, 'up');
    }
    for (const s of [
      'net.ipv4.ip_forward=1',
      'net.ipv6.conf.all.forwarding=1',
      'net.ipv4.conf.all.rp_filter=0',
      'net.ipv4.conf.default.rp_filter=0',
      'net.ipv6.conf.all.keep_addr_on_down=1',
    ]) {
      await inNamespace(ns.firewall, 'sysctl', ['-qw', s]);
    }
    await run(
      'ip',
      ['-n', ns.firewall, '-batch', '-'],
      [
        'addr add 169.254.250.1/30 dev fin',
        'addr add 169.254.251.1/30 dev fout',
        'addr add fe80::1/64 dev fin nodad',
        'addr add fe80::1/64 dev fout nodad',
      ].join('\n'),
    );
    await run('ip', ['-n', ns.firewall, '-batch', '-'], firewallRoutes());
    await run(
      'ip',
      ['-n', ns.sender, '-batch', '-'],
      [
        'addr add 169.254.250.2/30 dev s0',
        'addr add fe80::2/64 dev s0 nodad',
        `neigh replace 169.254.250.1 lladdr ${MAC_IN} dev s0 nud permanent`,
        `neigh replace fe80::1 lladdr ${MAC_IN} dev s0 nud permanent`,
        'route replace default via 169.254.250.1 dev s0',
        'route replace ::/0 via fe80::1 dev s0',
      ].join('\n'),
    );
    await inNamespace(ns.sink, 'nft', ['-f', '-'], SINK_RULES);
  } catch (e) {
    destroy();
    throw e;
  }

  const loader = rulesetLoader(ns.firewall);
  let last: ReadonlySet<string> = new Set();
  return {
    lastArrivals: () => last,
    loadIptables: loader.loadIptables,
    loadNft: loader.loadNft,
    async send(inName, outName, probes, arrivals) {
      if (inName !== names.in || outName !== names.out) {
        // Through temporary names, so that swapping the two never collides.
        const steps = [
          `link set ${names.in} down`,
          `link set ${names.out} down`,
          `link set ${names.in} name fmtmpin`,
          `link set ${names.out} name fmtmpout`,
          `link set fmtmpin name ${inName}`,
          `link set fmtmpout name ${outName}`,
        ];
        await run('ip', ['-n', ns.firewall, '-batch', '-'], steps.join('\n'));
        names = { in: inName, out: outName };
        await run('ip', ['-n', ns.firewall, '-batch', '-'], firewallRoutes());
        await carrierUp(ns.firewall, [inName, outName]);
        await carrierUp(ns.sender, ['s0']);
        await carrierUp(ns.sink, ['k0']);
      }
      // A destination the sender holds (a source of an earlier batch) would be delivered locally: drop it first.
      const stale = [...new Set(probes.map((p) => p.dst))].filter((a) => held.has(a));
      if (stale.length > 0) {
        const dels = stale.map((a) => `addr del ${a}/${a.includes(':') ? 128 : 32} dev s0`);
        await run('ip', ['-n', ns.sender, '-batch', '-'], dels.join('\n'));
        for (const a of stale) held.delete(a);
      }
      const fresh = [...new Set(probes.map((p) => p.src))].filter((a) => !held.has(a));
      if (fresh.length > 0) {
        const adds = fresh.map((a) => (a.includes(':') ? `addr add ${a}/128 dev s0 nodad` : `addr add ${a}/32 dev s0`));
        await run('ip', ['-n', ns.sender, '-batch', '-'], adds.join('\n'));
        for (const a of fresh) held.add(a);
      }
      for (const set of ['t4', 't6', 'e4', 'e6'])
        await inNamespace(ns.sink, 'nft', ['flush', 'set', 'inet', 'rec', set]);
      await inNamespace(ns.sender, process.execPath, ['--input-type=module', '-e', SENDER], JSON.stringify(probes));
      await new Promise((r) => setTimeout(r, 300));
      const seen = new Set<string>();
      for (const set of ['t4', 't6', 'e4', 'e6']) {
        const out = JSON.parse(await inNamespace(ns.sink, 'nft', ['-j', 'list', 'set', 'inet', 'rec', set])) as {
          nftables: { set?: { elem?: unknown[] } }[];
        };
        for (const item of out.nftables) for (const e of item.set?.elem ?? []) seen.add(elementKey(e));
      }
      last = seen;
      return probes.map((p, i) => (arrivals?.[i] ?? [p]).some((a) => seen.has(probeKey(a))));
    },
    destroy,
  };
}

/** Waits (up to 5 s) until the links carry packets again: a probe sent before is lost, not filtered. */
async function carrierUp(ns: string, devs: readonly string[]): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const out = await inNamespace(ns, 'ip', ['-o', 'link', 'show']);
    const up = devs.every((d) =>
      out.split('\n').some((l) => l.includes(` ${d}`) && /state UP/.test(l) && /LOWER_UP/.test(l)),
    );
    if (up) {
      await new Promise((r) => setTimeout(r, 200));
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`links ${devs.join(', ')} of ${ns} did not come up`);
}

const PROTO_NAMES: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp' };

function elementKey(e: unknown): string {
  const value = (e as { elem?: { val?: unknown } }).elem?.val ?? e;
  if (typeof value === 'string') return `icmp ${value}`;
  const parts = (value as { concat: (string | number)[] }).concat;
  const proto = String(parts[1]);
  return `${PROTO_NAMES[proto] ?? proto} ${parts[0]} ${parts[2]} ${parts[3]}`;
}

/** The key the sink records a probe under (IPv6 addresses as nft prints them: compressed, lower case). */
export const probeKey = (p: OracleProbe): string =>
  p.proto === 'icmp' ? `icmp ${p.dst}` : `${p.proto} ${p.dst} ${p.sport} ${p.dport}`;

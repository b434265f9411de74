/** The words iptables-save writes and iptables-restore reads: tables, built-in chains, protocols, ICMP names. */

export const TABLES = ['filter', 'nat', 'mangle', 'raw', 'security'] as const;
export type Table = (typeof TABLES)[number];

export const BUILTIN_CHAINS: Readonly<Record<Table, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/**
 * Protocol names iptables accepts after `-p` (its own table, then the usual /etc/protocols names older versions
 * print), to their numbers. `all` (0) matches every protocol.
 */
export const PROTOCOLS: Readonly<Record<string, number>> = {
  all: 0,
  icmp: 1,
  igmp: 2,
  ipencap: 4,
  tcp: 6,
  egp: 8,
  udp: 17,
  ipv6: 41,
  rsvp: 46,
  gre: 47,
  esp: 50,
  ah: 51,
  icmpv6: 58,
  'ipv6-icmp': 58,
  ospf: 89,
  ipip: 94,
  etherip: 97,
  encap: 98,
  pim: 103,
  ipcomp: 108,
  vrrp: 112,
  l2tp: 115,
  sctp: 132,
  'ipv6-mh': 135,
  mh: 135,
  udplite: 136,
};

/** Protocols whose header carries ports iptables matches with --sport/--dport. */
export const PORTED = new Set([6, 17, 33, 132, 136]);

/** The names libxt_icmp knows, to type and code (a name for a whole type has no code). `any` is every type. */
export const ICMP_NAMES: Readonly<Record<string, { type: number; code?: number }>> = {
  'echo-reply': { type: 0 },
  pong: { type: 0 },
  'destination-unreachable': { type: 3 },
  'network-unreachable': { type: 3, code: 0 },
  'host-unreachable': { type: 3, code: 1 },
  'protocol-unreachable': { type: 3, code: 2 },
  'port-unreachable': { type: 3, code: 3 },
  'fragmentation-needed': { type: 3, code: 4 },
  'source-route-failed': { type: 3, code: 5 },
  'network-unknown': { type: 3, code: 6 },
  'host-unknown': { type: 3, code: 7 },
  'network-prohibited': { type: 3, code: 9 },
  'host-prohibited': { type: 3, code: 10 },
  'TOS-network-unreachable': { type: 3, code: 11 },
  'TOS-host-unreachable': { type: 3, code: 12 },
  'communication-prohibited': { type: 3, code: 13 },
  'host-precedence-violation': { type: 3, code: 14 },
  'precedence-cutoff': { type: 3, code: 15 },
  'source-quench': { type: 4 },
  redirect: { type: 5 },
  'network-redirect': { type: 5, code: 0 },
  'host-redirect': { type: 5, code: 1 },
  'TOS-network-redirect': { type: 5, code: 2 },
  'TOS-host-redirect': { type: 5, code: 3 },
  'echo-request': { type: 8 },
  ping: { type: 8 },
  'router-advertisement': { type: 9 },
  'router-solicitation': { type: 10 },
  'time-exceeded': { type: 11 },
  'ttl-exceeded': { type: 11 },
  'ttl-zero-during-transit': { type: 11, code: 0 },
  'ttl-zero-during-reassembly': { type: 11, code: 1 },
  'parameter-problem': { type: 12 },
  'ip-header-bad': { type: 12, code: 0 },
  'required-option-missing': { type: 12, code: 1 },
  'timestamp-request': { type: 13 },
  'timestamp-reply': { type: 14 },
  'address-mask-request': { type: 17 },
  'address-mask-reply': { type: 18 },
};

/** The names libxt_icmp6 (ip6tables `--icmpv6-type`) knows. */
export const ICMPV6_NAMES: Readonly<Record<string, { type: number; code?: number }>> = {
  'destination-unreachable': { type: 1 },
  'no-route': { type: 1, code: 0 },
  'communication-prohibited': { type: 1, code: 1 },
  'beyond-scope': { type: 1, code: 2 },
  'address-unreachable': { type: 1, code: 3 },
  'port-unreachable': { type: 1, code: 4 },
  'failed-policy': { type: 1, code: 5 },
  'reject-route': { type: 1, code: 6 },
  'packet-too-big': { type: 2 },
  'time-exceeded': { type: 3 },
  'ttl-exceeded': { type: 3 },
  'ttl-zero-during-transit': { type: 3, code: 0 },
  'ttl-zero-during-reassembly': { type: 3, code: 1 },
  'parameter-problem': { type: 4 },
  'bad-header': { type: 4, code: 0 },
  'unknown-header-type': { type: 4, code: 1 },
  'unknown-option': { type: 4, code: 2 },
  'echo-request': { type: 128 },
  ping: { type: 128 },
  'echo-reply': { type: 129 },
  pong: { type: 129 },
  'mld-listener-query': { type: 130 },
  'mld-listener-report': { type: 131 },
  'mld-listener-done': { type: 132 },
  'mld-listener-reduction': { type: 132 },
  'router-solicitation': { type: 133 },
  'router-advertisement': { type: 134 },
  'neighbour-solicitation': { type: 135 },
  'neighbor-solicitation': { type: 135 },
  'neighbour-advertisement': { type: 136 },
  'neighbor-advertisement': { type: 136 },
  redirect: { type: 137 },
};

/**
 * Targets that let the walk go on (logging, counting, marking, accounting): `continue` in the ruleset. Marks only
 * matter to rules that match them, and those are uninterpreted.
 */
export const CONTINUE_TARGETS = new Set([
  'LOG',
  'NFLOG',
  'ULOG',
  'MARK',
  'CONNMARK',
  'CLASSIFY',
  'DSCP',
  'TOS',
  'TTL',
  'HL',
  'TCPMSS',
  'CHECKSUM',
  'SECMARK',
  'CONNSECMARK',
  'AUDIT',
  'TRACE',
  'IDLETIMER',
  'LED',
  'RATEEST',
  'TEE',
  'NETMAP',
  'SNAT',
  'MASQUERADE',
  'DNAT',
  'REDIRECT',
  'NOTRACK',
  'CT',
  'TPROXY',
  'SET',
  'TCPOPTSTRIP',
  'ECN',
]);

/** Targets that rewrite the packet or its connection before filtering, so the filter may see something else. */
export const PREFILTER_REWRITES = new Set(['DNAT', 'REDIRECT', 'NETMAP', 'NOTRACK', 'CT', 'TPROXY']);

/** Targets that hand the packet to a program or decide in a way this reading does not follow. */
export const UNKNOWN_VERDICT_TARGETS = new Set(['QUEUE', 'NFQUEUE', 'SYNPROXY']);

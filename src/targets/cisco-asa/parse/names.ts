/**
 * The names an ASA accepts for ports, protocols and ICMP types (Cisco ASA CLI configuration guide, "Addresses,
 * Protocols, and Ports" reference). A port name is valid only for the protocols listed with it: `tftp` is a UDP name,
 * `eq tftp` on a TCP rule is refused by the device, and read here as a rule the analysis cannot interpret.
 */
const T = 'tcp';
const U = 'udp';
const TU = 'tcp-udp';
const PORTS: Readonly<Record<string, readonly [number, string]>> = {
  aol: [5190, T],
  bgp: [179, T],
  biff: [512, U],
  bootpc: [68, U],
  bootps: [67, U],
  chargen: [19, T],
  cifs: [3020, TU],
  'citrix-ica': [1494, T],
  cmd: [514, T],
  ctiqbe: [2748, T],
  daytime: [13, T],
  discard: [9, TU],
  dnsix: [195, U],
  domain: [53, TU],
  echo: [7, TU],
  exec: [512, T],
  finger: [79, T],
  ftp: [21, T],
  'ftp-data': [20, T],
  gopher: [70, T],
  h323: [1720, T],
  hostname: [101, T],
  http: [80, TU],
  https: [443, T],
  ident: [113, T],
  imap4: [143, T],
  irc: [194, T],
  isakmp: [500, U],
  kerberos: [750, TU],
  klogin: [543, T],
  kshell: [544, T],
  ldap: [389, T],
  ldaps: [636, T],
  login: [513, T],
  lotusnotes: [1352, T],
  lpd: [515, T],
  'mobile-ip': [434, U],
  nameserver: [42, U],
  'netbios-dgm': [138, U],
  'netbios-ns': [137, U],
  'netbios-ssn': [139, T],
  nfs: [2049, TU],
  nntp: [119, T],
  ntp: [123, U],
  'pcanywhere-data': [5631, T],
  'pcanywhere-status': [5632, U],
  'pim-auto-rp': [496, TU],
  pop2: [109, T],
  pop3: [110, T],
  pptp: [1723, T],
  radius: [1645, U],
  'radius-acct': [1646, U],
  rip: [520, U],
  rsh: [514, T],
  rtsp: [554, T],
  'secureid-udp': [5510, U],
  sip: [5060, TU],
  smtp: [25, T],
  snmp: [161, U],
  snmptrap: [162, U],
  sqlnet: [1521, T],
  ssh: [22, T],
  sunrpc: [111, TU],
  syslog: [514, U],
  tacacs: [49, TU],
  talk: [517, TU],
  telnet: [23, T],
  tftp: [69, U],
  time: [37, U],
  uucp: [540, T],
  vxlan: [4789, U],
  who: [513, U],
  whois: [43, T],
  www: [80, TU],
  xdmcp: [177, U],
};

/** Which of tcp and udp a port name or number is read for (sctp takes numbers only). */
export type PortProtocol = 'tcp' | 'udp' | 'tcp-udp' | 'sctp';

/**
 * A port number or name for `protocol`: the number, or a reason (unknown name, a name of another protocol).
 * `tcp-udp` (object-group service … tcp-udp) takes a name only when it is valid for both.
 */
export function portNumber(word: string, protocol: PortProtocol): { port: number } | { reason: string } {
  if (/^\d+$/.test(word)) {
    const n = Number(word);
    return n <= 65535 ? { port: n } : { reason: `port ${word} is above 65535` };
  }
  const entry = PORTS[word.toLowerCase()];
  if (!entry) return { reason: `"${word}" is not an ASA port name` };
  const [port, valid] = entry;
  if (valid === TU || valid === protocol) return { port };
  return { reason: `"${word}" is a ${valid.toUpperCase()} port name, not one for ${protocol}` };
}

/** Protocol names of `access-list … extended`, `protocol-object` and `service-object`; `ip` is every protocol. */
const PROTOCOLS: Readonly<Record<string, number>> = {
  ah: 51,
  eigrp: 88,
  esp: 50,
  gre: 47,
  icmp: 1,
  icmp6: 58,
  igmp: 2,
  igrp: 9,
  ipinip: 4,
  ipsec: 50,
  nos: 94,
  ospf: 89,
  pcp: 108,
  pim: 103,
  pptp: 47,
  sctp: 132,
  snp: 109,
  tcp: 6,
  udp: 17,
};

/** A protocol word: its number, `'ip'` for every protocol, or undefined when unknown. */
export function protocolNumber(word: string): number | 'ip' | undefined {
  const w = word.toLowerCase();
  if (w === 'ip') return 'ip';
  if (/^\d+$/.test(w)) return Number(w) <= 255 ? Number(w) : undefined;
  return PROTOCOLS[w];
}

const ICMP: Readonly<Record<string, number>> = {
  'echo-reply': 0,
  unreachable: 3,
  'source-quench': 4,
  redirect: 5,
  'alternate-address': 6,
  echo: 8,
  'router-advertisement': 9,
  'router-solicitation': 10,
  'time-exceeded': 11,
  'parameter-problem': 12,
  'timestamp-request': 13,
  'timestamp-reply': 14,
  'information-request': 15,
  'information-reply': 16,
  'mask-request': 17,
  'mask-reply': 18,
  traceroute: 30,
  'conversion-error': 31,
  'mobile-redirect': 32,
};

const ICMP6: Readonly<Record<string, number>> = {
  unreachable: 1,
  'packet-too-big': 2,
  'time-exceeded': 3,
  'parameter-problem': 4,
  echo: 128,
  'echo-reply': 129,
  'membership-query': 130,
  'membership-report': 131,
  'membership-reduction': 132,
  'router-solicitation': 133,
  'router-advertisement': 134,
  'neighbor-solicitation': 135,
  'neighbor-advertisement': 136,
  'neighbor-redirect': 137,
  'router-renumbering': 138,
};

/** An ICMP (or ICMPv6 when `v6`) type name or number 0..255, or undefined when it is neither. */
export function icmpType(word: string, v6: boolean): number | undefined {
  if (/^\d+$/.test(word)) return Number(word) <= 255 ? Number(word) : undefined;
  return (v6 ? ICMP6 : ICMP)[word.toLowerCase()];
}

/** Whether a word is an ICMP type name of either family (tells an icmp type from a following keyword). */
export const isIcmpWord = (word: string): boolean =>
  /^\d+$/.test(word) || word.toLowerCase() in ICMP || word.toLowerCase() in ICMP6;

/** Logging levels a `log` option may name. */
export const LOG_LEVELS = new Set([
  'emergencies',
  'alerts',
  'critical',
  'errors',
  'warnings',
  'notifications',
  'informational',
  'debugging',
]);

/**
 * Hand-written iptables-restore inputs using the commands beyond `-A` (`-I`, `-D`, `-R`, `-P`, `-F`, `-N`, `-X`,
 * `-Z`), shared by the reader's tests and the differential test against the real iptables-legacy-restore.
 */

/** A table header and the chains every case starts from (line 1 to 7; the commands start at line 8). */
const HEAD = [
  '*filter',
  ':INPUT ACCEPT [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  ':web - [0:0]',
  '-A FORWARD -p tcp --dport 22 -j ACCEPT',
  '-A FORWARD -p tcp --dport 80 -j web',
];

const filter = (...commands: string[]): string => [...HEAD, ...commands, 'COMMIT', ''].join('\n');

export interface RestoreCase {
  readonly name: string;
  readonly family: 4 | 6;
  readonly text: string;
  /** Per chain of the filter table, the lines whose rules it holds in the end, in order; absent chains are gone. */
  readonly chains: Readonly<Record<string, readonly number[]>>;
  /** The FORWARD policy in the end. */
  readonly forward?: 'accept' | 'drop';
}

export const VALID: readonly RestoreCase[] = [
  {
    name: '-I without a number inserts first, -I n before rule n, -I at one past the last appends',
    family: 4,
    text: filter('-I FORWARD -s 10.0.0.1 -j DROP', '-I FORWARD 3 -s 10.0.0.2 -j DROP', '-I FORWARD 5 -j REJECT'),
    chains: { FORWARD: [8, 6, 9, 7, 10], web: [] },
  },
  {
    name: '-D by rule deletes the first identical one, written otherwise (-p 6, /32, -m tcp) or not',
    family: 4,
    text: filter(
      '-A FORWARD -s 10.1.1.1 -p tcp --dport 22 -j ACCEPT',
      '-A FORWARD -p tcp --dport 22 -m comment --comment "ssh" -j ACCEPT',
      '-A FORWARD -p tcp --dport 22 -j ACCEPT',
      '-D FORWARD -p 6 -m tcp --dport 22 -j ACCEPT',
      '-D FORWARD -p tcp -s 10.1.1.1/32 --dport 22 -j ACCEPT',
      '-D FORWARD -p tcp --dport 22 -m comment --comment ssh -j ACCEPT',
    ),
    chains: { FORWARD: [7, 10], web: [] },
  },
  {
    name: '-D by number, then -R: the replacing line is the rule’s place',
    family: 4,
    text: filter(
      '-A web -s 10.2.0.0/16 -j ACCEPT',
      '-D FORWARD 1',
      '-R FORWARD 1 -p tcp --dport 443 -j web',
      '-A web -j RETURN',
    ),
    chains: { FORWARD: [10], web: [8, 11] },
  },
  {
    name: '-P sets a built-in chain’s policy, -Z zeroes counters and -C checks a rule is there: neither changes a rule',
    family: 4,
    text: filter(
      '-P FORWARD ACCEPT',
      '-Z',
      '-Z FORWARD',
      '-Z FORWARD 2',
      '-P INPUT DROP',
      '-C FORWARD -p tcp -m tcp --dport 80 -j web',
    ),
    chains: { FORWARD: [6, 7], web: [] },
    forward: 'accept',
  },
  {
    name: '-F CHAIN flushes one chain, -F flushes every chain of the table',
    family: 4,
    text: filter(
      '-A web -j ACCEPT',
      '-F web',
      '-A web -j DROP',
      '-F',
      '-A FORWARD -j web',
      '-A web -s 10.9.0.0/16 -j ACCEPT',
    ),
    chains: { FORWARD: [12], web: [13] },
  },
  {
    name: '-N, -X of an empty chain no rule jumps to, and -N of its name again',
    family: 4,
    text: filter(
      '-N extra',
      '-A extra -j DROP',
      '-F extra',
      '-X extra',
      '-N extra',
      '-A FORWARD -j extra',
      '-A extra -j ACCEPT',
    ),
    chains: { FORWARD: [6, 7, 13], web: [], extra: [14] },
  },
  {
    name: '-X without a chain deletes every user chain once they are empty and unreferenced',
    family: 4,
    text: filter('-N other', '-D FORWARD 2', '-X', '-A FORWARD -j ACCEPT'),
    chains: { FORWARD: [6, 11] },
  },
  {
    name: 'REJECT with its default --reject-with is the same rule as REJECT alone',
    family: 4,
    text: filter(
      '-A FORWARD -j REJECT',
      '-A FORWARD -s 10.3.0.0/16 -j DROP',
      '-D FORWARD -j REJECT --reject-with icmp-port-unreachable',
    ),
    chains: { FORWARD: [6, 7, 9], web: [] },
  },
  {
    name: 'ip6tables: -I, -D by an IPv6 rule, -R, long option names',
    family: 6,
    text: filter(
      '--insert FORWARD 2 -s 2001:db8::/32 -j DROP',
      '--append FORWARD -s 2001:db8:1::1 -p udp --dport 53 -j ACCEPT',
      '--delete FORWARD -p udp -s 2001:db8:1::1/128 -m udp --dport 53 -j ACCEPT',
      '--replace FORWARD 1 -p tcp --dport 2222 -j ACCEPT',
      '--policy FORWARD DROP',
    ),
    chains: { FORWARD: [11, 8, 7], web: [] },
    forward: 'drop',
  },
];

export interface RestoreError {
  readonly name: string;
  readonly text: string;
  /** `line:col: message` of the reader's first error. */
  readonly error: RegExp;
}

export const ERRORS: readonly RestoreError[] = [
  {
    name: '-D of a rule that is not there',
    text: filter('-D FORWARD -p tcp --dport 23 -j ACCEPT'),
    error: /^8:1: no rule of FORWARD is identical/,
  },
  {
    name: '-D with -m conntrack of a rule written with -m state (another match module)',
    text: filter('-A FORWARD -m state --state NEW -j ACCEPT', '-D FORWARD -m conntrack --ctstate NEW -j ACCEPT'),
    error: /^9:1: no rule of FORWARD is identical/,
  },
  {
    name: '-D with the comment after --dport of a rule with it before (match order)',
    text: filter(
      '-A FORWARD -p tcp -m comment --comment a -m tcp --dport 1 -j ACCEPT',
      '-D FORWARD -p tcp --dport 1 -m comment --comment a -j ACCEPT',
    ),
    error: /^9:1: no rule of FORWARD is identical/,
  },
  {
    name: '-D of rule 3 of two',
    text: filter('-D FORWARD 3'),
    error: /^8:12: rule number 3 is out of range for the deletion: 1 to 2/,
  },
  { name: '-D with a number and a rule', text: filter('-D FORWARD 1 -j DROP'), error: /^8:14: unexpected "-j"/ },
  {
    name: '-I at rule 4 of two',
    text: filter('-I FORWARD 4 -j DROP'),
    error: /^8:12: rule number 4 is out of range for the insertion: 1 to 3/,
  },
  { name: '-I at rule 0', text: filter('-I FORWARD 0 -j DROP'), error: /^8:12: rule number 0 is out of range/ },
  {
    name: '-R of rule 3 of two',
    text: filter('-R FORWARD 3 -j DROP'),
    error: /^8:12: rule number 3 is out of range for the replacement/,
  },
  {
    name: '-R without a number',
    text: filter('-R FORWARD -j DROP'),
    error: /^8:12: -R needs the number of the rule to replace/,
  },
  {
    name: '-X of a chain a rule jumps to',
    text: filter('-X web'),
    error: /^8:4: chain web is the target of a rule of FORWARD \(line 7\)/,
  },
  {
    name: '-X of a chain that a flush left referenced',
    text: filter('-F web', '-X web'),
    error: /^9:4: chain web is the target/,
  },
  {
    name: '-X of a chain holding rules',
    text: filter('-N x', '-A x -j DROP', '-X x'),
    error: /^10:4: chain x still holds 1 rule/,
  },
  { name: '-X without a chain while one is referenced', text: filter('-X'), error: /^8:1: chain web is the target/ },
  { name: '-X of a built-in chain', text: filter('-X FORWARD'), error: /^8:4: FORWARD is a built-in chain/ },
  {
    name: '-X of an unknown chain',
    text: filter('-X nope'),
    error: /^8:4: chain "nope" is not declared in table filter/,
  },
  {
    name: '-A to a chain -X deleted',
    text: filter('-N x', '-X x', '-A x -j DROP'),
    error: /^10:4: chain "x" is not declared/,
  },
  {
    name: '-F of an unknown chain',
    text: filter('-F webb'),
    error: /^8:4: chain "webb" is not declared in table filter — did you mean "web"\?/,
  },
  { name: '-F with two chains', text: filter('-F web FORWARD'), error: /^8:8: unexpected "FORWARD" after -F web/ },
  { name: '-P of a user chain', text: filter('-P web DROP'), error: /^8:4: web is not a built-in chain/ },
  {
    name: '-P REJECT',
    text: filter('-P FORWARD REJECT'),
    error: /^8:12: a built-in chain's policy is ACCEPT or DROP, not "REJECT"/,
  },
  { name: '-N of a chain that exists', text: filter('-N web'), error: /^8:4: chain web is declared twice/ },
  {
    name: '-Z of rule 3 of two',
    text: filter('-Z FORWARD 3'),
    error: /^8:12: rule number 3 is out of range for the counter/,
  },
  {
    name: '-C of a rule that is not there',
    text: filter('-C FORWARD -p tcp --dport 22 -j DROP'),
    error: /^8:1: no rule of FORWARD is identical/,
  },
  { name: '-Q, no command at all', text: filter('-Q FORWARD'), error: /^8:1: unexpected "-Q"/ },
];

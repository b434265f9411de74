import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { type Decision, evaluate, parsePacket, type Rule, type Ruleset } from '../../../src/ruleset/index.js';
import { parseNftJson, parseNftText } from '../../../src/targets/nftables/parse/index.js';

/**
 * `tcp flags` matches in every form nft 1.0.6 lists them (text of `nft list ruleset`, and the JSON of `nft -j`
 * beside it, both copied from a listing), decided for packets that say their flags. Each form drops what it matches
 * in a chain that accepts the rest; the expected row is worked out by hand from the kernel's test (`nft
 * --debug=netlink`): implicit `(flags & V) != 0`, `!` `(flags & V) == 0`, `V / M` `(flags & M) == V`, a set a lookup.
 */

// syn, syn+ack, ack, fin+ack, rst, no flag, an Xmas scan (fin,psh,urg), an ECN-setup SYN (syn,ecn,cwr).
const FLAGS = ['syn', 'syn,ack', 'ack', 'fin,ack', 'rst', 'none', 'fin,psh,urg', 'syn,ecn,cwr'] as const;

const FLAGS_FIELD = { payload: { protocol: 'tcp', field: 'flags' } };
const masked = (mask: unknown) => ({ '&': [FLAGS_FIELD, mask] });
const match = (op: string, left: unknown, right: unknown) => ({ match: { op, left, right } });
const DROP = { drop: null };
/** To chain `r`, which rejects (a verdict map has no `reject`). */
const JUMP_R = { jump: { target: 'r' } };

/** [text as nft lists it, its JSON statements, per packet of FLAGS: D dropped, R rejected, . accepted]. */
const LISTED: [string, unknown[], string][] = [
  ['tcp flags syn drop', [match('in', FLAGS_FIELD, 'syn'), DROP], 'DD.....D'],
  ['tcp flags syn,ack drop', [match('in', FLAGS_FIELD, ['syn', 'ack']), DROP], 'DDDD...D'],
  ['tcp flags ecn,cwr drop', [match('in', FLAGS_FIELD, ['ecn', 'cwr']), DROP], '.......D'],
  ['tcp flags == syn drop', [match('==', FLAGS_FIELD, 'syn'), DROP], 'D.......'],
  ['tcp flags != syn drop', [match('!=', FLAGS_FIELD, 'syn'), DROP], '.DDDDDDD'],
  ['tcp flags == 0x12 drop', [match('==', FLAGS_FIELD, 18), DROP], '.D......'],
  ['tcp flags == 0x0 drop', [match('==', FLAGS_FIELD, 0), DROP], '.....D..'],
  ['tcp flags ! syn drop', [match('!', FLAGS_FIELD, 'syn'), DROP], '..DDDDD.'],
  [
    'tcp flags ! fin,syn,rst,psh,ack,urg drop',
    [match('!', FLAGS_FIELD, ['fin', 'syn', 'rst', 'psh', 'ack', 'urg']), DROP],
    '.....D..',
  ],
  [
    'tcp flags syn / fin,syn,rst,ack drop',
    [match('==', masked(['fin', 'syn', 'rst', 'ack']), 'syn'), DROP],
    'D......D',
  ],
  [
    'tcp flags != syn / fin,syn,rst,ack drop',
    [match('!=', masked(['fin', 'syn', 'rst', 'ack']), 'syn'), DROP],
    '.DDDDDD.',
  ],
  ['tcp flags != syn / syn,ack drop', [match('!=', masked(['syn', 'ack']), 'syn'), DROP], '.DDDDDD.'],
  ['tcp flags syn,ack / syn,ack drop', [match('==', masked(['syn', 'ack']), ['syn', 'ack']), DROP], '.D......'],
  ['tcp flags fin / fin,syn drop', [match('==', masked(['fin', 'syn']), 'fin'), DROP], '...D..D.'],
  ['tcp flags & ecn == ecn drop', [match('==', masked('ecn'), 'ecn'), DROP], '.......D'],
  [
    'tcp flags { syn | ack, syn } drop',
    [match('==', FLAGS_FIELD, { set: [{ '|': ['syn', 'ack'] }, 'syn'] }), DROP],
    'DD......',
  ],
  ['tcp flags != { syn, ack } drop', [match('!=', FLAGS_FIELD, { set: ['syn', 'ack'] }), DROP], '.D.DDDDD'],
  [
    'tcp flags & (syn | ack) == { syn, ack } drop',
    [match('==', masked({ '|': ['syn', 'ack'] }), { set: ['syn', 'ack'] }), DROP],
    'D.DD...D',
  ],
  [
    'tcp flags & (syn | ack) != { syn, ack } drop',
    [match('!=', masked({ '|': ['syn', 'ack'] }), { set: ['syn', 'ack'] }), DROP],
    '.D..DDD.',
  ],
  ['tcp flags @fl drop', [match('==', FLAGS_FIELD, '@fl'), DROP], 'DD...D..'],
  ['tcp flags != @fl drop', [match('!=', FLAGS_FIELD, '@fl'), DROP], '..DDD.DD'],
  [
    'tcp flags vmap { syn : drop, syn | ack : jump r }',
    [
      {
        vmap: {
          key: FLAGS_FIELD,
          data: {
            set: [
              ['syn', DROP],
              [{ '|': ['syn', 'ack'] }, JUMP_R],
            ],
          },
        },
      },
    ],
    'DR......',
  ],
  [
    'tcp flags & (syn | ack) vmap { syn : drop, ack : jump r }',
    [
      {
        vmap: {
          key: masked({ '|': ['syn', 'ack'] }),
          data: {
            set: [
              ['syn', DROP],
              ['ack', JUMP_R],
            ],
          },
        },
      },
    ],
    'D.RR...D',
  ],
];

/** Forms people write, which nft lists as one of the above: read as typed, with the same meaning. */
const TYPED: [string, string][] = [
  ['tcp flags syn|ack drop', 'DDDD...D'],
  ['tcp flags eq syn drop', 'D.......'],
  ['tcp flags ne syn drop', '.DDDDDDD'],
  ['tcp flags == syn,ack drop', '.D......'],
  ['tcp flags == (syn | ack) drop', '.D......'],
  ['tcp flags & (fin|syn|rst|ack) == syn drop', 'D......D'],
  ['tcp flags & (syn|ack) != syn drop', '.DDDDDD.'],
  ['tcp flags & (syn|ack) == syn|ack drop', '.D......'],
  ['tcp flags & (syn | ack) syn drop', 'D......D'],
  ['tcp flags & syn == 0 drop', '..DDDDD.'],
  ['tcp flags & 0x17 == 0x2 drop', 'D......D'],
  ['tcp flags { syn, syn | ack } drop', 'DD......'],
  ['tcp flags & (syn|ack) { syn, ack } drop', 'D.DD...D'],
];

const SET_TEXT = 'set fl { type tcp_flag; elements = { 0x0, syn | ack, syn } }';
const SET_JSON = {
  family: 'inet',
  table: 't',
  name: 'fl',
  type: 'tcp_flag',
  elem: [0, { '|': ['syn', 'ack'] }, 'syn'],
};

function must(r: ReturnType<typeof parseNftText>): Ruleset {
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

const fromText = (rule: string): Ruleset =>
  must(
    parseNftText({
      path: 'fw.nft',
      text: `table inet t {\n\t${SET_TEXT}\n\tchain r {\n\t\treject\n\t}\n\tchain f {\n\t\ttype filter hook forward priority filter; policy accept;\n\t\t${rule}\n\t}\n}\n`,
    }),
  );

const fromJson = (expr: unknown[]): Ruleset =>
  must(
    parseNftJson({
      path: 'fw.json',
      text: JSON.stringify({
        nftables: [
          { table: { family: 'inet', name: 't' } },
          { set: SET_JSON },
          { chain: { family: 'inet', table: 't', name: 'r' } },
          { rule: { family: 'inet', table: 't', chain: 'r', expr: [{ reject: null }] } },
          {
            chain: {
              family: 'inet',
              table: 't',
              name: 'f',
              type: 'filter',
              hook: 'forward',
              prio: 0,
              policy: 'accept',
            },
          },
          { rule: { family: 'inet', table: 't', chain: 'f', expr } },
        ],
      }),
    }),
  );

function decide(rs: Ruleset, packet: string): Decision {
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(p.message);
  return evaluate(rs, p.value);
}

const letter = (d: Decision): string =>
  d.kind === 'indeterminate' ? '?' : d.action === 'accept' ? '.' : d.action === 'drop' ? 'D' : 'R';

/** One letter per packet of FLAGS. */
const row = (rs: Ruleset): string =>
  FLAGS.map((f) => letter(decide(rs, `tcp 10.0.0.1:5000 -> 10.0.0.2:80 flags ${f}`))).join('');

/** The rules of chain `f`. */
const rulesOf = (rs: Ruleset): readonly Rule[] => rs.chains['inet t f']?.rules ?? [];

describe('nftables: tcp flags as nft lists them, text and JSON', () => {
  it.each(LISTED)('%s', (text, expr, want) => {
    const t = fromText(text);
    const j = fromJson(expr);
    expect(row(t)).toBe(want);
    expect(row(j)).toBe(want);
    // One reading: the same tests, and their texts in `opaque` (whoever does not model flags sees them uninterpreted).
    const flagsOf = (rs: Ruleset) => rulesOf(rs).map((r) => [r.tcpFlags, r.opaque]);
    expect(flagsOf(t)).toEqual(flagsOf(j));
    for (const r of rulesOf(t)) {
      expect(r.tcpFlags?.tests).toHaveLength(1);
      expect(r.opaque).toEqual(r.tcpFlags?.opaque);
      expect(r.opaque?.[0]).toMatch(
        /^tcp flags .*: TCP flags, known for a connection's opening SYN or a packet that says its flags$/,
      );
    }
  });

  it.each(LISTED)('%s: a UDP packet, and a connection opening (a SYN)', (text, expr, want) => {
    for (const rs of [fromText(text), fromJson(expr)]) {
      // nft adds `meta l4proto tcp`: no flag match holds for UDP.
      expect(letter(decide(rs, 'udp 10.0.0.1:5000 -> 10.0.0.2:53'))).toBe('.');
      expect(letter(decide(rs, 'tcp 10.0.0.1:5000 -> 10.0.0.2:80'))).toBe(want[0]);
    }
  });

  it.each(TYPED)('as typed: %s', (text, want) => expect(row(fromText(text))).toBe(want));

  it("cannot tell an answer's fate when its flags are not said", () => {
    const rs = fromText('tcp flags syn / fin,syn,rst,ack drop');
    expect(decide(rs, 'tcp 10.0.0.1:5000 -> 10.0.0.2:80 state established').kind).toBe('indeterminate');
    expect(letter(decide(rs, 'tcp 10.0.0.1:5000 -> 10.0.0.2:80 state established flags ack'))).toBe('.');
  });

  it('reads a flag match among other matches, as the real rulesets have it', () => {
    const rs = fromText('iifname "eth0" tcp flags syn / fin,syn,rst,ack tcp dport 22 ct state new counter drop');
    const [rule] = rulesOf(rs);
    expect(rule?.inInterface?.name).toBe('eth0');
    expect(rule?.destinationPorts?.toRanges()).toEqual([{ from: 22, to: 22 }]);
    expect(rule?.tcpFlags?.tests).toEqual([{ mask: 0x17, values: [0x02], negated: false }]);
    expect(letter(decide(rs, 'tcp 10.0.0.1:5000 -> 10.0.0.2:22 in eth0'))).toBe('D');
    expect(letter(decide(rs, 'tcp 10.0.0.1:5000 -> 10.0.0.2:22 in eth0 flags ack'))).toBe('.');
  });
});

describe('nftables: tcp flags not read exactly stay uninterpreted, TCP only', () => {
  const CASES: [string, string, unknown[], RegExp][] = [
    ['a comparison', 'tcp flags > syn drop', [match('>', FLAGS_FIELD, 'syn'), DROP], /a comparison of TCP flags/],
    [
      'a range in a set',
      'tcp flags { 0x1-0x3 } drop',
      [match('==', FLAGS_FIELD, { set: [{ range: [1, 3] }] }), DROP],
      /unknown value|not read as a TCP flag match/,
    ],
    [
      'a value nft does not have',
      'tcp flags == bogus drop',
      [match('==', FLAGS_FIELD, 'bogus'), DROP],
      /not read as a TCP flag match|unknown value "bogus"/,
    ],
  ];
  it.each(CASES)('%s', (_, text, expr, reason) => {
    for (const rs of [fromText(text), fromJson(expr)]) {
      const [rule] = rulesOf(rs);
      expect(rule?.tcpFlags).toBeUndefined();
      expect(rule?.opaque?.join(' ')).toMatch(reason);
      expect(decide(rs, 'tcp 10.0.0.1:5000 -> 10.0.0.2:80 flags syn').kind).toBe('indeterminate');
      expect(letter(decide(rs, 'udp 10.0.0.1:5000 -> 10.0.0.2:53'))).toBe('.');
    }
  });

  it('a concatenation with the flags in text: uninterpreted', () => {
    const rs = fromText('tcp flags . tcp dport { syn . 22 } drop');
    expect(rulesOf(rs)[0]?.opaque?.join(' ')).toMatch(/^tcp flags \.: not read as a TCP flag match/);
    expect(decide(rs, 'tcp 10.0.0.1:5000 -> 10.0.0.2:22 flags syn').kind).toBe('indeterminate');
  });
});

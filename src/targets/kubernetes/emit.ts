import type { Peer, PolicyPort } from './peers.js';

/** The one document shape this target writes; `emitPolicy` knows every field of it. */
export interface NetworkPolicy {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    policyTypes: ('Ingress' | 'Egress')[];
    ingress?: PolicyRule[];
    egress?: PolicyRule[];
  };
}

export interface PolicyRule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}

/**
 * A string that reads back as itself, as a string, in YAML 1.2 (`yaml`), YAML 1.1 (go-yaml, so kubectl) and js-yaml:
 * it starts with a letter (so no number, timestamp, `.inf`, `~`, `<<` or indicator form), holds no space, `:`, `#`
 * nor flow character, and is not one of the YAML 1.1 boolean or null words (checked below). Names, label keys such
 * as `app.kubernetes.io/managed-by` and keywords stay readable; anything else is quoted.
 */
const PLAIN = /^[A-Za-z][-A-Za-z0-9_./]*$/;
const RESERVED_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;
/**
 * Characters JSON.stringify leaves raw but YAML must not see raw: C1 controls and DEL (not printable; U+0085 and
 * U+2028/U+2029 are line breaks in YAML 1.1, so a raw one would fold the scalar), the BOM and the non-characters.
 */
const UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
const hex4 = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A YAML scalar for any string. JSON.stringify only writes the escapes `\" \\ \b \f \n \r \t \uXXXX` (lone
 * surrogates included), all of them YAML 1.1 and 1.2 double-quoted escapes, so the value holds no raw line break
 * and cannot close its quotes early: no text can start a key, a comment or a `---` document of its own.
 */
export function scalar(value: string): string {
  if (PLAIN.test(value) && !RESERVED_WORDS.test(value)) return value;
  const json = JSON.stringify(value);
  UNPRINTABLE.lastIndex = 0;
  return UNPRINTABLE.test(json) ? json.replace(UNPRINTABLE, hex4) : json;
}

/** Ports and such: integers only, so the value can never be text. */
function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
}

/** YAML caps an implicit key at 1024 characters; a longer one is written as an explicit `? key` entry. */
const MAX_IMPLICIT_KEY = 1000;

/** `key:` then one `k: v` line per entry, or `key: {}` when there is none. */
function mapping(key: string, map: Record<string, string>, pad: string): string {
  let body = '';
  for (const [k, v] of Object.entries(map)) {
    const name = scalar(k);
    body +=
      name.length > MAX_IMPLICIT_KEY
        ? `${pad}  ? ${name}\n${pad}  : ${scalar(v)}\n`
        : `${pad}  ${name}: ${scalar(v)}\n`;
  }
  return body === '' ? `${pad}${key}: {}\n` : `${pad}${key}:\n${body}`;
}

function selector(key: string, s: { matchLabels?: Record<string, string> }, pad: string): string {
  return s.matchLabels === undefined
    ? `${pad}${key}: {}\n`
    : `${pad}${key}:\n${mapping('matchLabels', s.matchLabels, `${pad}  `)}`;
}

/** A block sequence whose items are mappings: each item's first line goes on its `- ` line. */
function sequence<T>(key: string, items: readonly T[], pad: string, item: (x: T, itemPad: string) => string): string {
  if (items.length === 0) return `${pad}${key}: []\n`;
  const itemPad = `${pad}    `;
  let s = `${pad}${key}:\n`;
  for (const x of items) {
    const body = item(x, itemPad);
    s += body === '' ? `${pad}  - {}\n` : `${pad}  - ${body.slice(itemPad.length)}`;
  }
  return s;
}

function scalars(key: string, items: readonly string[], pad: string): string {
  if (items.length === 0) return `${pad}${key}: []\n`;
  let s = `${pad}${key}:\n`;
  for (const x of items) s += `${pad}  - ${scalar(x)}\n`;
  return s;
}

function peer(p: Peer, pad: string): string {
  if ('ipBlock' in p) {
    const { cidr, except } = p.ipBlock;
    return `${pad}ipBlock:\n${pad}  cidr: ${scalar(cidr)}\n${except === undefined ? '' : scalars('except', except, `${pad}  `)}`;
  }
  return selector('namespaceSelector', p.namespaceSelector, pad) + selector('podSelector', p.podSelector, pad);
}

function port(p: PolicyPort, pad: string): string {
  const end = p.endPort === undefined ? '' : `${pad}endPort: ${integer(p.endPort)}\n`;
  return `${pad}protocol: ${scalar(p.protocol)}\n${pad}port: ${integer(p.port)}\n${end}`;
}

function rule(r: PolicyRule, pad: string): string {
  let s = '';
  if (r.from !== undefined) s += sequence('from', r.from, pad, peer);
  if (r.to !== undefined) s += sequence('to', r.to, pad, peer);
  if (r.ports !== undefined) s += sequence('ports', r.ports, pad, port);
  return s;
}

/** One policy as a YAML document body (no `---`), in the field order Kubernetes documents it. */
export function emitPolicy(p: NetworkPolicy): string {
  const { metadata, spec } = p;
  let s = `apiVersion: ${scalar(p.apiVersion)}\nkind: ${scalar(p.kind)}\nmetadata:\n`;
  s += `  name: ${scalar(metadata.name)}\n  namespace: ${scalar(metadata.namespace)}\n`;
  s += mapping('labels', metadata.labels, '  ');
  if (metadata.annotations !== undefined) s += mapping('annotations', metadata.annotations, '  ');
  s += `spec:\n${selector('podSelector', spec.podSelector, '  ')}${scalars('policyTypes', spec.policyTypes, '  ')}`;
  if (spec.ingress !== undefined) s += sequence('ingress', spec.ingress, '  ', rule);
  if (spec.egress !== undefined) s += sequence('egress', spec.egress, '  ', rule);
  return s;
}

/** Every policy as its own document, each opened by `---`. */
export function emitPolicies(policies: readonly NetworkPolicy[]): string {
  let s = '';
  for (const p of policies) s += `---\n${emitPolicy(p)}`;
  return s;
}

/**
 * Object names for generated configs: stable (same input, same name), valid for the platform's charset and
 * length, and collision-free (a lossy transformation appends a hash of the original parts).
 */
export interface NameRules {
  readonly maxLength: number;
  /** Matches one allowed character. */
  readonly charset: RegExp;
  /** Matches an allowed first character (default: a letter). */
  readonly first?: RegExp;
  readonly separator?: string;
  /**
   * Words the platform reads as a keyword where a name goes (`any`, `all`), compared without case: a group named
   * `any` would make its rule match every address. A name that would be one gets a hash suffix instead.
   */
  readonly reserved?: readonly string[];
  /** Prefixes the platform keeps for its predefined objects (`junos-`), compared without case: such a name gets `x_`. */
  readonly reservedPrefixes?: readonly string[];
}

/** FNV-1a 32-bit, base36: short, stable across runs and platforms. */
export function stableHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/** Latin letters without their accents (`é` → `e`), so French names stay readable in ASCII configs. */
export const stripAccents = (text: string): string => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** The parts made valid (`lync-clients` → `lync_clients`), cut to the length: readable, but may collide. */
export const readableName = (parts: readonly string[], rules: NameRules): string =>
  cleanName(parts, rules, wholeCharset(rules.charset), otherCharacters(rules.charset));

function cleanName(parts: readonly string[], rules: NameRules, whole: RegExp, other: RegExp): string {
  const sep = rules.separator ?? '_';
  const first = rules.first ?? /[A-Za-z]/;
  const joined = parts.join(sep);
  // Usually every character is already allowed: no accent to strip, nothing to replace.
  let clean = whole.test(joined) ? joined : stripAccents(joined).replace(other, sep);
  // Separators collapsed and trimmed; tested first, as most names have none to collapse (~1 µs a name saved).
  if (clean.startsWith(sep) || clean.endsWith(sep) || clean.includes(sep + sep))
    clean = clean.split(sep).filter(Boolean).join(sep);
  if (clean === '' || !first.test(clean.charAt(0)) || hasReservedPrefix(clean, rules)) clean = `x${sep}${clean}`;
  return clean;
}

const hasReservedPrefix = (name: string, rules: NameRules): boolean =>
  rules.reservedPrefixes?.some((p) => name.toLowerCase().startsWith(p.toLowerCase())) ?? false;

/** Regular expressions derived from a charset, by the charset's text (a platform has a handful). */
const derived = new Map<string, RegExp>();

function derive(kind: 'whole' | 'other', charset: RegExp): RegExp {
  const key = `${kind}/${charset.source}/${charset.flags}`;
  let re = derived.get(key);
  if (!re) {
    const flags = charset.flags.replace(/[gyu]/g, '');
    re =
      kind === 'whole'
        ? new RegExp(`^(?:${charset.source})*$`, flags)
        : new RegExp(`(?!(?:${charset.source}))[\\s\\S]`, `gu${flags}`);
    derived.set(key, re);
  }
  return re;
}

/** `^[charset]*$` for a one-character class: the whole text is made of allowed characters. */
const wholeCharset = (charset: RegExp): RegExp => derive('whole', charset);

/** Every character (code point) the one-character class does not allow, for one `replace`. */
const otherCharacters = (charset: RegExp): RegExp => derive('other', charset);

/** Valid and collision-free on its own: any lossy change (charset, length) appends a hash of the parts. */
export function objectName(parts: readonly string[], rules: NameRules): string {
  const sep = rules.separator ?? '_';
  const raw = parts.join(sep);
  const clean = readableName(parts, rules);
  if (clean === raw && clean.length <= rules.maxLength) return clean;
  // Lossy: keep what fits and make the name unique to the original parts.
  const suffix = `${sep}${stableHash(JSON.stringify(parts))}`;
  const room = Math.max(1, rules.maxLength - suffix.length);
  return `${clean.slice(0, room).replace(new RegExp(`${escapeRegExp(sep)}+$`), '')}${suffix}`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A name allocator for one scope (a table, a config): the same identity always gets the same name, two
 * identities never share one. Names stay readable (no hash) unless they collide or must be cut.
 * Deterministic for a given call order.
 */
export function createNamer(rules: NameRules): (parts: readonly string[], identity: string) => string {
  const byIdentity = new Map<string, string>();
  const taken = new Set<string>();
  const reserved = new Set((rules.reserved ?? []).map((w) => w.toLowerCase()));
  const unavailable = (name: string): boolean => taken.has(name) || reserved.has(name.toLowerCase());
  // The charset's expressions once per namer: a large ruleset names tens of thousands of objects.
  const whole = wholeCharset(rules.charset);
  const other = otherCharacters(rules.charset);
  return (parts, identity) => {
    const known = byIdentity.get(identity);
    if (known !== undefined) return known;
    const readable = cleanName(parts, rules, whole, other);
    let name = readable.length <= rules.maxLength ? readable : objectName(parts, rules);
    if (unavailable(name)) name = objectName(parts, rules);
    for (let n = 0; unavailable(name); n++) name = objectName([...parts, stableHash(`${identity}#${n}`)], rules);
    byIdentity.set(identity, name);
    taken.add(name);
    return name;
  };
}

/** A file name from a firewall or site name: never a path separator, never hidden. */
export const fileName = (name: string): string =>
  objectName([name], { maxLength: 80, charset: /[A-Za-z0-9_.-]/, first: /[A-Za-z0-9]/, separator: '-' });

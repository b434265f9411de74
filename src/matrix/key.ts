/**
 * Stable row keys: two independent 32-bit multiplicative hashes over the row's identity, as 16 hex digits.
 * Pure JS (no node:crypto) so the core runs in a browser; not a security hash, only an identity that survives
 * runs and versions. Changing this function changes every key: never do it.
 */
export function stableKey(parts: readonly string[]): string {
  // Hashes `parts.join('\u001f')` without building that string (one per matrix row).
  let h1 = 0x811c9dc5;
  let h2 = 0x41c6ce57;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
      h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    const text = parts[p] as string;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35) ^ h2;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ h1;
  return hex16(h1, h2);
}

/** Lowercase hex digits by value. */
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const digit = (n: number, shift: number): number => HEX[(n >>> shift) & 15] as number;

/**
 * `h1` then `h2` as 8 lowercase hex digits each (`toString(16).padStart(8, '0')`), built as one flat string:
 * the radix conversion was most of a key's cost.
 */
const hex16 = (h1: number, h2: number): string =>
  String.fromCharCode(
    digit(h1, 28),
    digit(h1, 24),
    digit(h1, 20),
    digit(h1, 16),
    digit(h1, 12),
    digit(h1, 8),
    digit(h1, 4),
    digit(h1, 0),
    digit(h2, 28),
    digit(h2, 24),
    digit(h2, 20),
    digit(h2, 16),
    digit(h2, 12),
    digit(h2, 8),
    digit(h2, 4),
    digit(h2, 0),
  );

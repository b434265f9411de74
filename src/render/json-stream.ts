/**
 * JSON text piece by piece, byte for byte what `JSON.stringify(sortKeys(value), null, 2)` gives (object keys
 * sorted at every depth, `undefined` members dropped), so that a document larger than one string (V8's limit is
 * about 512 MiB) can still be written. Nesting down to `STREAMED_DEPTH` is written here; each value below it is
 * one `JSON.stringify`, re-indented: a matrix row, a finding.
 */
const STREAMED_DEPTH = 3;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Object keys sorted at every depth, `undefined` members dropped: the same value always gives the same bytes. */
export function sortKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sortKeys(member);
    }
    return out;
  }
  return value as Json;
}

/** What JSON.stringify leaves out of an object and writes as `null` in an array. */
const absent = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** `value` as indented JSON text starting at `indent` (the indentation of the line it begins on). */
export function* jsonChunks(value: unknown, indent = '', depth = 0): Generator<string> {
  if (value === null || typeof value !== 'object' || depth >= STREAMED_DEPTH) {
    const text = JSON.stringify(sortKeys(value), null, 2);
    yield text === undefined ? 'null' : indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (const [i, item] of value.entries()) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      yield* jsonChunks(absent(item) ? null : item, inner, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  const record = value as Record<string, unknown>;
  // The order sortKeys' object has: JavaScript puts integer-like keys ("0", "42") first whatever the insertion.
  const order: Record<string, true> = {};
  for (const key of Object.keys(record).sort()) if (!absent(record[key])) order[key] = true;
  const keys = Object.keys(order);
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [i, key] of keys.entries()) {
    yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* jsonChunks(record[key], inner, depth + 1);
  }
  yield `\n${indent}}`;
}

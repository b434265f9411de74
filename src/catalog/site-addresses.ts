import { type ParseResult, parseAddress } from '../net/index.js';
import type { NetAddress } from '../net/types.js';

/** Parses an address text; the same function for every check of one site, so each distinct text is parsed once. */
export type AddressParser = (text: string) => ParseResult<NetAddress>;

/**
 * A parser that remembers: a site's checks read each host address several times (its syntax, the zones it spans,
 * the zone it sits in), and a generated site writes many networks twice (a source and a destination host).
 */
export function addressParser(): AddressParser {
  const parsed = new Map<string, ParseResult<NetAddress>>();
  return (text) => {
    let result = parsed.get(text);
    if (result === undefined) {
      result = parseAddress(text);
      parsed.set(text, result);
    }
    return result;
  };
}

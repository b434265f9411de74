import type { Packet } from './packet.js';
import type { Route, Ruleset } from './types.js';

/** The route an address takes: the longest prefix holding it, undefined when none does or several tie. */
export function routeOf(routes: readonly Route[], family: 4 | 6, words: Uint32Array): Route | undefined {
  let best: Route | undefined;
  let tied = false;
  for (const r of routes) {
    const set = family === 4 ? r.destination.v4 : r.destination.v6;
    if (!set.containsRange(words, 0, words, 0)) continue;
    if (best === undefined || r.length > best.length) {
      best = r;
      tied = false;
    } else if (r.length === best.length && r.interface !== best.interface) tied = true;
  }
  return tied ? undefined : best;
}

/** `fw.cfg:17` or the comment that stands for the route (a connected network). */
const whereSaid = (r: Route): string =>
  r.provenance.file !== undefined && r.provenance.line !== undefined
    ? `${r.provenance.file}:${r.provenance.line}`
    : (r.provenance.comment ?? '');

/**
 * The packet with the interfaces its addresses are routed by, where it says neither the interface nor the zone of
 * a side: out by the route of its destination, in by the route back to its source (the way a packet from there
 * comes in on a device that checks the reverse path). Each placement is said, with the route that gave it.
 */
export function placeByRoutes(ruleset: Ruleset, packet: Packet): RoutedPacket {
  const routes = ruleset.routes;
  if (!routes || routes.length === 0) return { packet, placed: [], by: {} };
  const out: { -readonly [K in keyof Packet]: Packet[K] } = { ...packet };
  const by: { inInterface?: string; outInterface?: string } = {};
  if (packet.inInterface === undefined && packet.fromZone === undefined) {
    const r = routeOf(routes, packet.family, packet.source);
    if (r) {
      out.inInterface = r.interface;
      by.inInterface = `the route back to ${packet.sourceText}: ${r.destination.toCidrs()[0]}, ${whereSaid(r)}`;
    }
  }
  if (packet.outInterface === undefined && packet.toZone === undefined) {
    const r = routeOf(routes, packet.family, packet.destination);
    if (r) {
      out.outInterface = r.interface;
      by.outInterface = `the route to ${packet.destinationText}: ${r.destination.toCidrs()[0]}, ${whereSaid(r)}`;
    }
  }
  const placed = [
    ...(by.inInterface ? [`in ${out.inInterface} (${by.inInterface})`] : []),
    ...(by.outInterface ? [`out ${out.outInterface} (${by.outInterface})`] : []),
  ];
  return { packet: out, placed, by };
}

/** A packet placed by routes: each placement said (`placed`), and the route behind each side placed (`by`). */
export interface RoutedPacket {
  readonly packet: Packet;
  readonly placed: readonly string[];
  readonly by: { readonly inInterface?: string; readonly outInterface?: string };
}

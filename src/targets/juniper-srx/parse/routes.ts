import { interfaceHolding, prefixOf, type RouteCandidate, readRoutes } from '../../kit/route-table.js';
import type { Statement } from './statements.js';

/** Junos route preferences: a connected network, then a static route unless it says its own. */
const DIRECT = 0;
const STATIC = 5;

/** What one `route P` says, gathered over its statements (braces spread it over several). */
interface StaticRoute {
  readonly prefix: string;
  readonly line: number;
  readonly text: string;
  preference?: number;
  /** Next hops: an address or an interface, each with its own preference when qualified, and where it is said. */
  readonly hops: { target: string; preference?: number; line: number; text: string }[];
  /** `discard`, `reject`, `receive`, `next-table`, `no-install`…: the packet does not leave by a told interface. */
  untold?: { line: number; text: string };
}

/** Words after `route P` that change neither where the route leads nor whether it is taken. */
const INERT = new Set(['metric', 'tag', 'community', 'as-path', 'color', 'readvertise', 'no-readvertise', 'retain']);
const INERT_FLAGS = new Set(['retain', 'no-retain', 'readvertise', 'no-readvertise', 'active', 'passive']);

/**
 * The SRX's routes: the networks of its logical interfaces (`interfaces IF unit N family inet|inet6 address A/L`,
 * by `IF.N` as the zones list them) and its static routes (`routing-options [rib inet6.0] static route P`), each by
 * the interface it names (`next-hop st0.0`) or whose network holds its next hop. `discard`, `reject` and a next
 * hop no interface holds place nothing. Routing instances that hold interfaces have tables of their own the packet
 * cannot be put in: then no route is read.
 */
export function srxRoutes(statements: readonly Statement[], isInactive: (s: Statement) => boolean, file: string) {
  const active = statements.filter((s) => !isInactive(s));
  if (active.some((s) => s.words[0] === 'routing-instances' && s.words[2] === 'interface')) return {};
  // A disabled interface (or unit) takes nothing: its networks place nothing.
  const disabled = new Set(
    active
      .filter((s) => s.words[0] === 'interfaces' && s.words.at(-1) === 'disable' && s.words.length <= 5)
      .map((s) => (s.words[2] === 'unit' ? `${s.words[1]}.${s.words[3]}` : s.words[1])),
  );
  const connected: RouteCandidate[] = [];
  const statics = new Map<string, StaticRoute>();
  for (const s of active) {
    const w = s.words;
    const at = (k: number) => ({ file, line: s.lines[k] ?? 0, text: w.join(' ') });
    if (w[0] === 'interfaces' && w[2] === 'unit' && w[4] === 'family' && w[6] === 'address') {
      const prefix = (w[5] === 'inet' || w[5] === 'inet6') && w[7] ? prefixOf(w[7]) : undefined;
      const name = `${w[1]}.${w[3]}`;
      const down = disabled.has(name) || disabled.has(w[1] ?? '');
      if (prefix)
        connected.push({
          destination: prefix,
          interface: down ? undefined : name,
          preference: DIRECT,
          provenance: at(7),
        });
      continue;
    }
    const rib = w[1] === 'rib' ? 2 : 0;
    if (w[0] !== 'routing-options' || w[1 + rib] !== 'static' || w[2 + rib] !== 'route') continue;
    const prefix = prefixOf(w[3 + rib] ?? '');
    if (!prefix || !(w[3 + rib] ?? '').includes('/')) continue;
    const route = statics.get(prefix) ?? { prefix, ...at(3 + rib), hops: [] };
    statics.set(prefix, route);
    sayRoute(route, w.slice(4 + rib), at(Math.min(4 + rib, w.length - 1)));
  }
  const candidates = [...connected];
  for (const r of statics.values()) {
    const preference = r.preference ?? STATIC;
    if (r.untold || r.hops.length === 0)
      candidates.push({
        destination: r.prefix,
        interface: undefined,
        preference,
        provenance: { file, ...(r.untold ?? r) },
      });
    else
      for (const hop of r.hops)
        candidates.push({
          destination: r.prefix,
          interface: egress(hop.target, connected),
          preference: hop.preference ?? preference,
          provenance: { file, line: hop.line, text: hop.text },
        });
  }
  return readRoutes(candidates);
}

/** One statement's words after `route P`. */
function sayRoute(route: StaticRoute, rest: readonly string[], at: { line: number; text: string }): void {
  const [key, value, ...more] = rest;
  if (key === undefined || INERT_FLAGS.has(key) || INERT.has(key)) return;
  if (key === 'next-hop' && value !== undefined) route.hops.push({ target: value, ...at });
  else if (key === 'qualified-next-hop' && value !== undefined) {
    const hop = route.hops.find((h) => h.target === value) ?? { target: value, ...at };
    if (!route.hops.includes(hop)) route.hops.push(hop);
    if (more[0] === 'preference' && more[1] !== undefined) hop.preference = Number(more[1]);
    // Other words of a qualified next hop (metric, interface, bfd…) change neither.
  } else if (key === 'preference' && value !== undefined) route.preference = Number(value);
  // discard, reject, receive, next-table, no-install, resolve, lsp-next-hop…: not a told interface.
  else route.untold ??= at;
}

/** The interface a next hop names (`st0.0`, a bare name being its unit 0), or the one whose network holds it. */
function egress(target: string, connected: readonly RouteCandidate[]): string | undefined {
  if (/^\d|:/.test(target)) return interfaceHolding(target, connected);
  return target.includes('.') ? target : `${target}.0`;
}

import type { Provenance, Route } from '../../../ruleset/types.js';
import { prefixOf, prefixOfMask, type RouteCandidate, readRoutes } from '../../kit/route-table.js';
import type { Block, Entry, Setting } from './tree.js';

/** FortiOS distances (lower wins), then priorities among routes of one distance: as one number. */
const rank = (distance: number, priority: number): number => distance * 2 ** 32 + priority;
const CONNECTED = 0;
const STATIC_DISTANCE = 10;
/** Default routes learned by DHCP or PPPoE (`set defaultgw enable`, the default). */
const LEARNED_DISTANCE = 5;

const first = (s: Setting | undefined): string | undefined => {
  const v = s?.values[0];
  return v === undefined || v === '' ? undefined : v;
};
const number = (s: Setting | undefined, otherwise: number): number => {
  const n = Number(first(s));
  return Number.isFinite(n) && first(s) !== undefined ? n : otherwise;
};

/** `set ip A M`, `set ip A/L`, `set dst A M` or `set ip6-address P/L` as the prefix it is in. */
function prefixIn(s: Setting): string | undefined {
  const [a, m] = s.values;
  if (a === undefined) return undefined;
  return m !== undefined ? prefixOfMask(a, m) : a.includes('/') ? prefixOf(a) : undefined;
}

/** An interface's network; 0.0.0.0 (or ::) stands for no address. */
const networkOf = (s: Setting | undefined): string | undefined =>
  s === undefined || /^(0\.0\.0\.0|::)(\/|$)/.test(s.values[0] ?? '') ? undefined : prefixIn(s);

/**
 * The FortiOS routes of the VDOM read: the networks of its interfaces (`set ip`, `config secondaryip`, `config ipv6`
 * / `set ip6-address`), the default route DHCP and PPPoE interfaces learn, and `config router static` /
 * `static6` (`set dst`, absent being the default route; `set device`; lowest distance, then priority). A blackhole,
 * an SD-WAN route, a route without a device or by a down interface places nothing. A route to a named address or an
 * internet service leaves its prefix unknown: no route is read then, rather than a table that may be wrong.
 */
export function fortiosRoutes(
  section: (path: string) => Block | undefined,
  lines: readonly string[],
  file: string,
  vdom: string | undefined,
): { routes?: Route[] } {
  const at = (line: number): Provenance => ({ file, line, text: (lines[line - 1] ?? '').trim() });
  const candidates: RouteCandidate[] = [];
  const down = new Set<string>();
  for (const e of section('system interface')?.entries.values() ?? []) {
    const own = first(e.settings.get('vdom'));
    if (vdom !== undefined && own !== undefined && own !== vdom) continue;
    if (first(e.settings.get('status')) === 'down') down.add(e.name);
    const iface = down.has(e.name) ? undefined : e.name;
    const mode = first(e.settings.get('mode'));
    if ((mode === 'dhcp' || mode === 'pppoe') && first(e.settings.get('defaultgw')) !== 'disable') {
      const distance = number(e.settings.get('distance'), LEARNED_DISTANCE);
      const priority = number(e.settings.get('priority'), 0);
      const provenance = at(e.settings.get('mode')?.line ?? e.line);
      candidates.push({ destination: '0.0.0.0/0', interface: iface, preference: rank(distance, priority), provenance });
    }
    const networks = [
      e.settings.get('ip'),
      ...[...(e.blocks.get('secondaryip')?.entries.values() ?? [])].map((s) => s.settings.get('ip')),
      e.blocks.get('ipv6')?.settings.get('ip6-address'),
    ];
    for (const s of networks) {
      const destination = networkOf(s);
      if (destination && s)
        candidates.push({ destination, interface: iface, preference: CONNECTED, provenance: at(s.line) });
    }
  }
  for (const [path, all] of [
    ['router static', '0.0.0.0/0'],
    ['router static6', '::/0'],
  ] as const) {
    for (const e of section(path)?.entries.values() ?? []) {
      if (first(e.settings.get('status')) === 'disable') continue;
      if (namedDestination(e)) return {};
      const dst = e.settings.get('dst');
      const destination = dst ? prefixIn(dst) : all;
      if (destination === undefined) return {};
      candidates.push({
        destination,
        interface: egress(e, down),
        preference: rank(number(e.settings.get('distance'), STATIC_DISTANCE), number(e.settings.get('priority'), 0)),
        provenance: { file, line: e.line, text: `${path} ${e.name}` },
      });
    }
  }
  return readRoutes(candidates);
}

/** A route to what a named address or an internet service holds, not to a prefix the line says. */
const namedDestination = (e: Entry): boolean =>
  first(e.settings.get('dstaddr')) !== undefined ||
  (first(e.settings.get('internet-service')) ?? '0') !== '0' ||
  first(e.settings.get('internet-service-custom')) !== undefined;

/** The device a static route leaves by, unless it drops (`blackhole`) or SD-WAN picks the way. */
function egress(e: Entry, down: ReadonlySet<string>): string | undefined {
  const on = (key: string) => first(e.settings.get(key)) === 'enable';
  if (on('blackhole') || on('sdwan') || on('virtual-wan-link') || first(e.settings.get('sdwan-zone'))) return undefined;
  const device = first(e.settings.get('device'));
  return device === undefined || down.has(device) ? undefined : device;
}

import { expandTemplate, hasTemplate, templateNames } from '../matrix/template.js';
import type { CatalogState, ServiceMatch } from '../model/matrix.js';
import type { Lang, Text } from '../model/text.js';
import {
  formatPortRange,
  formatPortSpec,
  ICMP_TYPES,
  ICMPV6_TYPES,
  PORTED_PROTOCOLS,
  parsePortSpec,
} from '../net/index.js';
import type { Column, Line } from './columns.js';
import { isIcmp } from './format.js';
import { KIND_LABELS } from './labels.js';

/** A catalog service's port specs as written (`tcp/${rpc_dynamic_low}-${rpc_dynamic_high}`), by catalog and id. */
export type ServiceSpecs = (catalog: string, service: string) => readonly string[] | undefined;

const WORDS = {
  allPorts: { fr: 'tous les ports', en: 'all ports' },
  noPorts: { fr: 'sans port', en: 'no ports' },
  allTypes: { fr: 'tous les types', en: 'all types' },
  type: { fr: 'type', en: 'type' },
  none: { fr: 'aucun', en: 'none' },
  parameter: { fr: 'paramètre', en: 'parameter' },
  parameters: { fr: 'paramètres', en: 'parameters' },
} as const satisfies Record<string, Text>;

const ICMP_NAMES = new Map(Object.entries(ICMP_TYPES).map(([name, type]) => [type, name]));
const ICMPV6_NAMES = new Map(Object.entries(ICMPV6_TYPES).map(([name, type]) => [type, name]));

function icmpText(s: ServiceMatch, lang: Lang): string {
  if (s.icmpType === undefined) return WORDS.allTypes[lang];
  const name = (s.protocol === 'icmp' ? ICMP_NAMES : ICMPV6_NAMES).get(s.icmpType);
  return `${WORDS.type[lang]} ${s.icmpType}${name ? ` (${name})` : ''}`;
}

/**
 * The ports of a line as a reader wants them on screen, never empty: ports and ranges as the documents print them,
 * the ICMP type with its name, "all ports" for TCP, UDP or SCTP without one, "no ports" for ESP, GRE or IP, "none" with the row's kind for a
 * row with no service, and the site parameters a port comes from. The CSV keeps its bare cells (import reads them).
 */
export function portsText(line: Line, lang: Lang, parametersOf?: (line: Line) => readonly string[]): string {
  const s = line.service;
  if (!s) return `${WORDS.none[lang]} (${KIND_LABELS[line.row.kind][lang]})`;
  if (isIcmp(s)) return icmpText(s, lang);
  // TCP, UDP or SCTP without a port is every port; ESP, GRE or IP have none.
  if (!line.range) return (PORTED_PROTOCOLS.has(s.protocol) ? WORDS.allPorts : WORDS.noPorts)[lang];
  const names = parametersOf?.(line) ?? [];
  if (names.length === 0) return formatPortRange(line.range);
  return `${formatPortRange(line.range)} (${WORDS[names.length > 1 ? 'parameters' : 'parameter'][lang]} ${names.join(', ')})`;
}

/**
 * The site parameters a line's ports come from: the service's specs that name parameters, filled in with the
 * catalog's values, matched against the line's protocol and ports. Memoised per catalog and service (one look-up
 * per line of a 100k-line grid).
 */
export function portParameters(
  catalogs: readonly CatalogState[],
  specsOf: ServiceSpecs,
): (line: Line) => readonly string[] {
  const values = new Map(catalogs.map((c) => [c.id, c.parameters]));
  const memo = new Map<string, Map<string, string[]>>();
  const templatedSpecs = (catalog: string, service: ServiceMatch): Map<string, string[]> => {
    const key = `${catalog}\u0000${service.name}`;
    let found = memo.get(key);
    if (found) return found;
    found = new Map();
    // An inline spec is its own name (`tcp/${proxy_port}`); a catalog service lists its specs.
    const specs = hasTemplate(service.name) ? [service.name] : (specsOf(catalog, service.name) ?? []);
    for (const spec of specs) {
      if (!hasTemplate(spec)) continue;
      const filled = expandTemplate(spec, values.get(catalog) ?? {});
      if (!filled.ok) continue;
      for (const text of filled.values) {
        const parsed = parsePortSpec(text);
        if (parsed.ok) found.set(formatPortSpec(parsed.value), [...new Set(templateNames(spec))]);
      }
    }
    memo.set(key, found);
    return found;
  };
  return (line) => {
    if (!line.service) return [];
    const templated = templatedSpecs(line.row.catalog, line.service);
    return templated.size === 0 ? [] : (templated.get(formatPortSpec(line.service)) ?? []);
  };
}

/** `columns` with the Ports column as people read it on screen (`portsText`). */
export const withReadablePorts = (
  columns: readonly Column[],
  parametersOf: (line: Line) => readonly string[],
): Column[] =>
  columns.map((c) => (c.id === 'ports' ? { ...c, value: (line, lang) => portsText(line, lang, parametersOf) } : c));

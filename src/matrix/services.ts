import type { Catalog, Flow } from '../model/catalog.js';
import { type Issue, issue, type YamlPath } from '../model/issues.js';
import type { ServiceMatch } from '../model/matrix.js';
import { parsePortSpec } from '../net/index.js';
import type { ParameterValue } from './settings.js';
import { expandTemplate } from './template.js';

/** An entry of `flow.services` is a service id, or an inline spec (`tcp/5061`, `esp`). */
export const isInlineSpec = (entry: string, catalog: Catalog): boolean => !(entry in catalog.services);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Port spec text → parsed spec, for one catalog use (parameters already filled in the text). */
export type SpecCache = Map<string, ReturnType<typeof parsePortSpec>>;

/**
 * The protocol/port sets of a flow, parameters filled in. A parameter without a value is an error, never a
 * silently dropped or widened port range.
 */
export function resolveServices(
  flow: Flow,
  catalog: Catalog,
  parameters: Readonly<Record<string, ParameterValue>>,
  path: YamlPath,
  cache: SpecCache = new Map(),
): { services: ServiceMatch[]; issues: Issue[] } {
  const services: ServiceMatch[] = [];
  const issues: Issue[] = [];
  for (const entry of flow.services) {
    const service = catalog.services[entry];
    const specs = service ? service.ports : [entry];
    const app = service?.app ?? flow.app;
    for (const spec of specs) {
      const expanded = expandTemplate(spec, parameters);
      if (!expanded.ok) {
        issues.push(
          issue(
            'missing-parameter',
            path,
            `flow "${flow.id}" of catalog "${catalog.id}": port "${spec}" needs ${expanded.missing.map((m) => `"${m}"`).join(', ')}`,
            `set it under catalogs[].parameters in the site, or with --set ${expanded.missing[0]}=VALUE`,
          ),
        );
        continue;
      }
      for (const text of expanded.values) {
        let parsed = cache.get(text);
        if (parsed === undefined) {
          parsed = parsePortSpec(text);
          cache.set(text, parsed);
        }
        if (!parsed.ok) {
          issues.push(
            issue(
              'invalid-port',
              path,
              `flow "${flow.id}" of catalog "${catalog.id}": "${text}": ${parsed.message}`,
              parsed.hint,
            ),
          );
          continue;
        }
        // Same key order as the JSON output always had; assignment instead of spreads (one per flow and port).
        const match: Mutable<ServiceMatch> = {
          name: entry,
          protocol: parsed.value.protocol,
          ports: parsed.value.ports,
        };
        if (parsed.value.icmpType !== undefined) match.icmpType = parsed.value.icmpType;
        if (app) match.app = app;
        services.push(match);
      }
    }
  }
  return { services, issues };
}

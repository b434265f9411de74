import { refusalText } from '../catalog/refs.js';
import type { Catalog, Flow } from '../model/catalog.js';
import { type Issue, issue, type YamlPath } from '../model/issues.js';
import type { ServiceMatch } from '../model/matrix.js';
import { text as said } from '../model/text.js';
import { parsePortSpec } from '../net/index.js';
import type { ParameterValue } from './settings.js';
import { expandTemplate } from './template.js';
import { flowOfCatalog, ofTheParameters, quoted, setParameterHint } from './words.js';

/** An entry of `flow.services` is a service id, or an inline spec (`tcp/5061`, `esp`). */
export const isInlineSpec = (entry: string, catalog: Catalog): boolean => !(entry in catalog.services);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * For one catalog use (its parameters are fixed): port spec text → parsed spec, and a service entry (with the app
 * it carries) → its matches. Flows share services, so each is expanded and parsed once; matches are immutable.
 */
export interface SpecCache {
  readonly specs: Map<string, ReturnType<typeof parsePortSpec>>;
  readonly entries: Map<string, readonly ServiceMatch[]>;
  /**
   * The catalog's services by id, made on first use. A Map, not the record: the first look-up of each string read
   * from the file in a record costs a probe of V8's string table (~0.3 µs), once per service a flow names.
   */
  services?: ReadonlyMap<string, Catalog['services'][string]>;
}

export const newSpecCache = (): SpecCache => ({ specs: new Map(), entries: new Map() });

/**
 * The protocol/port sets of a flow, parameters filled in. A parameter without a value is an error, never a
 * silently dropped or widened port range.
 */
export function resolveServices(
  flow: Flow,
  catalog: Catalog,
  parameters: Readonly<Record<string, ParameterValue>>,
  path: YamlPath,
  cache: SpecCache = newSpecCache(),
): { services: ServiceMatch[]; issues: Issue[] } {
  const services: ServiceMatch[] = [];
  const issues: Issue[] = [];
  cache.services ??= new Map(Object.entries(catalog.services));
  for (const entry of flow.services) {
    const service = cache.services.get(entry);
    const app = service?.app ?? flow.app;
    const key = app === undefined ? entry : `${entry}\u0000${app}`;
    const known = cache.entries.get(key);
    if (known) {
      for (const m of known) services.push(m);
      continue;
    }
    const before = issues.length;
    const start = services.length;
    const specs = service ? service.ports : [entry];
    entryMatches(flow, catalog, entry, specs, app, parameters, path, cache, services, issues);
    // Issues name the flow: an entry with one is resolved again (and reported) for every flow using it.
    if (issues.length === before) cache.entries.set(key, services.slice(start));
  }
  return { services, issues };
}

/** The matches of one service entry, appended to `services` (problems to `issues`). */
function entryMatches(
  flow: Flow,
  catalog: Catalog,
  entry: string,
  specs: readonly string[],
  app: string | undefined,
  parameters: Readonly<Record<string, ParameterValue>>,
  path: YamlPath,
  cache: SpecCache,
  services: ServiceMatch[],
  issues: Issue[],
): void {
  for (const spec of specs) {
    const expanded = expandTemplate(spec, parameters);
    if (!expanded.ok) {
      const which = flowOfCatalog(flow.id, catalog.id);
      issues.push(
        issue(
          'missing-parameter',
          path,
          said(
            `${which.fr} : le port "${spec}" a besoin ${ofTheParameters(expanded.missing)}`,
            `${which.en}: port "${spec}" needs ${quoted(expanded.missing)}`,
          ),
          setParameterHint(expanded.missing),
        ),
      );
      continue;
    }
    for (const text of expanded.values) {
      let parsed = cache.specs.get(text);
      if (parsed === undefined) {
        parsed = parsePortSpec(text);
        cache.specs.set(text, parsed);
      }
      if (!parsed.ok) {
        const which = flowOfCatalog(flow.id, catalog.id);
        const refused = refusalText(parsed);
        issues.push(
          issue(
            'invalid-port',
            path,
            said(`${which.fr} : "${text}" : ${refused.message.fr}`, `${which.en}: "${text}": ${refused.message.en}`),
            refused.hint,
          ),
        );
        continue;
      }
      // Same key order as the JSON output always had; assignment instead of spreads (one per service entry and port).
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

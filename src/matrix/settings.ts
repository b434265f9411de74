import type { Catalog } from '../model/catalog.js';
import { type Issue, issue, type YamlPath } from '../model/issues.js';
import type { CatalogUse } from '../model/site.js';
import { text } from '../model/text.js';
import { typedParameter } from './overrides.js';

export type ParameterValue = string | number | boolean | readonly string[];

/** Command-line overrides: `--feature NAME=on|off`, `--set NAME=VALUE`. NAME may be `catalog.name`. */
export interface Overrides {
  readonly features?: Readonly<Record<string, boolean>>;
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface CatalogSettings {
  readonly features: Record<string, boolean>;
  readonly parameters: Record<string, ParameterValue>;
}

/** Splits `catalog.name` overrides to this catalog; a bare name applies to every catalog that declares it. */
function overridesFor<T>(all: Readonly<Record<string, T>> | undefined, catalogId: string, declared: string[]) {
  const mine: Record<string, T> = {};
  for (const [name, value] of Object.entries(all ?? {})) {
    const dot = name.startsWith(`${catalogId}.`) ? catalogId.length + 1 : -1;
    const bare = dot > 0 ? name.slice(dot) : name;
    if (dot > 0 || declared.includes(bare)) mine[bare] = value;
  }
  return mine;
}

/**
 * The effective features and parameters of one catalog in one site: catalog defaults, then the site, then
 * the command line. Unmentioned features take the catalog default. Names were checked by the loader (site) and
 * `checkOverrides` (command line); what is left to check here is the combination: exclusive options.
 */
export function effectiveSettings(
  catalog: Catalog,
  use: CatalogUse | undefined,
  overrides: Overrides,
  path: YamlPath,
): { settings: CatalogSettings; issues: Issue[] } {
  const issues: Issue[] = [];
  const featureIds = Object.keys(catalog.features);
  const features: Record<string, boolean> = {};
  for (const [id, f] of Object.entries(catalog.features)) features[id] = f.default;
  Object.assign(features, use?.features ?? {}, overridesFor(overrides.features, catalog.id, featureIds));

  const parameterIds = Object.keys(catalog.parameters);
  const parameters: Record<string, ParameterValue> = {};
  for (const [id, p] of Object.entries(catalog.parameters)) if (p.default !== undefined) parameters[id] = p.default;
  Object.assign(parameters, use?.parameters ?? {});
  for (const [id, raw] of Object.entries(overridesFor(overrides.parameters, catalog.id, parameterIds))) {
    parameters[id] = typedParameter(raw, catalog.parameters[id]);
  }
  const byGroup = new Map<string, string[]>();
  for (const [id, f] of Object.entries(catalog.features)) {
    if (f.exclusive && features[id]) byGroup.set(f.exclusive, [...(byGroup.get(f.exclusive) ?? []), id]);
  }
  for (const [group, on] of byGroup) {
    if (on.length > 1)
      issues.push(
        issue(
          'exclusive-features',
          [...path, 'features'],
          text(
            `les fonctionnalités ${frenchList(on.map((f) => `"${f}"`))} du catalogue "${catalog.id}" sont des options exclusives (groupe "${group}") mais sont ${on.length === 2 ? 'toutes deux' : 'toutes'} activées`,
            `features ${on.map((f) => `"${f}"`).join(' and ')} of catalog "${catalog.id}" are exclusive options (group "${group}") but are all on`,
          ),
          text('désactivez-les toutes sauf une', 'turn all but one of them off'),
        ),
      );
  }
  return { settings: { features, parameters }, issues };
}

/** `"a", "b" et "c"`: French joins the last of a list with `et`. */
const frenchList = (items: readonly string[]): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;

/** Every feature on, parameters at their defaults or examples: a catalog shown without a site. */
export function catalogModeSettings(catalog: Catalog): CatalogSettings {
  const features: Record<string, boolean> = {};
  for (const id of Object.keys(catalog.features)) features[id] = true;
  const parameters: Record<string, ParameterValue> = {};
  for (const [id, p] of Object.entries(catalog.parameters)) {
    const v = p.default ?? p.example;
    if (v !== undefined) parameters[id] = v;
  }
  return { features, parameters };
}

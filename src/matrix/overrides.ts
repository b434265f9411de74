import { checkParameterValue } from '../catalog/validate-catalog.js';
import type { Catalog, Parameter } from '../model/catalog.js';
import { didYouMeanText, type Issue, issue, issueText, reworded } from '../model/issues.js';
import { text } from '../model/text.js';
import type { Overrides, ParameterValue } from './settings.js';

/** Where command-line issues point (they have no line and column). */
export const COMMAND_LINE = '(command line)';

/** `--set` values arrive as text: give them the parameter's type (`6000` → 6000, `a,b` → a list). */
export function typedParameter(raw: string, p: Parameter | undefined): ParameterValue {
  switch (p?.type) {
    case 'port':
    case 'integer':
      return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    case 'boolean':
      return /^(true|on|yes)$/i.test(raw) ? true : /^(false|off|no)$/i.test(raw) ? false : raw;
    case 'fqdn-list':
    case 'address-list':
      return raw.split(',').map((s) => s.trim());
    default:
      return raw;
  }
}

/** A feature and a parameter as the French says them (gender and plural). */
const KIND_FR = {
  feature: { one: 'fonctionnalité', many: 'fonctionnalités', none: '(aucune)' },
  parameter: { one: 'paramètre', many: 'paramètres', none: '(aucun)' },
} as const;

/**
 * Command-line overrides must name something a catalog of the site declares, and parameter values must fit their
 * type: a typo is an error with a suggestion, never an option silently ignored.
 */
export function checkOverrides(overrides: Overrides, catalogs: readonly Catalog[]): Issue[] {
  const issues: Issue[] = [];
  const check = (kind: 'feature' | 'parameter', name: string, raw?: string) => {
    const declared = (c: Catalog) => Object.keys(kind === 'feature' ? c.features : c.parameters);
    const qualified = catalogs.find((c) => name.startsWith(`${c.id}.`));
    const bare = qualified ? name.slice(qualified.id.length + 1) : name;
    const owners = qualified
      ? [qualified].filter((c) => declared(c).includes(bare))
      : catalogs.filter((c) => declared(c).includes(bare));
    const flag = kind === 'feature' ? '--feature' : '--set';
    if (owners.length === 0) {
      const candidates = catalogs.flatMap((c) => declared(c).flatMap((d) => [d, `${c.id}.${d}`]));
      const names = [...new Set(catalogs.flatMap(declared))].join(', ');
      const fr = KIND_FR[kind];
      issues.push({
        ...issue(
          kind === 'feature' ? 'unknown-feature' : 'unknown-parameter',
          [],
          text(
            `${flag} ${name} : aucun catalogue du site n’a de ${fr.one} "${bare}"`,
            `${flag} ${name}: no catalog of the site has a ${kind} "${bare}"`,
          ),
          didYouMeanText(name, candidates) ??
            text(`${fr.many} : ${names || fr.none}`, `${kind}s: ${names || '(none)'}`),
        ),
        file: COMMAND_LINE,
      });
      return;
    }
    if (raw === undefined) return;
    for (const c of owners) {
      const p = c.parameters[bare] as Parameter;
      for (const i of checkParameterValue(bare, p, typedParameter(raw, p) as NonNullable<Parameter['default']>, [])) {
        // The value's problem, said after the argument that gave it.
        const said = issueText(i);
        const message = text(
          `${flag} ${name}=${raw} : ${said.message.fr}`,
          `${flag} ${name}=${raw}: ${said.message.en}`,
        );
        issues.push({ ...reworded(i, message, said.hint), file: COMMAND_LINE });
      }
    }
  };
  for (const name of Object.keys(overrides.features ?? {})) check('feature', name);
  for (const [name, raw] of Object.entries(overrides.parameters ?? {})) check('parameter', name, raw);
  return issues;
}

import type { Catalog, Parameter } from '../model/catalog.js';
import { didYouMeanText, type Issue, issue, type YamlPath } from '../model/issues.js';
import { type Text, text } from '../model/text.js';
import { isValidFqdn, isValidWildcard, parseAddress } from '../net/index.js';
import {
  checkAddress,
  checkPortSpec,
  checkTemplates,
  checkWhen,
  duplicateIds,
  isInlinePortSpec,
  itemPaths,
  type Locate,
  unknownRef,
} from './refs.js';
import { pathText } from './zod-issues.js';

/** The lists whose items carry an `id` that must be unique within the list. */
const ID_LISTS = [
  [text('de flux', 'flow'), 'flows'],
  [text('de scénario', 'scenario'), 'scenarios'],
  [text('de vérification', 'check'), 'checks'],
  [text('de contrainte', 'constraint'), 'constraints'],
] as const;

/**
 * Cross-reference checks on a catalog that passed the schema: every name a flow, scenario, check or
 * constraint uses is declared, every address and port parses, every id is unique. Pure; `locate` only
 * lets duplicate-id messages name both line numbers.
 */
export function validateCatalog(c: Catalog, locate?: Locate): Issue[] {
  return [
    ...checkRoles(c),
    ...checkServices(c),
    ...checkParameters(c),
    ...checkFeatures(c),
    ...checkFlows(c),
    ...checkScenarios(c),
    ...checkChecks(c),
    ...checkNotes(c),
    ...checkConstraints(c),
    ...ID_LISTS.flatMap(([what, list]) => {
      const ids = c[list].map((x) => x.id);
      return duplicateIds(what, ids, [list], locate);
    }),
  ];
}

const names = (record: Record<string, unknown>): string[] => Object.keys(record);

function checkRoles(c: Catalog): Issue[] {
  const issues: Issue[] = [];
  for (const [name, role] of Object.entries(c.roles)) {
    const base: YamlPath = ['roles', name];
    role.addresses?.forEach((a, i) => {
      issues.push(...checkAddress(a, [...base, 'addresses', i], c.parameters));
    });
    const by = role.addressesBy;
    if (!by) continue;
    const byPath: YamlPath = [...base, 'addressesBy'];
    const param = c.parameters[by.parameter];
    if (!param) {
      issues.push(
        unknownRef(
          'unknown-parameter',
          'parameter',
          by.parameter,
          names(c.parameters),
          [...byPath, 'parameter'],
          'parameters',
        ),
      );
    } else if (param.type !== 'enum') {
      issues.push(
        issue(
          'invalid-value',
          [...byPath, 'parameter'],
          text(
            `le rôle "${name}" fait varier ses adresses selon le paramètre "${by.parameter}", qui est de type "${param.type}" et non "enum"`,
            `role "${name}" varies its addresses by parameter "${by.parameter}", which is of type "${param.type}", not "enum"`,
          ),
          text(
            `déclarez "${by.parameter}" avec type: enum et la liste de ses valeurs`,
            `declare "${by.parameter}" with type: enum and the list of its values`,
          ),
        ),
      );
    } else {
      const allowed = param.values ?? [];
      for (const key of Object.keys(by.values)) {
        if (allowed.includes(key)) continue;
        issues.push({
          ...issue(
            'invalid-value',
            [...byPath, 'values', key],
            text(
              `"${key}" n’est pas une valeur du paramètre "${by.parameter}"`,
              `"${key}" is not a value of parameter "${by.parameter}"`,
            ),
            didYouMeanText(key, allowed) ??
              text(
                `valeurs de "${by.parameter}" : ${allowed.join(', ')}`,
                `values of "${by.parameter}": ${allowed.join(', ')}`,
              ),
          ),
          at: 'key',
        });
      }
    }
    for (const [key, addresses] of Object.entries(by.values)) {
      addresses.forEach((a, i) => {
        issues.push(...checkAddress(a, [...byPath, 'values', key, i], c.parameters));
      });
    }
  }
  return issues;
}

function checkServices(c: Catalog): Issue[] {
  return Object.entries(c.services).flatMap(([name, service]) =>
    service.ports.flatMap((p, i) => checkPortSpec(p, ['services', name, 'ports', i], c.parameters)),
  );
}

function checkFeatures(c: Catalog): Issue[] {
  const onByGroup = new Map<string, string>();
  const issues: Issue[] = [];
  for (const [name, feature] of Object.entries(c.features)) {
    if (!feature.exclusive || !feature.default) continue;
    const other = onByGroup.get(feature.exclusive);
    if (other === undefined) {
      onByGroup.set(feature.exclusive, name);
      continue;
    }
    issues.push(
      issue(
        'exclusive-features',
        ['features', name, 'default'],
        text(
          `les fonctionnalités "${other}" et "${name}" du groupe exclusif "${feature.exclusive}" sont toutes deux actives par défaut`,
          `features "${other}" and "${name}" of exclusive group "${feature.exclusive}" are both on by default`,
        ),
        text('mettez default: false sur l’une des deux', `set default: false on one of them`),
      ),
    );
  }
  return issues;
}

function checkParameters(c: Catalog): Issue[] {
  const issues: Issue[] = [];
  for (const [name, p] of Object.entries(c.parameters)) {
    const path: YamlPath = ['parameters', name];
    if (p.type === 'enum' && (p.values ?? []).length === 0) {
      issues.push(
        issue(
          'invalid-value',
          [...path, 'type'],
          text(`le paramètre enum "${name}" n’énumère aucune valeur`, `enum parameter "${name}" lists no values`),
          text('ajoutez values: [a, b]', 'add values: [a, b]'),
        ),
      );
    }
    if (p.default !== undefined) issues.push(...checkParameterValue(name, p, p.default, [...path, 'default']));
  }
  return issues;
}

type ParameterValue = NonNullable<Parameter['default']>;

/** Whether a value fits a parameter's type; used for catalog defaults and site values. */
export function checkParameterValue(name: string, p: Parameter, value: ParameterValue, path: YamlPath): Issue[] {
  const shown = JSON.stringify(value);
  const mismatch = (expected: Text): Issue[] => [
    issue(
      'invalid-value',
      path,
      text(
        `le paramètre "${name}" est de type "${p.type}" mais ${pathText(path, 'fr')} vaut ${shown}`,
        `parameter "${name}" is of type "${p.type}" but ${pathText(path)} is ${shown}`,
      ),
      text(`écrivez ${expected.fr}`, `write ${expected.en}`),
    ),
  ];
  const texts = (v: ParameterValue): string[] | undefined => (Array.isArray(v) ? v : undefined);
  switch (p.type) {
    case 'string':
      return typeof value === 'string' ? [] : mismatch(text('un texte', 'a text'));
    case 'boolean':
      return typeof value === 'boolean' ? [] : mismatch(text('true ou false', 'true or false'));
    case 'integer':
      return Number.isInteger(value) ? [] : mismatch(text('un nombre entier', 'a whole number'));
    case 'port':
      if (p.values && !p.values.includes(String(value))) {
        return [
          issue(
            'invalid-value',
            path,
            text(
              `paramètre "${name}" : ${shown} n’est pas l’un des ports que le catalogue autorise`,
              `parameter "${name}": ${shown} is not one of the ports the catalog allows`,
            ),
            withAllowed(undefined, p.values),
          ),
        ];
      }
      if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535) return [];
      return [
        issue(
          'invalid-port',
          path,
          text(`paramètre "${name}" : ${shown} n’est pas un port`, `parameter "${name}": ${shown} is not a port`),
          text('un port va de 1 à 65535', 'a port is 1 to 65535'),
        ),
      ];
    case 'enum': {
      const allowed = p.values ?? [];
      if (typeof value === 'string' && allowed.includes(value)) return [];
      return [
        issue(
          'invalid-value',
          path,
          text(
            `paramètre "${name}" : ${shown} n’est pas l’une de ses valeurs`,
            `parameter "${name}": ${shown} is not one of its values`,
          ),
          withAllowed(didYouMeanText(String(value), allowed), allowed),
        ),
      ];
    }
    case 'fqdn':
      return typeof value === 'string' ? checkFqdn(name, value, path) : mismatch(text('un nom DNS', 'a DNS name'));
    case 'address':
      return typeof value === 'string' ? checkAddress(value, path) : mismatch(text('une adresse', 'an address'));
    case 'fqdn-list': {
      const list = texts(value);
      if (!list) return mismatch(text('une liste de noms DNS', 'a list of DNS names'));
      return list.flatMap((v, i) => checkFqdn(name, v, [...path, i]));
    }
    case 'address-list': {
      const list = texts(value);
      if (!list) return mismatch(text('une liste d’adresses', 'a list of addresses'));
      return list.flatMap((v, i) => checkAddress(v, [...path, i]));
    }
  }
}

function withAllowed(hint: Text | undefined, allowed: readonly string[]): Text {
  const values = allowed.join(', ');
  return hint
    ? text(`${hint.fr} (valeurs possibles : ${values})`, `${hint.en} (allowed: ${values})`)
    : text(`valeurs possibles : ${values}`, `allowed: ${values}`);
}

function checkFqdn(name: string, value: string, path: YamlPath): Issue[] {
  if (isValidFqdn(value) || isValidWildcard(value)) return [];
  const asAddress = parseAddress(value);
  const hint = asAddress.ok
    ? text(
        `"${name}" attend un nom DNS ; pour des adresses, utilisez un paramètre de type "address"`,
        `"${name}" wants a DNS name; use a parameter of type "address" for addresses`,
      )
    : text(
        'un nom DNS est une suite de segments séparés par des points, faits de lettres, de chiffres et de tirets intérieurs, comme smtp.example.com',
        'a DNS name is dot-separated labels of letters, digits and inner hyphens, such as smtp.example.com',
      );
  const message = text(
    `paramètre "${name}" : "${value}" n’est pas un nom DNS valide`,
    `parameter "${name}": "${value}" is not a valid DNS name`,
  );
  return [issue('invalid-fqdn', path, message, hint)];
}

function checkFlows(c: Catalog): Issue[] {
  const roles = names(c.roles);
  const services = names(c.services);
  const features = names(c.features);
  const issues: Issue[] = [];
  // Sets, not `in` on the records: the first `in` with each string read from the file costs a look-up in V8's
  // string table (~0.3 µs), for every role and service a flow names.
  const roleSet = new Set(roles);
  const serviceSet = new Set(services);
  // The hot loop of a large catalog: paths are built only for what is wrong.
  c.flows.forEach((flow, i) => {
    for (const side of ['from', 'to'] as const) {
      const v = flow[side];
      const ok = typeof v === 'string' ? roleSet.has(v) : v.every((role) => roleSet.has(role));
      if (ok) continue;
      for (const [role, path] of itemPaths(v, ['flows', i, side])) {
        if (!roleSet.has(role)) issues.push(unknownRef('unknown-role', 'role', role, roles, path, 'roles'));
      }
    }
    flow.services.forEach((entry, j) => {
      if (serviceSet.has(entry)) return;
      const path: YamlPath = ['flows', i, 'services', j];
      if (isInlinePortSpec(entry)) issues.push(...checkPortSpec(entry, path, c.parameters));
      else issues.push(unknownRef('unknown-service', 'service', entry, services, path, 'services'));
    });
    if (flow.when !== undefined) issues.push(...checkWhen(flow.when, flow.condition, ['flows', i, 'when'], features));
  });
  return issues;
}

function checkScenarios(c: Catalog): Issue[] {
  const roles = names(c.roles);
  const flowIds = c.flows.map((f) => f.id);
  const features = names(c.features);
  const issues: Issue[] = [];
  c.scenarios.forEach((s, i) => {
    const base: YamlPath = ['scenarios', i];
    if (s.when !== undefined) issues.push(...checkWhen(s.when, s.condition, [...base, 'when'], features));
    s.steps.forEach((step, j) => {
      const path: YamlPath = [...base, 'steps', j];
      for (const side of ['from', 'to'] as const) {
        const role = step[side];
        if (!(role in c.roles)) issues.push(unknownRef('unknown-role', 'role', role, roles, [...path, side], 'roles'));
      }
      if (step.flow !== undefined && !flowIds.includes(step.flow)) {
        issues.push(unknownRef('unknown-flow', 'flow', step.flow, flowIds, [...path, 'flow'], 'flows'));
      }
    });
  });
  return issues;
}

function checkChecks(c: Catalog): Issue[] {
  const flowIds = c.flows.map((f) => f.id);
  const features = names(c.features);
  const issues: Issue[] = [];
  c.checks.forEach((check, i) => {
    const base: YamlPath = ['checks', i];
    if (check.when !== undefined) issues.push(...checkWhen(check.when, check.condition, [...base, 'when'], features));
    check.flows.forEach((flow, j) => {
      if (!flowIds.includes(flow))
        issues.push(unknownRef('unknown-flow', 'flow', flow, flowIds, [...base, 'flows', j], 'flows'));
    });
    if (check.probe.target !== undefined) {
      issues.push(...checkTemplates(check.probe.target, [...base, 'probe', 'target'], c.parameters));
    }
  });
  return issues;
}

/** A note names flows that exist (a contradiction is reported on them). */
function checkNotes(c: Catalog): Issue[] {
  const flowIds = c.flows.map((f) => f.id);
  return c.notes.flatMap((n, i) =>
    n.flows.flatMap((flow, j) =>
      flowIds.includes(flow)
        ? []
        : [unknownRef('unknown-flow', 'flow', flow, flowIds, ['notes', i, 'flows', j], 'flows')],
    ),
  );
}

function checkConstraints(c: Catalog): Issue[] {
  const roles = names(c.roles);
  return c.constraints.flatMap((k, i) =>
    k.roles.flatMap((r, j) =>
      r in c.roles ? [] : [unknownRef('unknown-role', 'role', r, roles, ['constraints', i, 'roles', j], 'roles')],
    ),
  );
}

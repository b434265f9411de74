import type { Parameter } from '../model/catalog.js';
import { didYouMeanText, type Issue, type IssueCode, issue, type YamlPath } from '../model/issues.js';
import { text as said, type Text } from '../model/text.js';
import { PROTOCOLS } from '../model/vocab.js';
import { parseWhen, type WhenAst, whenFeatures } from '../model/when.js';
import { parseAddress, parsePortSpec } from '../net/index.js';
import type { AddressParser } from './site-addresses.js';
import { pathText, pathWords } from './zod-issues.js';

/** Shared checks for catalogs and sites: references by name, templates, addresses, ports, expressions. */

export type Locate = (path: YamlPath) => { readonly line: number; readonly col: number; readonly file?: string };

const TEMPLATE = /\$\{([^}]*)\}/g;

export const templateNames = (text: string): string[] => [...text.matchAll(TEMPLATE)].map((m) => m[1] as string);

/** The things a catalog or a site names and declares, as messages say them (French agrees in gender). */
const REFERENCED = {
  role: { unknown: said('rôle inconnu', 'unknown role'), it: 'le' },
  parameter: { unknown: said('paramètre inconnu', 'unknown parameter'), it: 'le' },
  service: { unknown: said('service inconnu', 'unknown service'), it: 'le' },
  feature: { unknown: said('fonctionnalité inconnue', 'unknown feature'), it: 'la' },
  flow: { unknown: said('flux inconnu', 'unknown flow'), it: 'le' },
  zone: { unknown: said('zone inconnue', 'unknown zone'), it: 'la' },
} as const;
export type Referenced = keyof typeof REFERENCED;

/** A refusal of the net parsers (addresses, ports) as texts: French when the parser gave it. */
export function refusalText(r: { message: string; hint?: string; fr?: { message: string; hint?: string } }): {
  message: Text;
  hint?: Text;
} {
  const message = said(r.fr?.message ?? r.message, r.message);
  return r.hint === undefined ? { message } : { message, hint: said(r.fr?.hint ?? r.hint, r.hint) };
}

/** `flows[2].from: thing "x"`: a refusal of the net parsers at its place. */
export function refusedAt(code: IssueCode, path: YamlPath, r: Parameters<typeof refusalText>[0]): Issue {
  const { message, hint } = refusalText(r);
  const where = pathWords(path);
  return issue(code, path, said(`${where.fr} : ${message.fr}`, `${where.en}: ${message.en}`), hint);
}

/** `what "name" is not declared` with a did-you-mean or the list of declared names. */
export function unknownRef(
  code: IssueCode,
  what: Referenced,
  name: string,
  known: readonly string[],
  path: YamlPath,
  declaredIn: string,
): Issue {
  const { unknown, it } = REFERENCED[what];
  const hint =
    didYouMeanText(name, known) ??
    (known.length === 0
      ? said(`déclarez-${it} sous "${declaredIn}"`, `declare it under "${declaredIn}"`)
      : said(
          `déclarez-${it} sous "${declaredIn}" ou choisissez parmi : ${known.join(', ')}`,
          `declare it under "${declaredIn}" or use one of: ${known.join(', ')}`,
        ));
  const where = pathWords(path);
  return issue(code, path, said(`${where.fr} : ${unknown.fr} "${name}"`, `${where.en}: ${unknown.en} "${name}"`), hint);
}

/** Checks that `${name}` templates name declared parameters. */
export function checkTemplates(text: string, path: YamlPath, parameters: Record<string, Parameter>): Issue[] {
  const known = Object.keys(parameters);
  return templateNames(text)
    .filter((name) => !(name in parameters))
    .map((name) => unknownRef('unknown-parameter', 'parameter', name, known, path, 'parameters'));
}

/** A stand-in value per parameter type, so a templated string can still be checked for syntax. */
function sample(p: Parameter | undefined): string {
  switch (p?.type) {
    case 'port':
    case 'integer':
      return '1';
    case 'address':
    case 'address-list':
      return '192.0.2.1';
    case 'fqdn':
    case 'fqdn-list':
      return 'example.com';
    default:
      return 'sample';
  }
}

const substitute = (text: string, parameters: Record<string, Parameter>): string =>
  text.replace(TEMPLATE, (_, name: string) => sample(parameters[name]));

/** The issue code for an address that does not parse, from what it looks like. */
function addressCode(text: string): IssueCode {
  if (/^[0-9.]+\/|^[0-9a-f:]*:[0-9a-f:.]*\//i.test(text)) return 'invalid-cidr';
  if (/^[0-9.]+$/.test(text) || /^[0-9a-f]*:[0-9a-f:.]*$/i.test(text)) return 'invalid-address';
  return /[a-z]/i.test(text) ? 'invalid-fqdn' : 'invalid-address';
}

/** An address as catalogs and sites write it: CIDR, IP, FQDN, wildcard, URL, `any`, maybe templated. */
export function checkAddress(
  text: string,
  path: YamlPath,
  parameters: Record<string, Parameter> = {},
  parse: AddressParser = parseAddress,
): Issue[] {
  // No template: the text as it is (a site lists thousands of these).
  if (!text.includes('${')) return addressIssues(text, path, parse);
  const templates = checkTemplates(text, path, parameters);
  if (templates.length > 0) return templates;
  // A whole-string template is checked when the value is known (resolution), not here.
  if (/^\$\{[^}]*\}$/.test(text.trim())) return [];
  return addressIssues(substitute(text, parameters), path);
}

function addressIssues(concrete: string, path: YamlPath, parse: AddressParser = parseAddress): Issue[] {
  const parsed = parse(concrete);
  if (parsed.ok) return [];
  return [refusedAt(addressCode(concrete), path, parsed)];
}

/** `tcp/443`, `tcp/${low}-${high}`, `esp`… */
export function checkPortSpec(text: string, path: YamlPath, parameters: Record<string, Parameter> = {}): Issue[] {
  const templates = checkTemplates(text, path, parameters);
  if (templates.length > 0) return templates;
  const bounds = rangeBounds(text, path, parameters);
  if (bounds.length > 0) return bounds;
  const parsed = parsePortSpec(substitute(text, parameters));
  if (parsed.ok) return [];
  return [refusedAt('invalid-port', path, parsed)];
}

/** `${low}-${high}`: a parameter that bounds a port range must be a port (its values are then checked as ports). */
function rangeBounds(text: string, path: YamlPath, parameters: Record<string, Parameter>): Issue[] {
  const names = [...text.matchAll(/\$\{([^}]*)\}(?=\s*-)|(?<=-\s*)\$\{([^}]*)\}/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
  return [...new Set(names)].flatMap((name) => {
    const type = parameters[name]?.type;
    if (type === undefined || type === 'port') return [];
    return [
      issue(
        'invalid-port',
        path,
        said(
          `${pathText(path, 'fr')} : le paramètre "${name}" borne la plage de ports de "${text}" mais il est de type "${type}"`,
          `${pathText(path)}: parameter "${name}" bounds the port range in "${text}" but is of type "${type}"`,
        ),
        said(
          `déclarez-le avec type: port (parameters.${name}.type), pour que chaque valeur donnée par un site soit vérifiée comme un port`,
          `declare it with type: port (parameters.${name}.type), so every value a site gives is checked as a port`,
        ),
      ),
    ];
  });
}

/** A service entry is inline when it has a `/` (`tcp/443`) or is a bare protocol (`esp`). */
export const isInlinePortSpec = (entry: string): boolean =>
  entry.includes('/') || (PROTOCOLS as readonly string[]).includes(entry.toLowerCase());

/** A `when` expression: syntax, and every feature it names declared. */
/**
 * A `when` against the catalog's features. `condition` is its tree as the loader parsed it (`loadedCatalog`); the
 * text is parsed here only when there is none: to say why it does not parse, or for a catalog built in code.
 */
export function checkWhen(
  text: string,
  condition: WhenAst | undefined,
  path: YamlPath,
  features: readonly string[],
): Issue[] {
  const parsed = condition ? { ok: true as const, value: condition } : parseWhen(text);
  if (!parsed.ok) {
    return [
      issue(
        'invalid-value',
        path,
        said(
          `${pathText(path, 'fr')} : "${text}" n’est pas une expression de fonctionnalités valide : ${parsed.fr}, au caractère ${parsed.offset + 1}`,
          `${pathText(path)}: "${text}" is not a valid feature expression: ${parsed.message} at character ${parsed.offset + 1}`,
        ),
        said(
          'combinez les noms de fonctionnalités avec &&, ||, ! et des parenthèses, par ex. "sms && !adfs-onprem"',
          'combine feature names with &&, ||, ! and parentheses, e.g. "sms && !adfs-onprem"',
        ),
      ),
    ];
  }
  return whenFeatures(parsed.value)
    .filter((f) => !features.includes(f))
    .map((f) => unknownRef('unknown-feature', 'feature', f, features, path, 'features'));
}

/** `where` for a second definition: `12:5` (`file:12:5` in a site of several files) with a source map, else the path. */
export function placeText(path: YamlPath, locate?: Locate): string {
  // A path reads the same in both languages (`flows[2].id`); only the empty one differs, never a definition's place.
  if (!locate) return pathText(path);
  const p = locate(path);
  return `${p.file === undefined ? '' : `${p.file}:`}${p.line}:${p.col}`;
}

const FIELD_FR: Readonly<Record<string, string>> = { id: 'l’id', name: 'le nom' };

/**
 * Duplicate `id`s in a list: one issue per repeat, at the repeat, naming both places. `what` names the list's items
 * (`text('de flux', 'flow')`).
 */
export function duplicateIds(
  what: Text,
  ids: readonly string[],
  listPath: YamlPath,
  locate?: Locate,
  field = 'id',
): Issue[] {
  const first = new Map<string, number>();
  const issues: Issue[] = [];
  ids.forEach((id, index) => {
    const seen = first.get(id);
    if (seen === undefined) {
      first.set(id, index);
      return;
    }
    const a = placeText([...listPath, seen, field], locate);
    const b = placeText([...listPath, index, field], locate);
    issues.push(
      issue(
        'duplicate-id',
        [...listPath, index, field],
        said(
          `${FIELD_FR[field] ?? field} ${what.fr} "${id}" est défini deux fois (à ${a} et à ${b})`,
          `${what.en} ${field} "${id}" is defined twice (at ${a} and ${b})`,
        ),
        said(
          `renommez l’un des deux : chaque ${field === 'name' ? 'nom' : field} doit être unique dans ${pathText(listPath, 'fr')}`,
          `rename one of them: ids must be unique within ${pathText(listPath)}`,
        ),
      ),
    );
  });
  return issues;
}

export const asList = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

/** Paths of the items of a one-or-many field: the field itself for a single value. */
export const itemPaths = (v: string | readonly string[], path: YamlPath): [string, YamlPath][] =>
  typeof v === 'string' ? [[v, path]] : v.map((item, i) => [item, [...path, i]]);

import { z } from 'zod';
import { fromZodIssues } from '../../catalog/zod-issues.js';
import { didYouMeanText, type Issue, issue, type YamlPath } from '../../model/issues.js';
import { type Text, text } from '../../model/text.js';
import { pattern } from '../../model/zod-words.js';
import { safeText } from './escape.js';

/**
 * A target's options: one strict zod object, every key optional (the printer applies its defaults), each `described`
 * in both languages: the English for the docs (`npm run docs`) and the site's JSON Schema, both for a refused
 * value's hint. Values reach it from the site file
 * (`firewalls[].options`, YAML scalars or lists) and from `generate --option k=v` (strings, `true`/`false` and
 * digits already read as booleans and numbers).
 */
export type OptionsSchema = z.ZodObject;

export const defineOptions = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

/**
 * The French of each `described` schema, by its English (zod keeps the English: the docs and the JSON Schema stay
 * English). One description, one French, written together where the option is declared.
 */
const FRENCH_DESCRIPTIONS = new Map<string, string>();

/** `schema.describe(en)` with its French beside it: `described(z.boolean().optional(), text(fr, en))`. */
export function described<T extends z.ZodType>(schema: T, says: Text): T {
  FRENCH_DESCRIPTIONS.set(says.en, says.fr);
  return schema.describe(says.en);
}

/**
 * What a schema was `described` with, in both languages, looking through `.optional()` as the docs do (`mode` and
 * `placement` are described once, shared, and made optional where a target takes them).
 */
export function descriptionWords(schema: z.core.$ZodType | undefined): Text | undefined {
  for (let s = schema; s !== undefined; ) {
    const en = (s as z.ZodType).description;
    const fr = en === undefined ? undefined : FRENCH_DESCRIPTIONS.get(en);
    if (fr !== undefined && en !== undefined) return text(fr, en);
    if (en !== undefined) return undefined;
    const def = s._zod.def as { type: string; innerType?: z.core.$ZodType };
    s = def.type === 'optional' ? def.innerType : undefined;
  }
  return undefined;
}

/** `coexist` with a device's own rules, or `replace` them (src/targets/kit/placement.ts). */
export const modeOption = described(
  z.enum(['replace', 'coexist'], {
    error: (i) => `unknown mode "${safeText(String(i.input), 40)}": use replace or coexist`,
  }),
  text(
    '`replace` (par défaut) : la sortie est toute la politique ; `coexist` : elle ne remplace que ses propres objets et règles, à côté de ceux de l’équipement',
    '`replace` (default): the output is the whole policy; `coexist`: it replaces only its own objects and rules, beside the device’s',
  ),
);

/** Where our rules go among the device's own (`coexist`). */
export const placementOption = described(
  z
    .string()
    .regex(
      ...pattern(
        /^(top|bottom|(before|after):.+)$/,
        text(
          'placement vaut top, bottom, before:<règle> ou after:<règle>',
          'placement is top, bottom, before:<rule> or after:<rule>',
        ),
      ),
    ),
  text(
    'coexist : où vont nos règles : `top`, `bottom`, `before:<règle>` ou `after:<règle>`',
    'coexist: where our rules go: `top`, `bottom`, `before:<rule>` or `after:<rule>`',
  ),
);

/** A list option: a YAML list, or one comma-separated string (`--option directions=inbound`). */
export const listOption = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v), z.array(item).min(1));

/**
 * The options checked against a target's schema: the parsed values, or one issue per unknown key (with
 * did-you-mean) and per bad value, at `path` + key (`firewalls.<name>.options.<key>`, placed in the site file).
 */
export function checkOptions(
  schema: OptionsSchema | undefined,
  target: string,
  values: Readonly<Record<string, unknown>>,
  path: YamlPath,
): { ok: true; value: Record<string, unknown> } | { ok: false; issues: Issue[] } {
  const known = schema ? Object.keys(schema.shape) : [];
  const unknown: Issue[] = Object.keys(values)
    .filter((k) => !known.includes(k))
    .map((k) => ({
      ...issue(
        'unknown-key',
        [...path, k],
        text(
          `option inconnue "${safeText(k, 40)}" pour la cible ${target}`,
          `unknown option "${safeText(k, 40)}" for target ${target}`,
        ),
        (known.length === 0 ? text(`${target} ne prend aucune option`, `${target} takes no option`) : undefined) ??
          didYouMeanText(k, known) ??
          text(`options de ${target} : ${known.join(', ')}`, `options of ${target}: ${known.join(', ')}`),
      ),
      at: 'key' as const,
    }));
  if (!schema) return unknown.length > 0 ? { ok: false, issues: unknown } : { ok: true, value: {} };
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(values).filter(([k]) => known.includes(k))));
  if (parsed.success) return unknown.length > 0 ? { ok: false, issues: unknown } : { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: [
      ...unknown,
      ...parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        const got = safeText(String(values[key]), 40);
        // The hint is the option's own description (the one the docs give), in both languages or in neither.
        const field = schema.shape[key];
        const description = field?.description ?? '';
        const french = description === '' ? '' : (descriptionWords(field)?.fr ?? docsPointer(target));
        return issue(
          'invalid-value',
          [...path, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))],
          text(
            `option ${key} de ${target} : "${got}" n’est pas valide (${whyFrench(schema, values, i)})`,
            `option ${key} of ${target}: "${got}" is not valid (${i.message})`,
          ),
          text(french, description),
        );
      }),
    ],
  };
}

/** Where the French hint sends a reader when an option's description has no French (an option added in English). */
const docsPointer = (target: string): string => `voir les options de ${target} dans docs/targets.md`;

/**
 * Why zod refused an option value, in French: the values an enumeration takes, as zod's English lists them; else the
 * words the loader gives the same zod issue in a site (src/catalog/zod-issues.ts; `pattern` and `refinement` carry
 * a schema's own French).
 */
function whyFrench(schema: OptionsSchema, values: Readonly<Record<string, unknown>>, zi: z.core.$ZodIssue): string {
  // Read from the issue, not the value: a list option's item is checked after the text was split.
  if (zi.code === 'invalid_value') return `valeurs possibles : ${zi.values.map(String).join(', ')}`;
  const fr = fromZodIssues(schema, values, [zi])[0]?.fr;
  // A pattern's own words say why, as zod's message does in English (`placement is top, bottom, …`).
  if (zi.code === 'invalid_format' && fr?.hint) return fr.hint;
  // `key : what is wrong`: what is wrong, without the place (the message names the option already).
  return fr?.message.replace(/^.*?\u00a0: /, '') ?? 'valeur refusée';
}

/**
 * The options one firewall is printed with: the site's (`firewalls[].options`, for the firewall's own platform) under
 * the caller's (`--option`), each checked against the target's schema where it was written.
 */
export function targetOptions(
  target: { readonly id: string; readonly options?: OptionsSchema },
  firewall: string | undefined,
  site: Readonly<Record<string, unknown>> | undefined,
  given: Readonly<Record<string, unknown>> | undefined,
): { ok: true; value: Record<string, unknown> } | { ok: false; issues: Issue[] } {
  const fromSite =
    site === undefined || firewall === undefined
      ? { ok: true as const, value: {} }
      : checkOptions(target.options, target.id, site, ['firewalls', firewall, 'options']);
  const fromCaller =
    given === undefined
      ? { ok: true as const, value: {} }
      : checkOptions(target.options, target.id, given, ['options']);
  if (!fromSite.ok || !fromCaller.ok)
    return {
      ok: false,
      issues: [...(fromSite.ok ? [] : fromSite.issues), ...(fromCaller.ok ? [] : fromCaller.issues)],
    };
  return { ok: true, value: { ...fromSite.value, ...fromCaller.value } };
}

import { z } from 'zod';
import { didYouMean, type Issue, issue, type YamlPath } from '../../model/issues.js';
import { safeText } from './escape.js';

/**
 * A target's options: one strict zod object, every key optional (the printer applies its defaults), each described
 * for the docs (`npm run docs`) and the site's JSON Schema. Values reach it from the site file
 * (`firewalls[].options`, YAML scalars or lists) and from `generate --option k=v` (strings, `true`/`false` and
 * digits already read as booleans and numbers).
 */
export type OptionsSchema = z.ZodObject;

export const defineOptions = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

/** `coexist` with a device's own rules, or `replace` them (src/targets/kit/placement.ts). */
export const modeOption = z
  .enum(['replace', 'coexist'], {
    error: (i) => `unknown mode "${safeText(String(i.input), 40)}": use replace or coexist`,
  })
  .describe(
    '`replace` (default): the output is the whole policy; `coexist`: it replaces only its own objects and rules, beside the device’s',
  );

/** Where our rules go among the device's own (`coexist`). */
export const placementOption = z
  .string()
  .regex(/^(top|bottom|(before|after):.+)$/, 'placement is top, bottom, before:<rule> or after:<rule>')
  .describe('coexist: where our rules go: `top`, `bottom`, `before:<rule>` or `after:<rule>`');

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
        `unknown option "${safeText(k, 40)}" for target ${target}`,
        (known.length === 0 ? `${target} takes no option` : undefined) ??
          didYouMean(k, known) ??
          `options of ${target}: ${known.join(', ')}`,
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
        return issue(
          'invalid-value',
          [...path, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))],
          `option ${key} of ${target}: "${got}" is not valid (${i.message})`,
          schema.shape[key]?.description ?? '',
        );
      }),
    ],
  };
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

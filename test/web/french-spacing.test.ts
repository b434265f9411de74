import { describe, expect, it } from 'vitest';

type Strings = Record<'en' | 'fr', Record<string, unknown>>;
/**
 * A screen's strings module, imported by a path tsc does not follow: the web app's files import with `.ts`
 * endings, which only its own tsconfig (web/tsconfig.json, in npm run typecheck too) allows.
 */
const screen = async (name: string, exported: string): Promise<Strings> =>
  (await import(`../../web/src/screens/${name}/strings.ts`))[exported] as Strings;

/** A plain space before `:` `;` `!` `?` followed by a space or the end: French wants a no-break one there. */
const PLAIN_BEFORE_SIGN = / [:;!?](\s|$)/;

/** Every string a screen's strings give, calling functions with a sample argument. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return texts((value as (...a: unknown[]) => unknown)('x', 'y', 2));
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

describe('the web app in French: no-break spaces before : and ;', () => {
  it('screen strings, plain ones and those built by functions', async () => {
    const adminStrings = await screen('admin', 'adminStrings');
    const changeStrings = await screen('changes', 'changeStrings');
    expect(adminStrings.fr.scopeRead).toBe('lecture\u00a0: appels GET seulement');
    expect((changeStrings.fr.moved as (s: string) => string)('approuvée')).toBe(
      'La demande est maintenant\u00a0: approuvée.',
    );
    for (const t of [...texts(adminStrings.fr), ...texts(changeStrings.fr)]) expect(t).not.toMatch(PLAIN_BEFORE_SIGN);
  });

  it('English is left as written', async () => {
    const adminStrings = await screen('admin', 'adminStrings');
    expect(adminStrings.en.scopeRead).toBe('read: GET calls only');
  });
});

import { z } from 'zod';

/** The two languages every user-facing text carries. Protocol names, ids and config keywords are never translated. */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A text in French and English. The seeds are French; English is our translation. */
export const Text = z.strictObject({ fr: z.string().min(1), en: z.string().min(1) });
export type Text = z.infer<typeof Text>;

export const text = (fr: string, en: string): Text => ({ fr, en });

export const pick = (t: Text | undefined, lang: Lang): string => (t ? t[lang] : '');

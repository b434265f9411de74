import type { Text } from '../model/text.js';

/**
 * `{ fr, en }` without loading the schemas: `model/text.js` builds its zod schema when imported, and the import
 * commands never validate through zod on their way out (~50 ms of start-up saved, several times that on a busy host).
 */
export const text = (fr: string, en: string): Text => ({ fr, en });

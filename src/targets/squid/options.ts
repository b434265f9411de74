import { z } from 'zod';
import { defineOptions } from '../kit/options.js';

/** Options of squid (`generate --target squid --option`). */
export const squidOptions = defineOptions({
  prefix: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,7}$/, 'a letter then up to 7 letters, digits or "_"')
    .optional()
    .describe('prefix of the generated ACL names (default `fm`): change it when two generated files are included'),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type SquidOptions = z.output<typeof squidOptions>;

import { z } from 'zod';
import { defineOptions } from '../kit/options.js';

/** Options of pac (`generate --target pac --option`). */
export const pacOptions = defineOptions({
  default: z
    .enum(['proxy', 'direct'])
    .optional()
    .describe('a request that matches no list: `proxy` (default) or `direct`'),
  m365Type: z
    .literal([1, 2], { error: (i) => `m365Type ${String(i.input)} is not a Get-PacFile type (1 or 2)` })
    .optional()
    .describe(
      'Microsoft 365 rows follow Get-PacFile: 1 sends Optimize DIRECT, 2 Optimize and Allow (default: the matrix decides)',
    ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type PacOptions = z.output<typeof pacOptions>;

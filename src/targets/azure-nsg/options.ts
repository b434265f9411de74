import { z } from 'zod';
import { defineOptions, listOption } from '../kit/options.js';

/** Options of azure-nsg (site `firewalls[].options`, `generate --option`). */
export const azureNsgOptions = defineOptions({
  directions: listOption(z.enum(['Inbound', 'Outbound']))
    .optional()
    .describe('directions to write: `Inbound`, `Outbound` or both (default both; a list, or comma-separated)'),
  denyOthers: z
    .boolean()
    .optional()
    .describe(
      'close each direction with a deny-all rule at priority 4096, ahead of Azure’s AllowVnet defaults (default true)',
    ),
});

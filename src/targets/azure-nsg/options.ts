import { z } from 'zod';
import { defineOptions, listOption } from '../kit/options.js';

/** A rule is written Inbound (on the destination's subnet or NIC) and Outbound (on the source's), in this order. */
export const nsgDirection = z.enum(['Inbound', 'Outbound']);
export type NsgDirection = z.output<typeof nsgDirection>;

/** Options of azure-nsg (site `firewalls[].options`, `generate --option`). */
export const azureNsgOptions = defineOptions({
  directions: listOption(nsgDirection)
    .optional()
    .describe('directions to write: `Inbound`, `Outbound` or both (default both; a list, or comma-separated)'),
  denyOthers: z
    .boolean()
    .optional()
    .describe(
      'close each direction with a deny-all rule at priority 4096, ahead of Azure’s AllowVnet defaults (default true)',
    ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type AzureNsgOptions = z.output<typeof azureNsgOptions>;

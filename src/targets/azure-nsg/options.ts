import { z } from 'zod';
import { text } from '../../model/text.js';
import { defineOptions, described, listOption } from '../kit/options.js';

/** A rule is written Inbound (on the destination's subnet or NIC) and Outbound (on the source's), in this order. */
export const nsgDirection = z.enum(['Inbound', 'Outbound']);
export type NsgDirection = z.output<typeof nsgDirection>;

/** Options of azure-nsg (site `firewalls[].options`, `generate --option`). */
export const azureNsgOptions = defineOptions({
  directions: described(
    listOption(nsgDirection).optional(),
    text(
      'sens à écrire : `Inbound`, `Outbound` ou les deux (les deux par défaut ; une liste, ou séparés par des virgules)',
      'directions to write: `Inbound`, `Outbound` or both (default both; a list, or comma-separated)',
    ),
  ),
  denyOthers: described(
    z.boolean().optional(),
    text(
      'fermer chaque sens par une règle qui refuse tout, en priorité 4096, avant les règles AllowVnet par défaut d’Azure (true par défaut)',
      'close each direction with a deny-all rule at priority 4096, ahead of Azure’s AllowVnet defaults (default true)',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type AzureNsgOptions = z.output<typeof azureNsgOptions>;

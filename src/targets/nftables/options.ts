import { z } from 'zod';
import { text } from '../../model/text.js';
import { defineOptions, described } from '../kit/options.js';

/** Options of nftables (site `firewalls[].options`, `generate --option`); the printer applies the defaults. */
export const nftablesOptions = defineOptions({
  table: described(
    z.string().min(1).optional(),
    text('nom de la table (par défaut `flowmatrix_<pare-feu>`)', 'table name (default `flowmatrix_<firewall>`)'),
  ),
  counters: described(
    z.boolean().optional(),
    text(
      'ajouter `counter` à chaque règle d’acceptation (true par défaut)',
      'add `counter` to every accept rule (default true)',
    ),
  ),
  nat: described(
    z.boolean().optional(),
    text(
      'écrire les traductions d’adresses du pare-feu (`firewalls[].nat`) en chaînes nat',
      'write the firewall’s address translations (`firewalls[].nat`) as nat chains',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type NftablesOptions = z.output<typeof nftablesOptions>;

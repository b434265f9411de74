import { z } from 'zod';
import { text } from '../../model/text.js';
import { pattern } from '../../model/zod-words.js';
import { defineOptions, described, modeOption } from '../kit/options.js';

/** Options of iptables (site `firewalls[].options`, `generate --option`); the printer applies the defaults. */
export const iptablesOptions = defineOptions({
  // iptables-restore expands `-s a,b -d c,d` into one rule per source × destination pair: a set stays one match.
  ipsetThreshold: described(
    z.number().int().min(0).optional(),
    text(
      'un côté qui a plus d’adresses que ce nombre utilise un ipset (1 par défaut : toute liste de deux ou plus)',
      'a side with more addresses than this uses an ipset (default 1: every list of two or more)',
    ),
  ),
  mode: modeOption.optional(),
  chain: described(
    z
      .string()
      .regex(
        ...pattern(
          /^[A-Za-z][A-Za-z0-9_-]{0,27}$/,
          text('un nom de chaîne d’au plus 28 caractères', 'a chain name of at most 28 characters'),
        ),
      )
      .optional(),
    text(
      'coexist : le nom de notre chaîne (par défaut `FLOWMATRIX-<pare-feu>`) ; ses sous-chaînes sont `<chaîne>.…` (une empreinte du nom s’il dépasse 13 caractères)',
      'coexist: our chain’s name (default `FLOWMATRIX-<firewall>`); its sub-chains are `<chain>.…` (a hash of the name when longer than 13 characters)',
    ),
  ),
  otherwise: described(
    z.enum(['drop', 'return']).optional(),
    text(
      'coexist : ce que fait notre chaîne du trafic que la matrice n’autorise pas : `drop` (par défaut) ou `return`',
      'coexist: what our chain does with traffic the matrix does not allow: `drop` (default) or `return`',
    ),
  ),
  nat: described(
    z.boolean().optional(),
    text(
      'écrire les traductions d’adresses du pare-feu (`firewalls[].nat`) dans la table nat',
      'write the firewall’s address translations (`firewalls[].nat`) in the nat table',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type IptablesOptions = z.output<typeof iptablesOptions>;

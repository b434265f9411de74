import { z } from 'zod';
import { text } from '../../model/text.js';
import { pattern } from '../../model/zod-words.js';
import { defineOptions, described, modeOption } from '../kit/options.js';

/** Options of cisco-asa (site `firewalls[].options`, `generate --option`). */
export const asaOptions = defineOptions({
  aclSuffix: described(
    z
      .string()
      .regex(
        ...pattern(
          /^[A-Za-z0-9_.-]{0,32}$/,
          text('au plus 32 lettres, chiffres, "_", ".", "-"', 'at most 32 letters, digits, "_", ".", "-"'),
        ),
      )
      .optional(),
    text(
      'suffixe du nom d’ACL après le nom de l’interface (par défaut `_access_in`, la convention d’ASDM)',
      'ACL name suffix after the interface name (default `_access_in`, the ASDM convention)',
    ),
  ),
  mode: modeOption.optional(),
  accessGroup: described(
    z.boolean().optional(),
    text(
      'écrire les lignes `access-group` qui lient nos ACL à leurs interfaces (true par défaut)',
      'write the `access-group` lines binding our ACLs to their interfaces (default true)',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type AsaOptions = z.output<typeof asaOptions>;

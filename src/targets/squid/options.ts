import { z } from 'zod';
import { text } from '../../model/text.js';
import { pattern } from '../../model/zod-words.js';
import { defineOptions, described } from '../kit/options.js';

/** Options of squid (`generate --target squid --option`). */
export const squidOptions = defineOptions({
  prefix: described(
    z
      .string()
      .regex(
        ...pattern(
          /^[A-Za-z][A-Za-z0-9_]{0,7}$/,
          text('une lettre puis jusqu’à 7 lettres, chiffres ou "_"', 'a letter then up to 7 letters, digits or "_"'),
        ),
      )
      .optional(),
    text(
      'préfixe des noms d’ACL générés (par défaut `fm`) : changez-le quand deux fichiers générés sont inclus',
      'prefix of the generated ACL names (default `fm`): change it when two generated files are included',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type SquidOptions = z.output<typeof squidOptions>;

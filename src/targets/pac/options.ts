import { z } from 'zod';
import { text } from '../../model/text.js';
import { defineOptions, described } from '../kit/options.js';

/** Options of pac (`generate --target pac --option`). */
export const pacOptions = defineOptions({
  default: described(
    z.enum(['proxy', 'direct']).optional(),
    text(
      'une requête qu’aucune liste ne reconnaît : `proxy` (par défaut) ou `direct`',
      'a request that matches no list: `proxy` (default) or `direct`',
    ),
  ),
  m365Type: described(
    z.literal([1, 2], { error: (i) => `m365Type ${String(i.input)} is not a Get-PacFile type (1 or 2)` }).optional(),
    text(
      'les lignes Microsoft 365 suivent Get-PacFile : 1 envoie Optimize en DIRECT, 2 Optimize et Allow (par défaut : la matrice décide)',
      'Microsoft 365 rows follow Get-PacFile: 1 sends Optimize DIRECT, 2 Optimize and Allow (default: the matrix decides)',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type PacOptions = z.output<typeof pacOptions>;

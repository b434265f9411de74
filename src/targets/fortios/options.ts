import { z } from 'zod';
import { text } from '../../model/text.js';
import { defineOptions, described, modeOption, placementOption } from '../kit/options.js';

/** Options of fortios (site `firewalls[].options`, `generate --option`). */
export const fortiosOptions = defineOptions({
  mode: modeOption.optional(),
  placement: placementOption.optional(),
  policyIds: described(
    z.number().int().min(1).max(3_999_999_999).optional(),
    text(
      'coexist : le premier id d’une plage libre d’id de politique (les nôtres prennent les suivants)',
      'coexist: the first id of a free range of policy ids (ours take the following ones)',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type FortiosOptions = z.output<typeof fortiosOptions>;

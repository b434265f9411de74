import type { z } from 'zod';
import { defineOptions, modeOption, placementOption } from '../kit/options.js';

/** Options of panos (site `firewalls[].options`, `generate --option`). */
export const panosOptions = defineOptions({
  mode: modeOption.optional(),
  placement: placementOption.optional(),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type PanosOptions = z.output<typeof panosOptions>;

import { defineOptions, modeOption, placementOption } from '../kit/options.js';

/** Options of panos (site `firewalls[].options`, `generate --option`). */
export const panosOptions = defineOptions({
  mode: modeOption.optional(),
  placement: placementOption.optional(),
});

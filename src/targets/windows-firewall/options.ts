import { z } from 'zod';
import { defineOptions, listOption } from '../kit/options.js';

/** Options of windows-firewall (site `firewalls[].options`, `generate --option`). */
export const windowsFirewallOptions = defineOptions({
  directions: listOption(z.enum(['inbound', 'outbound']))
    .optional()
    .describe('host rules to write: `inbound`, `outbound` or both (default both; a list, or comma-separated)'),
});

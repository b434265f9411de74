import { z } from 'zod';
import { defineOptions, listOption } from '../kit/options.js';

/** `inbound` rules on the hosts that are a flow's destination, `outbound` on its source's (for a Block default). */
export const hostDirection = z.enum(['inbound', 'outbound']);
export type HostDirection = z.output<typeof hostDirection>;

/** Options of windows-firewall (site `firewalls[].options`, `generate --option`). */
export const windowsFirewallOptions = defineOptions({
  directions: listOption(hostDirection)
    .optional()
    .describe('host rules to write: `inbound`, `outbound` or both (default both; a list, or comma-separated)'),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type WindowsFirewallOptions = z.output<typeof windowsFirewallOptions>;

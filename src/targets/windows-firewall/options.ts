import { z } from 'zod';
import { text } from '../../model/text.js';
import { defineOptions, described, listOption } from '../kit/options.js';

/** `inbound` rules on the hosts that are a flow's destination, `outbound` on its source's (for a Block default). */
export const hostDirection = z.enum(['inbound', 'outbound']);
export type HostDirection = z.output<typeof hostDirection>;

/** Options of windows-firewall (site `firewalls[].options`, `generate --option`). */
export const windowsFirewallOptions = defineOptions({
  directions: described(
    listOption(hostDirection).optional(),
    text(
      'règles d’hôte à écrire : `inbound`, `outbound` ou les deux (les deux par défaut ; une liste, ou séparées par des virgules)',
      'host rules to write: `inbound`, `outbound` or both (default both; a list, or comma-separated)',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type WindowsFirewallOptions = z.output<typeof windowsFirewallOptions>;

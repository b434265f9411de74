import { z } from 'zod';
import { defineOptions, modeOption } from '../kit/options.js';

/** Options of iptables (site `firewalls[].options`, `generate --option`); the printer applies the defaults. */
export const iptablesOptions = defineOptions({
  // iptables-restore expands `-s a,b -d c,d` into one rule per source × destination pair: a set stays one match.
  ipsetThreshold: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('a side with more addresses than this uses an ipset (default 1: every list of two or more)'),
  mode: modeOption.optional(),
  chain: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,27}$/, 'a chain name of at most 28 characters')
    .optional()
    .describe(
      'coexist: our chain’s name (default `FLOWMATRIX-<firewall>`); its sub-chains are `<chain>.…` (a hash of the name when longer than 13 characters)',
    ),
  otherwise: z
    .enum(['drop', 'return'])
    .optional()
    .describe('coexist: what our chain does with traffic the matrix does not allow: `drop` (default) or `return`'),
  nat: z
    .boolean()
    .optional()
    .describe('write the firewall’s address translations (`firewalls[].nat`) in the nat table'),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type IptablesOptions = z.output<typeof iptablesOptions>;

import { z } from 'zod';
import { defineOptions } from '../kit/options.js';

/** Options of nftables (site `firewalls[].options`, `generate --option`); the printer applies the defaults. */
export const nftablesOptions = defineOptions({
  table: z.string().min(1).optional().describe('table name (default `flowmatrix_<firewall>`)'),
  counters: z.boolean().optional().describe('add `counter` to every accept rule (default true)'),
  nat: z.boolean().optional().describe('write the firewall’s address translations (`firewalls[].nat`) as nat chains'),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type NftablesOptions = z.output<typeof nftablesOptions>;

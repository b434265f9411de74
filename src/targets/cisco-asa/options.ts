import { z } from 'zod';
import { defineOptions, modeOption } from '../kit/options.js';

/** Options of cisco-asa (site `firewalls[].options`, `generate --option`). */
export const asaOptions = defineOptions({
  aclSuffix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{0,32}$/, 'at most 32 letters, digits, "_", ".", "-"')
    .optional()
    .describe('ACL name suffix after the interface name (default `_access_in`, the ASDM convention)'),
  mode: modeOption.optional(),
  accessGroup: z
    .boolean()
    .optional()
    .describe('write the `access-group` lines binding our ACLs to their interfaces (default true)'),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type AsaOptions = z.output<typeof asaOptions>;

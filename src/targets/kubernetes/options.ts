import { z } from 'zod';
import { defineOptions } from '../kit/options.js';

/** Options of kubernetes (site `firewalls[].options`, `generate --option`). */
export const kubernetesOptions = defineOptions({
  defaultDeny: z
    .boolean()
    .optional()
    .describe('add a `flowmatrix-default-deny` policy to every namespace a rule selects pods in (default true)'),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type KubernetesOptions = z.output<typeof kubernetesOptions>;

import { z } from 'zod';
import { defineOptions } from '../kit/options.js';

/** Options of aws-sg (site `firewalls[].options`, `generate --option`). */
export const awsSgOptions = defineOptions({
  // In one VPC the peer's group follows its instances when their addresses change.
  referenceGroups: z
    .boolean()
    .optional()
    .describe(
      'between two site roles, allow the peer’s security group instead of its addresses (default true); false when a role’s hosts are outside the VPC',
    ),
  vpcVariable: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a Terraform variable name')
    .optional()
    .describe('name of the Terraform variable holding the VPC id (default `vpc_id`)'),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type AwsSgOptions = z.output<typeof awsSgOptions>;

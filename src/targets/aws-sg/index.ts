import { defineTarget } from '../generate/target.js';
import { AWS_SG_CAPABILITIES } from './capabilities.js';
import { awsSgFindings } from './findings.js';
import { awsSgFormats } from './formats.js';
import { awsSgOptions } from './options.js';
import { printAwsSg } from './print.js';

export type { AwsSgOptions } from './options.js';

/** AWS VPC security groups as Terraform: one group per site role, one ingress/egress rule resource per port range. */
export const awsSg = defineTarget({
  id: 'aws-sg',
  title: { fr: 'Security groups AWS (Terraform)', en: 'AWS security groups (Terraform)' },
  capabilities: AWS_SG_CAPABILITIES,
  options: awsSgOptions,
  findings: awsSgFindings,
  formats: awsSgFormats,
  print: printAwsSg,
});

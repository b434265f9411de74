import type { ConfigFormat } from '../../ruleset/config-file.js';
import { parseAwsSg } from './parse/index.js';

/** What `verify` reads: security groups in Terraform, with the JSON that says which addresses are their members. */
export const awsSgFormats: readonly ConfigFormat[] = [
  {
    id: 'aws-sg',
    title: 'AWS security groups in Terraform (.tf), with aws ec2 describe-network-interfaces JSON for their members',
    target: 'aws-sg',
    detect: (text) => /^\s*resource\s+"aws_(vpc_)?security_group(_rule|_ingress_rule|_egress_rule)?"/m.test(text),
    parse: (files) => parseAwsSg(files),
  },
];

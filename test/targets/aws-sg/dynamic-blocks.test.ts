import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import { parseAwsSg } from '../../../src/targets/aws-sg/parse/index.js';

const TF = `resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.1.2.0/24"]
  }
  dynamic "ingress" {
    for_each = var.extra_rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }
}
`;
const ENI = JSON.stringify({
  NetworkInterfaces: [{ PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.5' }], Groups: [{ GroupName: 'web' }] }],
});

// A dynamic block was skipped: the rules Terraform makes from it vanished, and traffic they allow was "denied".
describe('AWS security group with a dynamic ingress block', () => {
  it('makes traffic the written rules do not allow indeterminate at the dynamic block, not denied', () => {
    const r = parseAwsSg([
      { path: 'sg.tf', text: TF },
      { path: 'eni.json', text: ENI },
    ]);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const decide = (text: string) => {
      const p = parsePacket(text);
      if (!p.ok) throw new Error(p.message);
      const d = evaluate(r.value, p.value);
      return d.kind === 'decided' ? d.action : `indeterminate at ${d.opaque.map((h) => h.rule.provenance.line)}`;
    };
    expect(decide('tcp 10.1.2.3:40000 -> 10.0.0.5:443')).toBe('accept');
    expect(decide('tcp 10.9.9.9:40000 -> 10.0.0.5:8443')).toBe('indeterminate at 9');
  });
});

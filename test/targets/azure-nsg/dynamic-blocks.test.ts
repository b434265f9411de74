import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import { parseAzureNsg } from '../../../src/targets/azure-nsg/parse/index.js';

const TF = `resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "westeurope"
  resource_group_name = "rg"
  security_rule {
    name                       = "web"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "10.1.2.0/24"
    destination_address_prefix = "10.0.0.5"
  }
  dynamic "security_rule" {
    for_each = var.rules
    content {
      name     = security_rule.value.name
      priority = security_rule.value.priority
    }
  }
}
`;

// A dynamic block was skipped: the rules Terraform makes from it (any priority, allow or deny) vanished in silence.
describe('Azure NSG with a dynamic security_rule block', () => {
  it('makes verdicts indeterminate at the dynamic block, even where a written rule allows', () => {
    const r = parseAzureNsg({ path: 'nsg.tf', text: TF });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const p = parsePacket('tcp 10.1.2.3:40000 -> 10.0.0.5:443');
    if (!p.ok) throw new Error(p.message);
    const d = evaluate(r.value, p.value);
    expect(d.kind === 'decided' ? d.action : d.opaque.map((h) => h.rule.provenance.line)).toContain(16);
  });
});

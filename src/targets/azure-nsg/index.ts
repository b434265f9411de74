import { defineTarget } from '../core/target.js';
import { AZURE_NSG_CAPABILITIES } from './capabilities.js';
import { type AzureNsgOptions, renderAzureNsg } from './render.js';

export type { AzureNsgOptions } from './render.js';

/** Azure network security group as Terraform (azurerm): one NSG per firewall entry, one rule resource per rule. */
export const azureNsg = defineTarget<AzureNsgOptions>({
  id: 'azure-nsg',
  title: { fr: 'NSG Azure (Terraform)', en: 'Azure NSG (Terraform)' },
  capabilities: AZURE_NSG_CAPABILITIES,
  render: renderAzureNsg,
});

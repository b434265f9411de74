import { defineTarget } from '../generate/target.js';
import { AZURE_NSG_CAPABILITIES } from './capabilities.js';
import { azureNsgFindings } from './findings.js';
import { azureNsgFormats } from './formats.js';
import { azureNsgOptions } from './options.js';
import { printAzureNsg } from './print.js';

export type { AzureNsgOptions } from './options.js';

/** Azure network security group as Terraform (azurerm): one NSG per firewall entry, one rule resource per rule. */
export const azureNsg = defineTarget({
  id: 'azure-nsg',
  title: { fr: 'NSG Azure (Terraform)', en: 'Azure NSG (Terraform)' },
  capabilities: AZURE_NSG_CAPABILITIES,
  options: azureNsgOptions,
  findings: azureNsgFindings,
  formats: azureNsgFormats,
  print: printAzureNsg,
});

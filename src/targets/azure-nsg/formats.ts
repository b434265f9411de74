import { type ConfigFormat, singleFile } from '../../ruleset/config-file.js';
import { parseAzureNsg } from './parse/index.js';

/** What `verify` reads: network security groups in Terraform. */
export const azureNsgFormats: readonly ConfigFormat[] = [
  {
    id: 'azure-nsg',
    title: 'Azure network security groups in Terraform (.tf)',
    target: 'azure-nsg',
    detect: (text) => /^\s*resource\s+"azurerm_network_security_(group|rule)"/m.test(text),
    parse: singleFile(parseAzureNsg),
  },
];

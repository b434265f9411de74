import { defineCommand } from '../command.js';

export const validateCommand = defineCommand<Record<string, never>>({
  name: 'validate',
  summary: 'Check catalog and site files; print every problem as file:line:col: message — hint',
  description:
    'Validates YAML syntax, keys, types, references (roles, services, features, parameters, hosts, zones), ids, addresses, ports and FQDNs. ' +
    'A site is also resolved, so an enabled flow whose role is not bound is reported. Exit code 0 when all files are valid, 2 otherwise.',
  examples: ['flowmatrix validate catalogs/hamilton.yaml', 'flowmatrix validate examples/*.yaml'],
  configure: (cmd) => cmd.argument('<files...>', 'catalog or site files (YAML)'),
  handler: async (files, _options, ctx) => (await import('../actions/validate.js')).validate(files, ctx),
});

import { defineCommand, langOption } from '../command.js';
import { langOf } from '../context.js';

export const validateCommand = defineCommand<{ lang?: string }>({
  name: 'validate',
  summary: 'Check catalog and site files; print every problem as file:line:col: message — hint',
  description:
    'Validates YAML syntax, keys, types, references (roles, services, features, parameters, hosts, zones), ids, addresses, ports and FQDNs. ' +
    'A site is also resolved, so an enabled flow whose role is not bound is reported. Exit code 0 when all files are valid, 2 otherwise.',
  examples: ['flowmatrix validate catalogs/hamilton.yaml', 'flowmatrix validate examples/*.yaml'],
  configure: (cmd) =>
    cmd.argument('<files...>', 'catalog or site files (YAML)').addOption(langOption('language of the problems')),
  handler: async (files, options, ctx) =>
    (await import('../actions/validate.js')).validate(files, ctx, langOf(options.lang, ctx)),
});

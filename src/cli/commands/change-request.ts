import { Option } from 'commander';
import { defineCommand, FORCE_HELP, langOption, siteOptions } from '../command.js';

export interface ChangeRequestCliOptions {
  force?: boolean;
  site?: string;
  rev?: string;
  output?: string;
  format?: string;
  lang?: string;
  requester?: string;
  justification?: string;
  feature?: string[];
  set?: string[];
}

export const changeRequestCommand = defineCommand<ChangeRequestCliOptions>({
  name: 'change-request',
  summary: 'Write the change request a network team files: what opens, its risk, how to apply, undo and check it',
  description:
    'Compares OLD and NEW as flowmatrix diff does (site, catalog with --site, matrix JSON, or --rev A..B FILE) and ' +
    'writes one document (-o CR.md, CR.html or CR.xlsx; Markdown on standard output without -o, or -f md|html): summary, requester and justification, the rows opened, ' +
    'closed, widened or weakened with their source-document reference, the audit findings of NEW on what is new, ' +
    'the implementation steps per firewall (the rule delta in its platform), the rollback steps (the reverse ' +
    'delta) and the verification steps (probe and verify commands). French or English (--lang).',
  examples: [
    'flowmatrix change-request old-site.yaml examples/hamilton-site.yaml -o CR.md --requester "J. Martin" --justification "SMS module"',
    'flowmatrix change-request --rev v1..v2 examples/lync-2013-edge-site.yaml -o CR.xlsx --lang fr',
    'flowmatrix change-request old-site.yaml examples/hamilton-site.yaml | less',
  ],
  configure: (cmd) =>
    siteOptions(
      cmd
        .argument('[versions...]', 'OLD NEW, or FILE with --rev')
        .option('--site <file>', 'resolve two catalog versions with this site')
        .option('--rev <A..B>', 'compare FILE at git revisions A and B')
        .option('-o, --output <file>', 'the document: .md, .html or .xlsx (default: Markdown on standard output)')
        .addOption(
          new Option('-f, --format <format>', 'md, html or xlsx (default: from the -o extension, else md)').choices([
            'md',
            'html',
            'xlsx',
          ]),
        )
        .option('--force', FORCE_HELP)
        .option('--requester <name>', 'who asks for the change')
        .option('--justification <text>', 'why the change is needed')
        .addOption(langOption('language of the document')),
    ),
  handler: async (args, options, ctx) =>
    (await import('../actions/change-request.js')).changeRequest(args, options, ctx),
});

import { basename, extname, join, resolve as resolvePath } from 'node:path';
import { Option } from 'commander';
import { auditSite } from '../../audit/index.js';
import type { Finding } from '../../model/finding.js';
import type { Matrix } from '../../model/matrix.js';
import type { Lang } from '../../model/text.js';
import { formats, renderSequence, roleTitlesOf } from '../../render/index.js';
import { defineCommand, langOption, siteOptions } from '../command.js';
import { EXIT, langOf, todayOf } from '../context.js';
import { writeFilesAtomically } from '../files.js';
import { loadMatrix } from '../load.js';
import { Stages } from '../progress.js';
import { summarise } from '../summary.js';

type FormatId = keyof typeof formats;
const FORMAT_IDS = Object.keys(formats) as FormatId[];

interface MatrixOptions {
  format?: FormatId;
  allFormats?: boolean;
  output?: string;
  lang?: string;
  feature?: string[];
  set?: string[];
  separator?: ',' | ';';
  bom?: boolean;
  excelFr?: boolean;
}

export const matrixCommand = defineCommand<MatrixOptions>({
  name: 'matrix',
  summary: 'Build a site’s flow matrix and write it as XLSX, CSV, Markdown, HTML, JSON, Mermaid or DOT',
  description:
    'Resolves a site file (catalogs, features, parameters, zones, hosts, firewalls) into concrete matrix rows and renders them. ' +
    'Text formats go to standard output unless -o is given; XLSX needs -o. With --all-formats, -o is a folder that receives every format, and each scenario as a Mermaid sequence diagram.',
  examples: [
    'flowmatrix matrix examples/hamilton-site.yaml -f xlsx -o out/hamilton.xlsx',
    'flowmatrix matrix examples/hamilton-site.yaml -f csv --excel-fr -o out/hamilton.csv   # ; separator + BOM for French Excel',
    'flowmatrix matrix examples/hamilton-site.yaml -f md --lang en --feature sms=off',
    'flowmatrix matrix examples/hamilton-site.yaml --set hamilton.smtp_relay_port=25 -f html -o out/m.html',
    'flowmatrix matrix examples/hamilton-site.yaml --all-formats -o out/',
  ],
  configure: (cmd) =>
    siteOptions(
      cmd
        .argument('<site>', 'site file (YAML)')
        .addOption(new Option('-f, --format <format>', 'document format').choices(FORMAT_IDS))
        .option('--all-formats', 'write every format into the folder given by -o (default out/)')
        .option('-o, --output <path>', 'output file (or folder with --all-formats); default: standard output')
        .addOption(langOption('language of the documents'))
        .addOption(new Option('--separator <char>', 'CSV separator').choices([',', ';']))
        .option('--bom', 'CSV: start with a UTF-8 byte-order mark')
        .option('--excel-fr', 'CSV for French Excel: ";" separator and a byte-order mark'),
    ),
  async handler([site], options, ctx) {
    const stages = new Stages(ctx, options.allFormats ? FORMAT_IDS.length + 2 : 3);
    stages.next('load + resolve');
    const loaded = await loadMatrix(site as string, options, ctx);
    if (!loaded.ok) {
      stages.stop();
      return loaded.code;
    }
    const lang = langOf(options.lang, ctx);
    const { matrix } = loaded;
    // The documents show the findings `flowmatrix audit` would report as active.
    const findings = auditSite(loaded, todayOf(ctx)).findings.filter((f) => !f.suppressed);
    const csv = {
      separator: options.excelFr ? ';' : (options.separator ?? ','),
      bom: options.excelFr === true || options.bom === true,
    } as const;
    if (options.allFormats) {
      const dir = resolvePath(ctx.cwd, options.output ?? 'out');
      const stem = basename(site as string, extname(site as string));
      const files: { path: string; content: string | Uint8Array }[] = [];
      for (const id of FORMAT_IDS) {
        stages.next(`render ${id}`);
        const content = await renderOne(matrix, id, lang, csv, findings);
        files.push({ path: join(dir, `${stem}.${formats[id].extension}`), content });
      }
      // Each scenario (an ordered journey, e.g. an authentication sequence) also as its own sequence diagram.
      for (const c of matrix.catalogs) {
        for (const scenario of c.scenarios) {
          const roles = roleTitlesOf(matrix, c.id);
          files.push({
            path: join(dir, `${stem}.${c.id}.${scenario.id}.sequence.mmd`),
            content: renderSequence(scenario, roles, lang),
          });
        }
      }
      await writeFilesAtomically(files);
      stages.stop();
      ctx.out(summarise(matrix, lang));
      for (const f of files) ctx.out(`  ${f.path}\n`);
      return EXIT.ok;
    }
    const id = options.format ?? (options.output ? formatFromExtension(options.output) : 'md');
    if (!id) {
      stages.stop();
      ctx.err(`cannot tell the format from "${options.output}" — add -f ${FORMAT_IDS.join('|')}\n`);
      return EXIT.badInput;
    }
    stages.next(`render ${id}`);
    const content = await renderOne(matrix, id, lang, csv, findings);
    stages.stop();
    if (!options.output) {
      if (typeof content !== 'string') {
        ctx.err(`${id} is a binary format — write it to a file with -o FILE.${formats[id].extension}\n`);
        return EXIT.badInput;
      }
      ctx.out(content);
      return EXIT.ok;
    }
    const path = resolvePath(ctx.cwd, options.output);
    await writeFilesAtomically([{ path, content }]);
    ctx.err(summarise(matrix, lang));
    ctx.err(`  ${path}\n`);
    return EXIT.ok;
  },
});

function formatFromExtension(path: string): FormatId | undefined {
  const ext = extname(path).slice(1).toLowerCase();
  return FORMAT_IDS.find((id) => formats[id].extension === ext || id === ext);
}

async function renderOne(
  matrix: Matrix,
  id: FormatId,
  lang: Lang,
  csv: { separator: ',' | ';'; bom: boolean },
  findings: readonly Finding[],
): Promise<string | Uint8Array> {
  const format = formats[id] as unknown as {
    render: (m: Matrix, o: Record<string, unknown>) => string | Uint8Array | Promise<string | Uint8Array>;
  };
  // Only the formats that show findings get them (XLSX: Findings sheet and column; HTML: findings column).
  const withFindings = id === 'xlsx' || id === 'html' ? { findings } : {};
  return format.render(matrix, { lang, ...withFindings, ...(id === 'csv' ? csv : {}) });
}

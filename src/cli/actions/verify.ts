import { resolve as resolvePath } from 'node:path';
import { type Severity, severityRank } from '../../model/finding.js';
import { colon, counted, type Lang } from '../../model/text.js';
import { evaluate, type RuleHit } from '../../ruleset/evaluate.js';
import { parsePacket, placePacket } from '../../ruleset/packet.js';
import type { Ruleset } from '../../ruleset/types.js';
import { type VerifyFormatId, verifyFormats } from '../../verify/formats/index.js';
import { missingRules } from '../../verify/missing-rules.js';
import { buildReport, locationOf, type VerifyReport, where } from '../../verify/report.js';
import type { VerifyCliOptions } from '../commands/verify.js';
import { type CliContext, EXIT, type ExitCode, langOf } from '../context.js';
import { filePath, inputsOf, writeOutputs, writing } from '../files.js';
import { loadMatrix } from '../load.js';
import { countRules, readConfig, verdictCounts, verifyWithProgress } from '../verify-config.js';

export async function verify(site: string | undefined, options: VerifyCliOptions, ctx: CliContext): Promise<ExitCode> {
  const configs = options.config ?? [];
  if (configs.length === 0) {
    ctx.err(
      'give the firewall configuration with --config FILE — e.g. flowmatrix verify site.yaml --firewall fw1 --config fw1.rules\n',
    );
    return EXIT.badInput;
  }
  const asking = options.packet !== undefined && options.packet.length > 0;
  if (asking && (site !== undefined || options.firewall !== undefined)) {
    const unused = [
      ...(site === undefined ? [] : ['the site']),
      ...(options.firewall === undefined ? [] : ['--firewall']),
    ];
    const them = unused.length > 1 ? 'them' : 'it';
    ctx.err(
      `--packet asks the configuration alone: ${unused.join(' and ')} would not be used — leave ${them} out to ask about a packet, or leave out --packet to verify the matrix\n`,
    );
    return EXIT.badInput;
  }
  const read = await readConfig(configs, options.format ?? 'auto', ctx, options.scope);
  if ('code' in read) return read.code;
  const { ruleset, format } = read;

  if (asking) {
    const { answers, bad } = decidePackets(ruleset, options.packet ?? [], langOf(options.lang, ctx), ctx);
    if (!options.output) {
      ctx.out(answers);
      return bad ? EXIT.badInput : EXIT.ok;
    }
    if (bad) return EXIT.badInput;
    const path = filePath(ctx.cwd, options.output);
    const inputs = configs.map((c) => ({ path: resolvePath(ctx.cwd, c), what: 'firewall configuration' }));
    const failed = await writing(ctx, () =>
      writeOutputs([{ path, content: answers }], inputs, { force: options.force }),
    );
    if (failed !== undefined) return failed;
    ctx.err(`  ${path}\n`);
    return EXIT.ok;
  }
  if (site === undefined || options.firewall === undefined) {
    ctx.err('give a site file and --firewall NAME to verify the matrix, or --packet to ask about one packet\n');
    return EXIT.badInput;
  }
  const loaded = await loadMatrix(site, options, ctx);
  if (!loaded.ok) return loaded.code;
  const { matrix } = loaded;
  const known = matrix.firewalls.map((f) => f.name);
  if (!known.includes(options.firewall)) {
    ctx.err(
      `${loaded.sitePath}: unknown firewall "${options.firewall}" — firewalls of this site: ${known.join(', ') || 'none'}\n`,
    );
    return EXIT.badInput;
  }
  if (ctx.interactive)
    ctx.err(
      `verifying ${counted(matrix.rows.length, 'row', 'rows', 'en')} against ${counted(countRules(ruleset), 'rule', 'rules', 'en')}…\n`,
    );
  const verification = verifyWithProgress(matrix, options.firewall, read, ctx);
  const report: VerifyReport = {
    ...buildReport(verification, { site: matrix.site.id, config: configs, format: format.id }),
    ...missingRules(matrix, options.firewall, format, verification.rows),
  };
  const lang = langOf(options.lang, ctx);
  const content = verifyFormats[(options.report ?? 'text') as VerifyFormatId](report, lang);
  if (options.output) {
    const path = filePath(ctx.cwd, options.output);
    const inputs = [
      ...inputsOf(loaded),
      ...configs.map((c) => ({ path: resolvePath(ctx.cwd, c), what: 'firewall configuration' })),
    ];
    const failed = await writing(ctx, () => writeOutputs([{ path, content }], inputs, { force: options.force }));
    if (failed !== undefined) return failed;
    ctx.err(`  ${path}\n`);
  } else ctx.out(content);
  const c = report.counts;
  ctx.err(`${verdictCounts(c, lang)}\n`);
  const threshold = options.failOn;
  return threshold && report.items.some((i) => severityRank(i.severity) >= severityRank(threshold as Severity))
    ? EXIT.checksFailed
    : EXIT.ok;
}

/** Which rule decides each packet: the answers (for standard output or -o), each bad packet said on stderr. */
function decidePackets(
  ruleset: Ruleset,
  packets: readonly string[],
  lang: Lang,
  ctx: CliContext,
): { answers: string; bad: boolean } {
  const fr = lang === 'fr';
  const c = colon(lang);
  const policy = (of: string | undefined) =>
    fr ? `politique de ${of ?? 'l’ensemble'}` : `policy of ${of ?? 'the ruleset'}`;
  let answers = '';
  let bad = false;
  for (const text of packets) {
    const p = parsePacket(text);
    // A zone that contradicts the zone the configuration places the packet's interface in: which one is meant?
    const placed = p.ok ? placePacket(ruleset, p.value) : p;
    if (!placed.ok) {
      ctx.err(`--packet ${text}: ${placed.message}${placed.hint ? ` — ${placed.hint}` : ''}\n`);
      bad = true;
      continue;
    }
    const d = evaluate(ruleset, placed.value.packet);
    // Where the configuration placed the packet by its interfaces.
    const at = placed.value.placed.map((w) => `  ${w}\n`).join('');
    if (d.kind === 'indeterminate') {
      const why = d.reason[lang];
      answers += `${text}\n${at}  ${fr ? 'indéterminé' : 'indeterminate'}${c} ${why}\n${d.opaque.map((h) => `  ${ruleText(h)}\n`).join('')}`;
      continue;
    }
    const by = d.decidedBy ? ruleText(d.decidedBy) : policy(d.policyOf);
    const nat = d.translatedBy ? `  ${fr ? 'traduit par' : 'translated by'} ${ruleText(d.translatedBy)}\n` : '';
    const via = nat + d.path.map((h) => `  via ${ruleText(h)}\n`).join('');
    // Uninterpreted matches that change which rule decides, not the action.
    const uncertain = (d.uncertainBy ?? [])
      .map((h) =>
        fr
          ? `  (ou, si ses critères non interprétés correspondent, après ${ruleText(h)})\n`
          : `  (or, if its uninterpreted matches match, after ${ruleText(h)})\n`,
      )
      .join('');
    // A packet whose place was left unsaid, where the places agree on the action but not on the rule: each one.
    const places = d.places ?? [];
    const decided =
      places.length > 0
        ? `  ${d.action} ${fr ? 'à chaque endroit essayé' : 'in every place tried'}${c}\n${places.map((pl) => `    ${pl.place[lang]}${c} ${pl.decidedBy ? ruleText(pl.decidedBy) : policy(pl.policyOf)}\n`).join('')}`
        : `  ${d.action} — ${by}\n`;
    answers += `${text}\n${at}${via}${decided}${uncertain}`;
  }
  return { answers, bad };
}

/** A rule as the answer names it: where, then its text (or, for a rule the reader made, its comment). */
const ruleText = (h: RuleHit): string => {
  const { text, comment } = h.rule.provenance;
  return `${where(locationOf(h))}: ${text ?? comment ?? ''}`;
};

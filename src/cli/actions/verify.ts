import { resolve as resolvePath } from 'node:path';
import { type Severity, severityRank } from '../../model/finding.js';
import { counted } from '../../model/text.js';
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
import { countRules, readConfig, verifyWithProgress } from '../verify-config.js';

export async function verify(site: string | undefined, options: VerifyCliOptions, ctx: CliContext): Promise<ExitCode> {
  const configs = options.config ?? [];
  if (configs.length === 0) {
    ctx.err(
      'give the firewall configuration with --config FILE — e.g. flowmatrix verify site.yaml --firewall fw1 --config fw1.rules\n',
    );
    return EXIT.badInput;
  }
  const read = await readConfig(configs, options.format ?? 'auto', ctx, options.scope);
  if ('code' in read) return read.code;
  const { ruleset, format } = read;

  if (options.packet && options.packet.length > 0) {
    const { answers, bad } = decidePackets(ruleset, options.packet, ctx);
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
  if (ctx.interactive) ctx.err(`verifying ${matrix.rows.length} row(s) against ${countRules(ruleset)} rule(s)…\n`);
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
  ctx.err(
    lang === 'fr'
      ? `${counted(c.permitted, 'autorisé', 'autorisés', lang)}, ${counted(c.partial, 'partiel', 'partiels', lang)}, ${counted(c.denied, 'refusé', 'refusés', lang)}, ${counted(c.indeterminate, 'indéterminé', 'indéterminés', lang)}\n`
      : `${c.permitted} permitted, ${c.partial} partial, ${c.denied} denied, ${c.indeterminate} indeterminate\n`,
  );
  const threshold = options.failOn;
  return threshold && report.items.some((i) => severityRank(i.severity) >= severityRank(threshold as Severity))
    ? EXIT.checksFailed
    : EXIT.ok;
}

/** Which rule decides each packet: the answers (for standard output or -o), each bad packet said on stderr. */
function decidePackets(
  ruleset: Ruleset,
  packets: readonly string[],
  ctx: CliContext,
): { answers: string; bad: boolean } {
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
      answers += `${text}\n${at}  indeterminate: ${d.reason}\n${d.opaque.map((h) => `  ${ruleText(h)}\n`).join('')}`;
      continue;
    }
    const by = d.decidedBy ? ruleText(d.decidedBy) : `policy of ${d.policyOf ?? 'the ruleset'}`;
    const nat = d.translatedBy ? `  translated by ${ruleText(d.translatedBy)}\n` : '';
    const via = nat + d.path.map((h) => `  via ${ruleText(h)}\n`).join('');
    // Uninterpreted matches that change which rule decides, not the action.
    const uncertain = (d.uncertainBy ?? [])
      .map((h) => `  (or, if its uninterpreted matches match, after ${ruleText(h)})\n`)
      .join('');
    // A packet whose place was left unsaid, where the places agree on the action but not on the rule: each one.
    const places = d.places ?? [];
    const decided =
      places.length > 0
        ? `  ${d.action} in every place tried:\n${places.map((pl) => `    ${pl.place}: ${pl.decidedBy ? ruleText(pl.decidedBy) : `policy of ${pl.policyOf ?? 'the ruleset'}`}\n`).join('')}`
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

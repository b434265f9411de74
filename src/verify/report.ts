import type { Severity } from '../model/finding.js';
import { refIn } from '../model/ref.js';
import { counted, frenchSpaces, type Lang, type Text } from '../model/text.js';
import type { RuleHit } from '../ruleset/evaluate.js';
import type { Verification } from './index.js';
import { describeBox } from './rules.js';
import type { RowVerdict } from './verdicts.js';

/** Where a rule of the configuration is: file, line and its text (as the device wrote it). */
export interface ConfigLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly text?: string;
  readonly chain: string;
  readonly index: number;
}

/** One answer of verify, serialisable as is: a matrix row's verdict or a config rule's problem. */
export interface VerifyItem {
  readonly kind: 'row' | 'shadowed' | 'beyond-matrix' | 'unused' | 'any-to-any';
  readonly severity: Severity;
  readonly message: Text;
  /** The matrix row (row items), by key, catalog, flow and source reference. */
  readonly row?: {
    readonly key: string;
    readonly catalog: string;
    readonly flow: string;
    readonly ref: string;
    readonly leg: number;
  };
  readonly verdict?: RowVerdict;
  /** The config rules the item is about or decided by; the first is the one to look at. */
  readonly locations: readonly ConfigLocation[];
  readonly details: readonly Text[];
}

export interface VerifyReport {
  readonly site: string;
  readonly firewall: string;
  readonly config: readonly string[];
  readonly format: string;
  readonly items: readonly VerifyItem[];
  readonly counts: Readonly<Record<RowVerdict, number>>;
  /** Rules for what the matrix needs and the config lacks, printed by the platform's target. */
  readonly missingRules?: MissingRules;
}

/**
 * The rules a configuration lacks, as the platform's target writes them: `addition` loads beside the device's rules
 * and removes none; `whole-policy` is the target's whole policy for those rows alone (loaded as is, it would replace
 * the device's rules: a text to carry into the device's policy by hand).
 */
export interface MissingRules {
  readonly target: string;
  readonly form: 'addition' | 'whole-policy';
  /** Each file the target writes, by name (an addition's load script names the others). */
  readonly files: readonly { readonly name: string; readonly content: string }[];
}

export const locationOf = (hit: RuleHit): ConfigLocation => {
  const p = hit.rule.provenance;
  const out: { -readonly [K in keyof ConfigLocation]: ConfigLocation[K] } = { chain: hit.chain, index: hit.index };
  if (p.file !== undefined) out.file = p.file;
  if (p.line !== undefined) out.line = p.line;
  if (p.column !== undefined) out.column = p.column;
  if (p.text !== undefined) out.text = p.text;
  return out;
};

/**
 * `file:line`, or `file:line:col` where the reader knows the column (one-line JSON); a rule the reader made with no
 * line of its own (a default, a closing rule) by its chain and place.
 */
export const where = (l: ConfigLocation): string =>
  l.file !== undefined && l.line !== undefined
    ? `${l.file}:${l.line}${l.column !== undefined ? `:${l.column}` : ''}`
    : `${l.file !== undefined ? `${l.file}, ` : ''}chain ${l.chain} rule ${l.index + 1}`;

/** What a return-traffic verdict means for the answers (only what is not `permitted` is said). */
const RETURN_TEXT: Record<RowVerdict, Text> = {
  permitted: { fr: 'les réponses reviennent', en: 'answers are let back' },
  partial: { fr: 'une partie des réponses ne revient pas', en: 'some answers are not let back' },
  denied: { fr: 'les réponses ne reviennent pas', en: 'answers are not let back' },
  indeterminate: {
    fr: 'le retour des réponses dépend de critères non interprétés',
    en: 'whether answers are let back depends on uninterpreted matches',
  },
};

const VERDICT_TEXT: Record<RowVerdict, Text> = {
  permitted: { fr: 'autorisé', en: 'permitted' },
  denied: { fr: 'refusé', en: 'denied' },
  partial: { fr: 'autorisé en partie', en: 'partly permitted' },
  indeterminate: { fr: 'indéterminé', en: 'indeterminate' },
};
export const verdictText = (v: RowVerdict): Text => VERDICT_TEXT[v];

/** The verdict's French words for several rows (English adjectives take no plural). */
const VERDICT_PLURAL_FR: Record<RowVerdict, string> = {
  permitted: 'autorisés',
  denied: 'refusés',
  partial: 'autorisés en partie',
  indeterminate: 'indéterminés',
};
/** `n` rows with a verdict, the words agreeing with the count (`8 autorisés`, `1 refusé`). */
export const verdictCount = (v: RowVerdict, n: number, lang: Lang): string =>
  counted(n, VERDICT_TEXT[v][lang], lang === 'fr' ? VERDICT_PLURAL_FR[v] : VERDICT_TEXT[v].en, lang);

/** French messages get their no-break spaces here, once for every item (`frenchSpaces`). */
const spaced = (t: Text): Text => ({ fr: frenchSpaces(t.fr), en: t.en });

const ROW_SEVERITY: Record<RowVerdict, Severity> = {
  permitted: 'info',
  denied: 'high',
  partial: 'medium',
  indeterminate: 'low',
};

/** Verification → report items: every row (its verdict), then every config rule with something to say. */
export function buildReport(
  v: Verification,
  context: { site: string; config: readonly string[]; format: string },
): VerifyReport {
  const items: VerifyItem[] = [];
  const counts: Record<RowVerdict, number> = { permitted: 0, denied: 0, partial: 0, indeterminate: 0 };
  for (const check of v.rows) {
    counts[check.verdict]++;
    const r = check.rule.row;
    const label = (lang: Lang) => `${r.catalog}/${r.flow} (${refIn(r.ref, lang)})`;
    const details: Text[] = [
      ...check.deniedParts.map((p) => {
        const by = p.by ? where(locationOf(p.by)) : undefined;
        if (p.misrouted)
          return {
            fr: `ne parvient pas à la destination : ${describeBox(p.box, 'fr')} — ${p.misrouted.fr}`,
            en: `does not reach the destination: ${describeBox(p.box)} — ${p.misrouted.en}`,
          };
        return {
          fr: `non autorisé : ${describeBox(p.box, 'fr')} — ${by ? `par ${by}` : `politique de ${p.policyOf ?? 'l’ensemble'}`}`,
          en: `not let through: ${describeBox(p.box)} — ${by ? `by ${by}` : `policy of ${p.policyOf ?? 'the ruleset'}`}`,
        };
      }),
      ...check.translatedBy.map((t) => ({
        fr: `adresse de destination traduite avant filtrage par ${where(locationOf(t))}`,
        en: `destination translated before filtering by ${where(locationOf(t))}`,
      })),
      ...check.reasons,
    ];
    if (check.returnTraffic && check.returnTraffic !== 'permitted') {
      const why = RETURN_TEXT[check.returnTraffic];
      details.push({
        fr: `trafic retour ${VERDICT_TEXT[check.returnTraffic].fr} : ${why.fr}`,
        en: `return traffic ${VERDICT_TEXT[check.returnTraffic].en}: ${why.en}`,
      });
    }
    const verdict = VERDICT_TEXT[check.verdict];
    const severity =
      check.verdict === 'permitted' && check.returnTraffic && check.returnTraffic !== 'permitted'
        ? 'medium'
        : check.verdict === 'denied' && r.level !== 'mandatory'
          ? 'medium'
          : ROW_SEVERITY[check.verdict];
    items.push({
      kind: 'row',
      severity,
      message: { fr: `${label('fr')} : ${verdict.fr}`, en: `${label('en')}: ${verdict.en}` },
      row: { key: r.key, catalog: r.catalog, flow: r.flow, ref: r.ref, leg: check.rule.legIndex },
      verdict: check.verdict,
      locations: [
        ...check.permittedBy.map(locationOf),
        ...check.translatedBy.map(locationOf),
        ...check.deniedParts.flatMap((p) => (p.by ? [locationOf(p.by)] : [])),
      ],
      details,
    });
  }
  for (const rc of v.rules) {
    const loc = locationOf(rc.hit);
    if (rc.shadowed) {
      const blockers = rc.shadowed.by.map((b) => where(locationOf(b)));
      const { policies } = rc.shadowed;
      const byIn = (lang: Lang) =>
        [...blockers, ...policies.map((p) => (lang === 'fr' ? `politique de ${p}` : `policy of ${p}`))].join(', ') ||
        (lang === 'fr' ? 'rien ne l’atteint' : 'nothing reaches it');
      const conflict = rc.shadowed.kind === 'conflict';
      items.push({
        kind: 'shadowed',
        severity: conflict ? 'medium' : 'low',
        message: conflict
          ? {
              fr: `${where(loc)} : jamais atteinte, des règles antérieures décident autrement (${byIn('fr')})`,
              en: `${where(loc)}: never reached, earlier rules decide otherwise (${byIn('en')})`,
            }
          : {
              fr: `${where(loc)} : redondante, masquée par ${byIn('fr')}`,
              en: `${where(loc)}: redundant, hidden by ${byIn('en')}`,
            },
        locations: [loc, ...rc.shadowed.by.map(locationOf)],
        details: [],
      });
    }
    if (rc.anyToAny) {
      items.push({
        kind: 'any-to-any',
        severity: 'critical',
        message: { fr: `${where(loc)} : autorise tout vers tout`, en: `${where(loc)}: permits any to any` },
        locations: [loc],
        details: [],
      });
    } else if (rc.unused) {
      items.push({
        kind: 'unused',
        severity: 'low',
        message: {
          fr: `${where(loc)} : aucune ligne de la matrice n’en a besoin`,
          en: `${where(loc)}: no matrix row needs it`,
        },
        locations: [loc],
        details: (rc.beyondMatrix ?? [])
          .slice(0, 8)
          .map((b) => ({ fr: `autorise ${describeBox(b, 'fr')}`, en: `allows ${describeBox(b)}` })),
      });
    } else if (rc.beyondMatrix) {
      items.push({
        kind: 'beyond-matrix',
        severity: 'high',
        message: {
          fr: `${where(loc)} : ouvre plus que la matrice ne demande`,
          en: `${where(loc)}: opens more than the matrix asks`,
        },
        locations: [loc],
        details: rc.beyondMatrix.slice(0, 8).map((b) => ({
          fr: `autorise ${describeBox(b, 'fr')} hors matrice`,
          en: `allows ${describeBox(b)} beyond the matrix`,
        })),
      });
    }
  }
  const said = items.map((i) => ({ ...i, message: spaced(i.message), details: i.details.map(spaced) }));
  return {
    site: context.site,
    firewall: v.firewall,
    config: context.config,
    format: context.format,
    items: said,
    counts,
  };
}

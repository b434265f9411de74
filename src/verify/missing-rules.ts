import type { Matrix } from '../model/matrix.js';
import { frenchSpaces, type Text } from '../model/text.js';
import { generate, isTargetId, targets } from '../targets/index.js';
import type { ConfigFormat } from './config-formats.js';
import type { verifyFirewall } from './index.js';
import type { MissingRules } from './report.js';

/**
 * The rules the platform's own target writes for the rows the configuration does not (fully) let through. Where
 * the target has an additive form (`additive` on the target) they are that; elsewhere they are the target's whole policy for
 * those rows alone, which would replace the device's rules if loaded as is — the report says so (`form`).
 */
export function missingRules(
  matrix: Matrix,
  firewall: string,
  format: ConfigFormat,
  rows: ReturnType<typeof verifyFirewall>['rows'],
): { missingRules?: MissingRules } {
  const keys = new Set(
    rows.filter((r) => r.verdict === 'denied' || r.verdict === 'partial').map((r) => r.rule.row.key),
  );
  if (keys.size === 0 || !format.target) return {};
  const target = isTargetId(format.target) ? targets[format.target] : undefined;
  const additive = target && target.scope !== 'proxy' ? target.additive : undefined;
  const out = generate(
    { ...matrix, rows: matrix.rows.filter((r) => keys.has(r.key)) },
    { firewall, target: format.target, ...(additive ? { options: { ...additive } } : {}) },
  );
  if (!out.ok) return {};
  const files = out.value.artifacts.map((a) => ({ name: a.path, content: a.content }));
  return { missingRules: { target: format.target, form: additive ? 'addition' : 'whole-policy', files } };
}

/** The files as one text, each after a `# ==> name <==` line when there are several. */
export const missingRulesText = (m: MissingRules): string =>
  (m.files.length === 1 ? (m.files[0]?.content ?? '') : m.files.map(fileBlock).join('\n')).trimEnd();

const fileBlock = (f: { readonly name: string; readonly content: string }): string =>
  `# ==> ${f.name} <==\n${f.content.endsWith('\n') ? f.content : `${f.content}\n`}`;

/** The heading over the rules: what they are, and whether loading them as they are keeps the device's rules. */
export function missingRulesTitle(m: MissingRules): Text {
  const t: Text =
    m.form === 'addition'
      ? {
          fr: `Règles à ajouter (${m.target}) — à charger à côté des règles du pare-feu, qui restent toutes (sa chaîne passe en premier : elle accepte les réponses des connexions établies et rejette les paquets hors connexion valide) : les fichiers ci-dessous, dans un dossier, puis le script de chargement`,
          en: `Rules to add (${m.target}) — to load beside the firewall's rules, which all stay (its chain comes first: it accepts answers of established connections and drops packets of no valid connection): the files below, in one folder, then the load script`,
        }
      : {
          fr: `Règles qui manquent (${m.target}), telles que \`flowmatrix generate\` les écrit pour ces seules lignes — une politique entière : chargée telle quelle, elle remplacerait les règles du pare-feu ; reportez ces règles dans sa politique, ou chargez la sortie complète de \`flowmatrix generate\``,
          en: `Missing rules (${m.target}), as \`flowmatrix generate\` writes them for these rows alone — a whole policy: loaded as is, it would replace the firewall's rules; carry these rules into its policy, or load the whole output of \`flowmatrix generate\``,
        };
  return { fr: frenchSpaces(t.fr), en: t.en };
}

import { type Matrix, siteTitle } from '../model/matrix.js';
import { colon, counted, type Lang, semicolon } from '../model/text.js';
import { REQUIREMENT_LABELS, REQUIREMENT_LEVELS, type RequirementLevel } from '../model/vocab.js';

/** French levels agree with their count (`3 recommandés`); English adjectives do not change. */
const LEVEL_PLURAL_FR: Record<RequirementLevel, string> = {
  mandatory: 'obligatoires',
  recommended: 'recommandés',
  optional: 'optionnels',
};

/** A few lines a person reads after a run: what was built, how big, what crosses which firewall. */
export function summarise(matrix: Matrix, lang: Lang): string {
  const t = (fr: string, en: string) => (lang === 'fr' ? fr : en);
  const c = colon(lang);
  const levels = REQUIREMENT_LEVELS.map((l) => {
    const one = REQUIREMENT_LABELS[l][lang].toLowerCase();
    return counted(
      matrix.rows.filter((r) => r.level === l).length,
      one,
      lang === 'fr' ? LEVEL_PLURAL_FR[l] : one,
      lang,
    );
  });
  const perFirewall = matrix.firewalls.map((f) => {
    const n = matrix.rows.filter((r) => r.legs.some((leg) => leg.hops.some((h) => h.firewall === f.name))).length;
    return `${f.name} (${f.platform})${c} ${n}`;
  });
  const lines = [
    `${siteTitle(matrix, lang)} — ${counted(matrix.rows.length, t('ligne', 'row'), t('lignes', 'rows'), lang)} (${levels.join(', ')})`,
    `${t('Catalogues', 'Catalogs')}${c} ${matrix.catalogs.map((c) => c.id).join(', ')}`,
  ];
  if (matrix.mode === 'site') {
    lines.push(`${t('Zones', 'Zones')}${c} ${Object.keys(matrix.zones).join(', ')}`);
    if (perFirewall.length > 0)
      lines.push(`${t('Pare-feu traversés', 'Firewalls crossed')}${c} ${perFirewall.join(`${semicolon(lang)} `)}`);
    if (matrix.proxy)
      lines.push(
        `${t('Via le proxy', 'Through the proxy')} ${matrix.proxy.name}${c} ${matrix.rows.filter((r) => r.proxy).length}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

import { type Matrix, siteTitle } from '../model/matrix.js';
import type { Lang } from '../model/text.js';
import { REQUIREMENT_LABELS, REQUIREMENT_LEVELS } from '../model/vocab.js';

/** A few lines a person reads after a run: what was built, how big, what crosses which firewall. */
export function summarise(matrix: Matrix, lang: Lang): string {
  const t = (fr: string, en: string) => (lang === 'fr' ? fr : en);
  const levels = REQUIREMENT_LEVELS.map(
    (l) => `${matrix.rows.filter((r) => r.level === l).length} ${REQUIREMENT_LABELS[l][lang].toLowerCase()}`,
  );
  const perFirewall = matrix.firewalls.map((f) => {
    const n = matrix.rows.filter((r) => r.legs.some((leg) => leg.hops.some((h) => h.firewall === f.name))).length;
    return `${f.name} (${f.platform}): ${n}`;
  });
  const lines = [
    `${siteTitle(matrix, lang)} — ${matrix.rows.length} ${t('lignes', 'rows')} (${levels.join(', ')})`,
    `${t('Catalogues', 'Catalogs')}: ${matrix.catalogs.map((c) => c.id).join(', ')}`,
  ];
  if (matrix.mode === 'site') {
    lines.push(`${t('Zones', 'Zones')}: ${Object.keys(matrix.zones).join(', ')}`);
    if (perFirewall.length > 0)
      lines.push(`${t('Pare-feu traversés', 'Firewalls crossed')}: ${perFirewall.join('; ')}`);
    if (matrix.proxy)
      lines.push(
        `${t('Via le proxy', 'Through the proxy')} ${matrix.proxy.name}: ${matrix.rows.filter((r) => r.proxy).length}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

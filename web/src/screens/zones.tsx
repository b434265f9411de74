import { seg } from '../api.ts';
import type { ZonesResponse } from '../api-types.ts';
import { Badge } from '../components/badge.tsx';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { messages } from '../i18n.ts';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useSiteName } from '../use-site-name.ts';

const useT = messages({
  en: {
    title: 'Zones of site {site}',
    caption: 'Matrix lines from a zone (rows) to a zone (columns); policy violations marked ✗',
    from: 'from \\ to',
    cell: '{rows} lines from {from} to {to}',
    violationsOne: '{n} violation',
    violationsMany: '{n} violations',
  },
  fr: {
    title: 'Zones du site {site}',
    caption:
      "Lignes de la matrice d'une zone (lignes) vers une zone (colonnes) ; violations de la politique marquées ✗",
    from: 'de \\ vers',
    cell: '{rows} lignes de {from} vers {to}',
    violationsOne: '{n} violation',
    violationsMany: '{n} violations',
  },
});

/** Zone × zone: counts and violations; each count links to the matrix filtered on the pair. */
export function ZonesScreen({ siteId }: { siteId: string }) {
  const t = useT();
  const siteName = useSiteName(siteId);
  const zones = useApi<ZonesResponse>(`/api/sites/${seg(siteId)}/zones`);
  if (zones.error) return <ErrorNotice error={zones.error} />;
  if (!zones.data) return <Loading />;
  const names = zones.data.zones.map((z) => z.name);
  const cell = (from: string, to: string) => zones.data?.cells.find((c) => c.from === from && c.to === to);
  return (
    <>
      <h1 tabIndex={-1}>{t('title', { site: siteName })}</h1>
      <table className="data zone-matrix">
        <caption>{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('from')}</th>
            {names.map((n) => (
              <th scope="col" key={n}>
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((from) => (
            <tr key={from}>
              <th scope="row">{from}</th>
              {names.map((to) => {
                const c = cell(from, to);
                return (
                  <td key={to} className={c?.violations ? 'has-violations' : undefined}>
                    {c && c.rows > 0 ? (
                      <a
                        href={href(`/sites/${encodeURIComponent(siteId)}/matrix`, {
                          'filter[zone_from]': from,
                          'filter[zone_to]': to,
                        })}
                        aria-label={t('cell', { rows: c.rows, from, to })}
                      >
                        {c.rows}
                      </a>
                    ) : (
                      '0'
                    )}
                    {c && c.violations > 0 && (
                      <>
                        {' '}
                        <Badge tone="bad">
                          {t(c.violations === 1 ? 'violationsOne' : 'violationsMany', { n: c.violations })}
                        </Badge>
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

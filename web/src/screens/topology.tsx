import { seg } from '../api.ts';
import type { TopologyResponse } from '../api-types.ts';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { messages, useLocale } from '../i18n.ts';
import { useApi } from '../use-api.ts';
import { useSiteName } from '../use-site-name.ts';
import { TopologyGraph } from './topology-graph.tsx';

const useT = messages({
  en: {
    title: 'Topology of site {site}',
    zones: 'Zones, their firewalls, roles and hosts',
    zone: 'Zone',
    firewalls: 'Firewalls',
    roles: 'Roles',
    hosts: 'Hosts',
    flows: 'Flows between them',
    from: 'From',
    to: 'To',
    flow: 'Flow',
    ports: 'Ports',
    lines: 'Lines',
  },
  fr: {
    title: 'Topologie du site {site}',
    zones: 'Zones, leurs pare-feux, rôles et hôtes',
    zone: 'Zone',
    firewalls: 'Pare-feux',
    roles: 'Rôles',
    hosts: 'Hôtes',
    flows: 'Flux entre eux',
    from: 'De',
    to: 'Vers',
    flow: 'Flux',
    ports: 'Ports',
    lines: 'Lignes',
  },
});

/** The topology as tables (the accessible twin of a drawing): zones with what they hold, then the flows. */
export function TopologyScreen({ siteId }: { siteId: string }) {
  const t = useT();
  const siteName = useSiteName(siteId);
  // In the screen's language: the Ports texts say `all`/`toutes`, `type 8 (echo-request)` as the matrix does.
  const topo = useApi<TopologyResponse>(`/api/sites/${seg(siteId)}/topology?lang=${useLocale()}`);
  if (topo.error) return <ErrorNotice error={topo.error} />;
  if (!topo.data) return <Loading />;
  const { zones, firewalls, roles, hosts, edges } = topo.data;
  const name = (id: string) =>
    zones.find((z) => z.id === id)?.name ??
    roles.find((r) => r.id === id)?.role ??
    hosts.find((h) => h.id === id)?.name ??
    id;
  return (
    <>
      <h1 tabIndex={-1}>{t('title', { site: siteName })}</h1>
      <TopologyGraph topology={topo.data} />
      <table className="data">
        <caption>{t('zones')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('zone')}</th>
            <th scope="col">{t('firewalls')}</th>
            <th scope="col">{t('roles')}</th>
            <th scope="col">{t('hosts')}</th>
          </tr>
        </thead>
        <tbody>
          {zones.map((z) => (
            <tr key={z.id}>
              <th scope="row">{z.name}</th>
              <td>
                {firewalls
                  .filter((f) => f.zones.includes(z.name) || f.zones.includes(z.id))
                  .map((f) => `${f.name} (${f.platform})`)
                  .join(', ')}
              </td>
              <td>
                {roles
                  .filter((r) => r.zone === z.name || r.zone === z.id)
                  .map((r) => `${r.catalog}/${r.role}`)
                  .join(', ')}
              </td>
              <td>
                {hosts
                  .filter((h) => h.zone === z.name || h.zone === z.id)
                  .map((h) => h.name)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data">
        <caption>{t('flows')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('from')}</th>
            <th scope="col">{t('to')}</th>
            <th scope="col">{t('flow')}</th>
            <th scope="col">{t('ports')}</th>
            <th scope="col">{t('lines')}</th>
          </tr>
        </thead>
        <tbody>
          {edges.map((e) => (
            <tr key={e.id}>
              <td>{name(e.from)}</td>
              <td>{name(e.to)}</td>
              <td>
                {e.catalog}/{e.flow}
              </td>
              <td>
                {e.ports.map((p, i) => (
                  <span key={p}>
                    {i > 0 && <br />}
                    {p}
                  </span>
                ))}
              </td>
              <td>{e.rows}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
